/**
 * The audit trail in words: one sentence per (action, result, error code);
 * audit-facts.ts writes an event's fields and detail as labelled facts. Read
 * by the app's Audit screen and the pane's recent activity (renderer) and by
 * the CSV export (main/ipc), so they never say different things: in the
 * domain layer so that both may import it. The tables below are checked at
 * compile time against AUDIT_ACTIONS and ERROR_CODES (a new action or error
 * code does not build until it has words here);
 * test/unit/domain/audit-words.test.ts checks every combination reads as
 * words, not codes.
 */
import type { AuditAction, AuditEvent } from './types';
import { ERROR_MESSAGES, isErrorCode, type ErrorCode } from './errors';

/** The action's name (the filter's choices) and what the event says when it succeeded or failed. */
export const ACTION_WORDS: Record<AuditAction, { name: string; done: string; failed: string; sent?: string }> = {
  'password.reset': { name: 'Password reset', done: 'Password reset', failed: 'Password reset refused', sent: 'Password reset sent to the directory' },
  'account.unlock': { name: 'Account unlock', done: 'Account unlocked', failed: 'Unlock refused', sent: 'Unlock sent to the directory' },
  signin: { name: 'Sign-in', done: 'Signed in', failed: 'Sign-in failed' },
  'password.change': { name: 'Password change', done: 'Password changed', failed: 'Password change failed' },
  'tenant.update': { name: 'Tenant settings change', done: 'Tenant settings changed', failed: 'Tenant settings change refused' },
  'directory.update': { name: 'Directory connection change', done: 'Directory connections changed', failed: 'Directory connection change refused' },
  'verification.send': { name: 'Verification code sent', done: 'Verification code sent to the caller', failed: 'Verification code not sent' },
  'verification.check': { name: 'Caller verification', done: 'Caller verified', failed: 'Caller verification failed' },
  'verification.register': { name: 'Authenticator registration', done: 'Authenticator app registered', failed: 'Authenticator registration refused' },
  'notification.send': { name: 'Message to a user', done: 'Message sent', failed: 'Message not delivered' },
};

