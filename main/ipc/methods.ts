/**
 * The names of the contract's methods, without their schemas: what the preload
 * needs to build `window.resetdesk`, so the sandboxed preload does not bundle
 * zod. contract.ts checks at compile time that its table has exactly these keys.
 */
export const METHOD_NAMES = [
  'getAppState',
  'createDirectory',
  'getSession',
  'signIn',
  'changeOwnPassword',
  'signOut',
  'searchUsers',
  'getUser',
  'preflightReset',
  'resetPassword',
  'unlockAccount',
  'copyTemporaryPassword',
  'clipboardStatus',
  'forgetResetResult',
  'listAudit',
  'getSettings',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/** The Electron channel name of a method. */
export const channelOf = (method: MethodName): string => `resetdesk:${method}`;

/** The method of a channel name, or null for anything else. */
export function methodOfChannel(channel: string): MethodName | null {
  const name = channel.startsWith('resetdesk:') ? channel.slice('resetdesk:'.length) : '';
  return (METHOD_NAMES as readonly string[]).includes(name) ? (name as MethodName) : null;
}
