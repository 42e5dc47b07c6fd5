/**
 * What the glue writes to stderr about an error: its name and message only.
 * Never the request, the stack or the error's other properties, which may hold
 * a password, a hash or SQL with user data.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : 'a non-Error value was thrown';
}

export function logError(what: string, error: unknown): void {
  console.error(`Resetdesk: ${what}: ${describeError(error)}`);
}