/** Why an action failed, short enough to follow "Sign-in failed: ". */
export const REASON_WORDS = {
  INVALID_INPUT: 'the request was not valid',
  USER_NOT_FOUND: 'no such user',
  AUTH_FAILED: 'wrong password',
  LOCKED_OUT: 'account locked',
  ACCOUNT_DISABLED: 'account disabled',
  PASSWORD_CHANGE_REQUIRED: 'the password must be changed first',
  PASSWORD_EXPIRED: 'temporary password expired',
  INSUFFICIENT_ROLE: "the agent's role does not allow it",
  SELF_RESET: 'agents cannot reset their own password',
  NOT_HOME_TENANT: "the user's home tenant is elsewhere",
  EXTERNAL_AUTHORITY: 'the source of authority is External Azure AD',
  WRITEBACK_DISABLED: 'password writeback is off',
  FEDERATED_DOMAIN: 'the domain is federated',
  ADMIN_COUNT: 'protected account (AdminCount=1)',
  POLICY_VIOLATION: 'the password does not meet the policy',
  PASSWORD_REQUIRED: 'an on-premises user needs a typed password',
  PASSWORD_NOT_ALLOWED: 'cloud users get a generated password',
  DIRECTORY_NOT_FOUND: 'no directory',
  DIRECTORY_EXISTS: 'the directory already exists',
  NOT_A_DIRECTORY: 'the file is not a Resetdesk directory',
  DIRECTORY_READ_ONLY: 'the directory file is read-only',
  DIRECTORY_DAMAGED: 'the directory file is damaged',
  DATABASE_NEWER: 'the directory is from a newer Resetdesk',
  NOT_SIGNED_IN: 'not signed in',
  SESSION_LOCKED: 'the session was locked',
  AGENT_ACCOUNT_UNUSABLE: "the agent's own account can no longer act",
  RESULT_GONE: 'the result was no longer available',
  FIRST_RUN_OVER: 'the first-run passwords were no longer kept',
  FILE_NOT_SAVED: 'the file could not be saved',
  FORBIDDEN_SENDER: 'the request did not come from Resetdesk',
  SEARCH_SUPERSEDED: 'a newer search replaced it',
  DIRECTORY_UNREACHABLE: 'the directory server did not answer',
  DIRECTORY_TLS_REQUIRED: 'the connection to the directory was not encrypted',
  DIRECTORY_CERTIFICATE: "the directory server's certificate was not trusted",
  DIRECTORY_ACCESS_DENIED: 'the directory refused: no Reset Password right on that user',
  DIRECTORY_CONNECTION_LOST: 'the directory stopped answering mid-change',
  DIRECTORY_OUTCOME_UNKNOWN: 'the directory stopped answering after the change was sent: outcome being checked',
  DIRECTORY_ERROR: 'the directory refused the operation',
  DIRECTORY_READ_LIMITED: 'the directory refused to list every user',
  DIRECTORY_PROFILE_NOT_FOUND: 'no directory connection by that name',
  CONNECTION_CHANGE_REFUSED: 'only a Global Administrator of the directory in use may change connections',
  SETTINGS_CHANGE_REFUSED: "only a Global Administrator may change the tenant's settings",
  CALLER_NOT_VERIFIED: 'the caller was not verified',
  VERIFICATION_METHOD_UNAVAILABLE: 'the user has no such verification method',
  VERIFICATION_NOT_STARTED: 'no code had been sent',
  VERIFICATION_CODE_WRONG: 'wrong code',
  VERIFICATION_EXPIRED: 'the code had expired',
  VERIFICATION_SEND_LIMIT: 'too many codes sent in the last hour',
  VERIFICATION_ATTEMPTS_EXCEEDED: 'too many wrong codes',
  DELIVERY_NOT_CONFIGURED: 'delivery by that channel is not set up',
  DELIVERY_FAILED: 'the message could not be delivered',
  SECRET_STORE_UNAVAILABLE: 'the system keychain was not available',
  ROLE_REQUIRED: "the agent's role does not allow it",
  LOCAL_FILE_UNSAFE: 'other accounts could write to the local file',
  LOCAL_FILE_FULL: 'the disk was full',
  LOCAL_FILE_IO: 'the disk could not read or write the local file',
  STORE_UNAVAILABLE: "the team's database did not answer",
  STORE_AUTH_FAILED: "the team's database refused the server's account",
  STORE_TLS_FAILED: "the team's database was not reached over trusted TLS",
  STORE_SCHEMA_NEWER: "the team's database is from a newer Resetdesk",
  INTERNAL: 'an unexpected error',
} as const satisfies Partial<Record<string, string>>;

// Compile-time exhaustiveness: an ErrorCode without words makes MissingReason
// that code instead of `never`, and this line fails to build.
type MissingReason = Exclude<ErrorCode, keyof typeof REASON_WORDS>;
const noMissingReason: [MissingReason] extends [never] ? true : MissingReason = true;
void noMissingReason;

export function reasonOf(code: string): string {
  return isErrorCode(code) && Object.hasOwn(REASON_WORDS, code)
    ? REASON_WORDS[code as keyof typeof REASON_WORDS]
    : `unknown reason (${code})`;
}

/** "Password reset", "Sign-in failed: wrong password". */
export function describeEvent(event: Pick<AuditEvent, 'action' | 'result' | 'errorCode' | 'outcomeId'>): string {
  const words = ACTION_WORDS[event.action];
  if (event.result === 'success') return words.done;
  // An intent: the change was sent to a remote directory; its outcome is a later event naming it,
  // and until there is one (the answer was lost, or the app stopped) nobody knows whether it was made.
  if (event.result === 'intent') {
    const sent = words.sent ?? `${words.name}: sent`;
    return event.outcomeId === null ? `${sent}: outcome being checked` : sent;
  }
  return event.errorCode ? `${words.failed}: ${reasonOf(event.errorCode)}` : words.failed;
}

/** The agent-facing message of the event's error code, for the detail view. */
export function errorMessageOf(code: string | null): string | null {
  return code !== null && isErrorCode(code) ? ERROR_MESSAGES[code] : null;
}
