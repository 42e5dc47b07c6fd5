/**
 * The password rules for a password a person chose (an agent's typed password
 * for an on-premises user, a user's own change), on top of the policy's length
 * and character rules: Entra's banned-password check (main/domain/banned-passwords.ts)
 * with the global list and the tenant's custom list, and the tenant's history
 * rule (the last N passwords of the user may not come back).
 *
 * History keeps scrypt hashes only, in the local file whatever the directory;
 * the embedded directory's current hash counts too. Verifying them is the costly
 * part (a scrypt each), so it runs only when the password is about to be written
 * (`history: true`), never for the live check, and the hashes are verified in
 * parallel on the thread pool.
 */
import { bannedPasswordProblems, TermIndex, EMPTY_TERMS, type BannedContext } from '../domain/banned-passwords';
import type { PasswordHistoryStore } from '../domain/stores';
import { checkPasswordPolicy } from '../domain/password-policy';
import type { Secret } from '../domain/secret';
import type { DirectoryUser, TenantSettings } from '../domain/types';
import { globalBannedTerms } from './banned-list';
import type { PasswordCheck } from './guards';
import type { PasswordHasher } from './hashing';

export type PasswordSubject = Pick<DirectoryUser, 'givenName' | 'surname'>;

/** The custom list's index, rebuilt only when the tenant's list changes (a keystroke must not rebuild it). */
let customCache: { key: string; index: TermIndex } | null = null;

function customTerms(tenant: TenantSettings): TermIndex {
  if (tenant.bannedPasswords.length === 0) return EMPTY_TERMS;
  const key = tenant.bannedPasswords.join('\n');
  if (customCache?.key !== key) customCache = { key, index: new TermIndex(tenant.bannedPasswords) };
  return customCache.index;
}

export interface BannedCheckOptions {
  /** The global list; the shipped one by default (tests pass their own). */
  globalTerms?: () => Promise<TermIndex>;
}

/** The banned-password reasons for this user in this tenant; empty when it passes. */
export async function bannedProblems(
  subject: PasswordSubject | null,
  password: Secret,
  tenant: TenantSettings,
  options: BannedCheckOptions = {},
): Promise<string[]> {
  const context: BannedContext = {
    global: await (options.globalTerms ?? globalBannedTerms)(),
    custom: customTerms(tenant),
    names: subject ? [subject.givenName ?? '', subject.surname ?? ''] : [],
    tenantName: tenant.name,
  };
  return bannedPasswordProblems(password.reveal(), context);
}

/**
 * The live check of a chosen password: the policy's rules, then the banned
 * terms (no history: it costs scrypt work on every keystroke). `previous`: the
 * current password, on a user's own change.
 */
export async function checkChosenPassword(
  subject: PasswordSubject | null,
  password: Secret,
  tenant: TenantSettings,
  options: BannedCheckOptions & { previous?: Secret } = {},
): Promise<string[]> {
  const policy = checkPasswordPolicy(
    password.reveal(),
    tenant.passwordPolicy,
    options.previous ? { previous: options.previous.reveal() } : {},
  ).map((v) => v.message);
  return [...policy, ...(await bannedProblems(subject, password, tenant, options))];
}

export function historyMessage(count: number): string {
  return count <= 1
    ? "It is the account's current password: choose a new one."
    : `It is one of the last ${count} passwords of this account: choose one not used before.`;
}

/**
 * The directory's own current hash of a user, when the directory keeps
 * passwords itself (the embedded one); null when it does not know the user.
 * The history store never holds it: a store on a server knows no directory's hashes.
 */
export type CurrentPasswordHash = (userId: string) => Promise<string | null>;

export interface PasswordCheckDeps extends BannedCheckOptions {
  history: PasswordHistoryStore;
  hasher: PasswordHasher;
  /** Absent for a directory that keeps no hashes Resetdesk can read (AD, OpenLDAP). */
  currentHash?: CurrentPasswordHash;
}

/** Whether the password is among the user's last N (the embedded current one included). */
export async function inHistory(deps: PasswordCheckDeps, userId: string, password: Secret, tenant: TenantSettings): Promise<boolean> {
  const count = tenant.passwordHistoryCount;
  if (count <= 0) return false;
  const [current, recent] = await Promise.all([deps.currentHash?.(userId) ?? null, deps.history.recent(userId, count)]);
  const hashes = [...(current ? [current] : []), ...recent];
  const results = await Promise.all(
    // A malformed stored hash is corrupt data, not a match: it must not block every password.
    hashes.map((hash) => deps.hasher.verify(password.reveal(), hash).then((r) => r.ok, () => false)),
  );
  return results.some(Boolean);
}

export function createPasswordCheck(deps: PasswordCheckDeps): PasswordCheck {
  return {
    async problems(target, password, tenant, { history }) {
      const problems = await bannedProblems(target, password, tenant, deps);
      if (history && (await inHistory(deps, target.id, password, tenant))) {
        problems.unshift(historyMessage(tenant.passwordHistoryCount));
      }
      return problems;
    },
    async remember(userId, password, tenant, now, made) {
      const keep = tenant.passwordHistoryCount;
      if (keep <= 0) return;
      const hash = made ?? (await deps.hasher.hash(password.reveal()));
      await deps.history.add(userId, hash, now, keep);
    },
  };
}
