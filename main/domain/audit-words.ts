/**
 * The audit trail in words, for every place it is read: the app's Audit screen
 * and the pane's recent activity (renderer), and the CSV export (main/ipc), so
 * the two never say different things. One sentence per (action, result, error
 * code), and an event's detail JSON as labelled facts. The tables below are
 * checked at compile time against AUDIT_ACTIONS and ERROR_CODES (a new action
 * or error code does not build until it has words here);
 * test/unit/domain/audit-words.test.ts checks every combination reads as
 * words, not codes. In the domain layer so that both may import it.
 */
import type { AuditAction, AuditEvent, VerificationMethod } from './types';
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
  DIRECTORY_PROFILE_NOT_FOUND: 'no directory connection by that name',
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

export interface Fact {
  /** The detail's JSON key, or the event's field (what a CSV column is keyed by). */
  key: string;
  label: string;
  value: string;
}

/** How one detail field reads: its label, and its value when plain Yes/No/text would mislead. */
interface FactWords {
  label: string;
  value?: (value: unknown) => string;
}

/** A verification method as the agent names it (the Verify caller panel too). */
export const METHOD_WORDS: Record<VerificationMethod, string> = { email: 'email code', sms: 'SMS code', totp: 'authenticator app' };
const methodWords = (value: unknown) => (typeof value === 'string' && Object.hasOwn(METHOD_WORDS, value) ? METHOD_WORDS[value as VerificationMethod] : valueOf(value));
const isAction = (value: unknown): value is AuditAction => typeof value === 'string' && Object.hasOwn(ACTION_WORDS, value);

/** The detail fields the engine, the directories and the settings write, in the order a CSV lists their columns. */
const DETAIL_WORDS: Readonly<Record<string, FactWords>> = {
  generated: { label: 'Password generated' },
  forceChangeNextSignIn: { label: 'Must change at next sign-in' },
  unlocked: { label: 'Account unlocked' },
  wasLocked: { label: 'Was locked' },
  // The engine records the absence of a check (callerUnverified: true); it reads as the check's answer.
  callerUnverified: { label: 'Caller verified', value: (v) => (v === true ? 'No' : v === false ? 'Yes' : valueOf(v)) },
  callerVerifiedBy: { label: 'Caller verified by', value: (v) => (Array.isArray(v) ? (v.length > 0 ? v.map(methodWords).join(', ') : 'None') : methodWords(v)) },
  deliveredTo: { label: 'Password sent to' },
  deliverTo: { label: 'Password to be sent by', value: (v) => (v === 'sms' ? 'SMS' : v === 'email' ? 'Email' : valueOf(v)) },
  passwordWriteback: { label: 'Password writeback' },
  temporaryPasswordLifetimeDays: { label: 'Temporary password lifetime (days)' },
  resolvedAtStart: { label: 'Settled afterwards by reading the directory (its answer was lost, or the app stopped mid-change)' },
  changed: { label: 'The directory shows the change' },
  by: { label: 'Told by' },
  uncertain: { label: 'Another change within the same second cannot be told apart: counted as made' },
  answerLost: { label: "The directory's answer was lost; the change was seen when the user was read again" },
  confirmedBy: { label: 'Seen in' },
  before: { label: 'Values before the change' },
  server: { label: 'Sent to server' },
  // Caller verification, messages and the settings of issue 11.
  method: { label: 'Method', value: methodWords },
  destination: { label: 'Code sent to' },
  triesLeft: { label: 'Tries left' },
  label: { label: 'Device' },
  kind: { label: 'Message' },
  channel: { label: 'Channel' },
  to: { label: 'To' },
  about: { label: 'About', value: (v) => (isAction(v) ? ACTION_WORDS[v].name : valueOf(v)) },
  callerVerification: { label: 'Caller verification rule' },
  passwordHistoryCount: { label: 'Passwords remembered' },
  bannedPasswords: { label: 'Custom banned passwords' },
  delivery: { label: 'Delivery settings' },
  // Directory connections (directory.update): what changed, and where the agent who asked signed in.
  added: { label: 'Connection added' },
  replaced: { label: 'Connection changed' },
  removed: { label: 'Connection removed' },
  used: { label: 'Directory in use now' },
  signedInTo: { label: 'Signed in to' },
  firstProfile: { label: 'First connection of a new file' },
  unusableProfile: { label: 'A connection nobody can sign in to (ldap:// without StartTLS): nobody to ask' },
};

