import type { AgentAccount } from '../directory/directory';
import { DomainError } from '../domain/errors';

/**
 * Why the signed-in agent's own account can no longer act, or null. A session
 * (or the CLI's --as) proved who the agent was at sign-in; this asks the
 * directory again inside each change, so disabling or locking an agent, or
 * taking away every role it held, stops it at its next click instead of at the
 * idle lock.
 *
 * `rolesAtSignIn`: an account that never held a role (any user may sign in)
 * is not "unusable" for holding none now; its resets are refused by the role
 * rules (INSUFFICIENT_ROLE) as before. Losing only some roles is also a role
 * question for decideReset, not a reason to end the session.
 */
export function agentAccountRefusal(
  rolesAtSignIn: readonly string[],
  account: AgentAccount | null,
): DomainError | null {
  if (!account) return unusable('It no longer exists.');
  if (!account.enabled) return unusable('It was disabled.');
  if (account.locked) return unusable('It is locked out.');
  if (account.roles.length === 0 && rolesAtSignIn.length > 0) {
    return unusable('It no longer holds an admin role.');
  }
  return null;
}

/**
 * How a directory refusing the agent's own bind reads, once the agent is signed
 * in (an LDAP directory in agent mode binds as them for every call): the
 * account can no longer act. Null for any other error (a server that does not
 * answer says nothing about the account).
 */
const OWN_BIND_REFUSALS: Readonly<Partial<Record<string, string>>> = {
  ACCOUNT_DISABLED: 'It was disabled.',
  LOCKED_OUT: 'It is locked out.',
  // OpenLDAP answers a disabled or locked account's bind like a wrong password.
  AUTH_FAILED: 'The directory no longer accepts its sign-in: it was disabled or locked, or its password was changed.',
  PASSWORD_CHANGE_REQUIRED: 'Its password must be changed first.',
  PASSWORD_EXPIRED: 'Its password has expired.',
};

export function ownBindRefusal(error: unknown): DomainError | null {
  const detail = error instanceof DomainError ? OWN_BIND_REFUSALS[error.code] : undefined;
  return detail ? unusable(detail) : null;
}

function unusable(detail: string): DomainError {
  return new DomainError('AGENT_ACCOUNT_UNUSABLE', detail);
}
