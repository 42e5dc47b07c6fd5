import type { CreatedAccount } from '../app/init-directory';
import type { SearchResults, UserSummary } from '../domain/types';
import type { AuditEvent, ContactMethod, DirectoryUser, TenantSettings } from '../domain/types';
import type { ResetOutcome } from '../reset/engine';
import type { NoticeResult } from '../ipc/contract';
import { groupForDisplay, natoReadout } from '../reset/generator';
import type { SignInResult } from '../reset/signin';
import { disabledAfter, type AccountChange } from '../domain/disabled-account';
import { localTimeText } from '../domain/time';

/** Plain-text output for people; --json gives machines the same facts. */

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** `synced`: the embedded directory's on-premises users are synced copies; read from AD or OpenLDAP itself they are not. */
export function badges(user: UserSummary, synced = true): string[] {
  const out: string[] = [];
  if (user.locked) out.push('Locked');
  if (!user.enabled) out.push('Disabled');
  if (user.userType === 'guest') out.push('Guest');
  if (synced && user.source === 'onPremises') out.push('Synced');
  if (user.adminCount === 1) out.push('Protected');
  if (user.domainType === 'federated') out.push('Federated');
  if (user.source === 'externalAzureAD') out.push('External');
  return [...out, ...user.roles];
}

export function usersTable(users: UserSummary[], synced = true): string {
  if (users.length === 0) return 'No users found.\n';
  return table(
    ['Display name', 'UPN', 'Department', 'Badges'],
    users.map((u) => [u.displayName, u.upn, u.department ?? '', badges(u, synced).join(', ')]),
  );
}

/** 1342 → "1,342". Not toLocaleString: loading ICU's number formats costs ~10 ms of a CLI call's start. */
export const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The results table, and when the page does not hold every match a line saying
 * which part it is: "Showing 1–25 of 1,342." or "... of more than 1,000."
 */
export function searchText(results: SearchResults, offset: number, synced = true): string {
  const { users, total } = results;
  const text = usersTable(users, synced);
  if (users.length === 0 || (total.exact && total.count === users.length)) return text;
  const of = total.exact ? thousands(total.count) : `more than ${thousands(total.count)}`;
  return `${text}Showing ${thousands(offset + 1)}–${thousands(offset + users.length)} of ${of}.\n`;
}

const CONTACT_LABELS: Record<Exclude<ContactMethod['kind'], 'email'>, string> = {
  mobilePhone: 'Mobile phone',
  officePhone: 'Office phone',
  alternateEmail: 'Alternate email',
  authenticatorApp: 'Authenticator app',
  securityQuestion: 'Security question',
};

/** Phones and methods as main shows them everywhere: verification values masked. */
function contactRows(u: DirectoryUser): [string, string][] {
  return u.contactMethods.flatMap((m): [string, string][] =>
    m.kind === 'email' ? [] : [[CONTACT_LABELS[m.kind], `${m.value ?? 'registered'}${m.verification ? ' (verification method)' : ''}`]],
  );
}