/** The known detail fields, in their column order. */
export const DETAIL_KEYS: readonly string[] = Object.keys(DETAIL_WORDS);

/** camelCase → "Camel case", for a field without a label yet. */
function labelOf(key: string): string {
  const known = Object.hasOwn(DETAIL_WORDS, key) ? DETAIL_WORDS[key] : undefined;
  if (known) return known.label;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueOf(value: unknown): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (value === null || value === undefined) return 'None';
  // A list of words (banned terms) reads as one.
  if (Array.isArray(value)) return value.length > 0 ? value.map(valueOf).join(', ') : 'None';
  // A nested record (the values before a change, delivery settings) reads as its own labelled facts.
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length > 0 ? entries.map(([k, v]) => `${labelOf(k)}: ${valueOf(v)}`).join('; ') : 'None';
  }
  return String(value);
}

function factOf(key: string, value: unknown): Fact {
  const words = Object.hasOwn(DETAIL_WORDS, key) ? DETAIL_WORDS[key] : undefined;
  return { key, label: labelOf(key), value: words?.value ? words.value(value) : valueOf(value) };
}

/** The detail JSON as labelled facts; text that is not a JSON object is one "Detail" fact. */
export function detailFacts(detail: string | null): Fact[] {
  if (detail === null || detail === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return [{ key: 'detail', label: 'Detail', value: detail }];
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [{ key: 'detail', label: 'Detail', value: detail }];
  return Object.entries(parsed).map(([key, value]) => factOf(key, value));
}

/** The detail as one line of words: "Password generated: Yes; Must change at next sign-in: Yes". */
export function detailText(detail: string | null): string {
  return detailFacts(detail)
    .map((fact) => `${fact.label}: ${fact.value}`)
    .join('; ');
}

const RESULT_WORDS: Record<AuditEvent['result'], string> = {
  success: 'Succeeded',
  failure: 'Failed',
  intent: 'Sent to the directory',
};

/** An intent says where its outcome is, or that it is being checked. */
export function resultWords(event: Pick<AuditEvent, 'result' | 'outcomeId'>): string {
  if (event.result !== 'intent') return RESULT_WORDS[event.result];
  if (event.outcomeId === null) return `${RESULT_WORDS.intent}; outcome being checked (the directory's answer was lost, or the app stopped)`;
  return event.outcomeId === undefined ? RESULT_WORDS.intent : `${RESULT_WORDS.intent}; outcome in event ${event.outcomeId}`;
}

/**
 * One event whole, as the detail view lists it and the CSV has its columns:
 * every field in words, then its detail facts. `time` writes the time in the
 * reader's medium (the window's locale, ISO 8601 in a file).
 */
export function eventFacts(event: AuditEvent, time: (iso: string) => string): { head: Fact[]; detail: Fact[]; id: Fact } {
  const message = errorMessageOf(event.errorCode);
  return {
    head: [
      { key: 'time', label: 'Time', value: time(event.at) },
      { key: 'action', label: 'Action', value: ACTION_WORDS[event.action].name },
      { key: 'result', label: 'Result', value: resultWords(event) },
      ...(event.intentId !== null ? [{ key: 'intentId', label: 'Outcome of event', value: String(event.intentId) }] : []),
      ...(event.errorCode
        ? [
            { key: 'reason', label: 'Reason', value: message ?? event.errorCode },
            { key: 'errorCode', label: 'Error code', value: event.errorCode },
          ]
        : []),
      { key: 'target', label: 'Target', value: event.targetUpn ?? 'None' },
      { key: 'agent', label: 'Agent', value: event.actorUpn ?? 'None' },
    ],
    detail: detailFacts(event.detail),
    id: { key: 'id', label: 'Event number', value: String(event.id) },
  };
}
