/**
 * One audit event as labelled facts: its fields, then its detail JSON, each in
 * words ("Caller verified: No", "Caller verified by: SMS code"). The Audit
 * screen's event detail lists them and the CSV export has them as columns
 * (one per detail fact), so the two never drift; only the time is written
 * for each medium (the caller passes its formatter).
 */
import { ACTION_WORDS, errorMessageOf } from './audit-words';
import type { AuditAction, AuditEvent, VerificationMethod } from './types';

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