export function userText(u: DirectoryUser): string {
  const rows: [string, string][] = [
    ['Display name', u.displayName],
    ['UPN', u.upn],
    ['Object ID', u.id],
    ['Mail', u.mail ?? '—'],
    ...contactRows(u),
    ['Source of authority', `${u.source} (${u.domain}, ${u.domainType})`],
    ['User type', u.guestHome ? `${u.userType} (home: ${u.guestHome})` : u.userType],
    ['Roles', u.roles.join(', ') || 'none'],
    ['Account enabled', u.enabled ? 'yes' : 'no'],
    ['Locked', u.locked ? (u.lockedUntil === null ? 'yes' : `until ${localTimeText(u.lockedUntil)}`) : 'no'],
    ['Failed sign-ins', String(u.failedAttempts)],
    ['Password last set', u.passwordLastSet === null ? 'never' : localTimeText(u.passwordLastSet)],
    ['Must change at next sign-in', u.forceChangeNextSignIn ? 'yes' : 'no'],
    ['Password never expires', u.passwordNeverExpires ? 'yes' : 'no'],
    ['AdminCount', u.adminCount === 1 ? '1 (protected)' : '0'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n';
}

/** The tenant's callerVerification rule as an agent reads it. */
const CALLER_RULE_WORDS: Record<TenantSettings['callerVerification'], string> = {
  off: 'off',
  recommended: 'recommended (an unverified reset is audited as such)',
  required: 'required (one method)',
  'required-for-admins': 'two methods for users holding an admin role, recommended for the others',
};

export function tenantText(t: TenantSettings, db: string): string {
  return [
    `Tenant: ${t.name} (${t.tenantId})`,
    `Directory: ${db}`,
    `Domains: ${t.domains.map((d) => `${d.name} (${d.type}${d.isDefault ? ', default' : ''})`).join('; ')}`,
    `Password writeback: ${t.passwordWriteback ? 'on' : 'off'}`,
    `Temporary password lifetime: ${t.temporaryPasswordLifetimeDays === null ? 'never expires' : `${t.temporaryPasswordLifetimeDays} days`}`,
    `Password policy: ${t.passwordPolicy.minLength}–${t.passwordPolicy.maxLength} characters, ${t.passwordPolicy.requiredCategories} of 4 categories`,
    `Smart lockout: ${t.lockoutPolicy.threshold} failures lock for ${t.lockoutPolicy.durationSeconds} s, longer each time`,
    `Caller verification: ${CALLER_RULE_WORDS[t.callerVerification]}`,
    `Password history: ${t.passwordHistoryCount === 0 ? 'off' : `the last ${t.passwordHistoryCount} may not be reused`}`,
    `Banned passwords: the global list and ${t.bannedPasswords.length} custom ${t.bannedPasswords.length === 1 ? 'term' : 'terms'}`,
  ].join('\n') + '\n';
}

export function initText(path: string, tenant: string, users: number, accounts: CreatedAccount[]): string {
  return (
    `Created ${tenant} with ${users} users in ${path}\n\n` +
    'Agent accounts (these passwords are shown once):\n' +
    table(
      ['UPN', 'Roles', 'Password'],
      accounts.map((a) => [a.upn, a.roles.join(', '), a.password.reveal()]),
    )
  );
}

export function resetText(outcome: ResetOutcome): string {
  // A typed password is the agent's own: say it was set, never print it back.
  const shown = outcome.generated ? outcome.temporaryPassword.reveal() : null;
  return [
    shown === null
      ? `The password you typed is set for ${outcome.upn}.`
      : [
          `Temporary password for ${outcome.upn}: ${shown}`,
          `Grouped: ${groupForDisplay(shown).join(' ')}`,
          `Read aloud: ${natoReadout(shown).join(', ')}`,
        ].join('\n'),
    outcome.forceChangeNextSignIn ? 'The user must change it at next sign-in.' : 'The user is not asked to change it.',
    outcome.unlocked ? 'The account was locked and is now unlocked.' : '',
    outcome.expiresAt ? `It stops working at ${localTimeText(outcome.expiresAt)}.` : 'It does not expire.',
    outcome.accountEnabled ? '' : disabledAfter('reset'),
  ]
    .filter(Boolean)
    .join('\n') + '\n';
}

/** After an unlock of a disabled account: it is still disabled (nothing when it is enabled). */
export function disabledText(outcome: { accountEnabled: boolean }, change: AccountChange): string {
  return outcome.accountEnabled ? '' : `${disabledAfter(change)}\n`;
}

const SIGN_IN_TEXT: Record<SignInResult, string> = {
  ok: 'Signed in.',
  password_change_required: 'Password accepted: you must change your password now (resetdesk password change).',
  locked: 'The account is locked. Try again later or ask the helpdesk to unlock it.',
  invalid_credentials: 'Your account or password is incorrect.',
  disabled: 'The account is disabled.',
  password_expired: 'The temporary password has expired. Ask the helpdesk for a new one.',
};

export function signInText(upn: string, result: SignInResult): string {
  return `${upn}: ${SIGN_IN_TEXT[result]}\n`;
}

/** An intent's result in words: sent, with where its outcome is or that it is being checked. */
function resultText(e: AuditEvent): string {
  if (e.result !== 'intent') return e.result;
  return e.outcomeId === null ? 'sent: outcome being checked' : e.outcomeId === undefined ? 'sent' : `sent: outcome #${e.outcomeId}`;
}

export function auditTable(events: AuditEvent[]): string {
  if (events.length === 0) return 'No audit events.\n';
  return table(
    ['Time', 'Agent', 'Target', 'Action', 'Result', 'Code'],
    events.map((e) => [localTimeText(e.at), e.actorUpn ?? '', e.targetUpn ?? '', e.action, resultText(e), e.errorCode ?? '']),
  );
}

const NOTICE_WORDS: Record<NoticeResult['kind'], [sent: string, failed: string]> = {
  'user-notice': ['User notified', 'User NOT notified'],
  'admin-notice': ['Global Administrator notified', 'Global Administrator NOT notified'],
  'temporary-password': ['Temporary password sent', 'Temporary password NOT sent'],
};

/**
 * One line per message after a reset or unlock (recipients masked, as in the
 * audit); empty when none was due. Messages of one kind that failed for the
 * same reason share one line (no keychain for the sample's outbox fails them
 * all alike), which ends with the error's code as the CLI's errors do.
 */
export function noticesText(results: readonly NoticeResult[]): string {
  const lines: { key: string | null; head: string; to: string[]; tail: string }[] = [];
  for (const r of results) {
    if (r.kind === 'temporary-password') continue; // said by sentResetText
    const [sent, failed] = NOTICE_WORDS[r.kind];
    const by = r.channel === 'sms' ? 'by SMS' : 'by email';
    if (r.delivered) {
      lines.push({ key: null, head: `${sent} ${by} at`, to: [r.to], tail: '.' });
      continue;
    }
    const why = r.error ? `${r.error.message} [${r.error.code}]` : 'not delivered.';
    const key = `${r.kind}|${r.channel}|${why}`;
    const same = lines.find((line) => line.key === key);
    if (same) same.to.push(r.to);
    else lines.push({ key, head: `${failed} ${by} at`, to: [r.to], tail: `: ${why}` });
  }
  return lines.map((line) => `${line.head} ${line.to.join(', ')}${line.tail}\n`).join('');
}

/** A reset whose password went to the user: where, never what. */
export function sentResetText(
  channel: 'email' | 'sms',
  sentTo: string,
  sent: NoticeResult,
  facts: { upn: string; forceChangeNextSignIn: boolean; unlocked: boolean; expiresAt: string | null; accountEnabled: boolean },
): string {
  const by = channel === 'sms' ? 'by SMS' : 'by email';
  return [
    sent.delivered
      ? `Temporary password for ${facts.upn} sent ${by} to ${sentTo}; it is not shown here.`
      : `The password of ${facts.upn} was reset, but the message ${by} to ${sentTo} could not be sent: ${sent.error?.message ?? 'not delivered.'}\n` +
        'Nobody knows the new password: reset it again.',
    facts.forceChangeNextSignIn ? 'The user must change it at next sign-in.' : 'The user is not asked to change it.',
    facts.unlocked ? 'The account was locked and is now unlocked.' : '',
    facts.expiresAt ? `It stops working at ${localTimeText(facts.expiresAt)}.` : 'It does not expire.',
    facts.accountEnabled ? '' : disabledAfter('reset'),
  ]
    .filter(Boolean)
    .join('\n') + '\n';
}
