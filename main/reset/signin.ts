import type { AuditDraft } from '../domain/types';
import type { AccountsUnit, EmbeddedAccounts, StoredAccount } from '../directory/embedded-accounts';
import type { Authenticator, SignInOutcome } from '../directory/directory';
import { DomainError, type ErrorCode } from '../domain/errors';
import type { PasswordHasher, VerifyResult } from './hashing';
import { CLEARED_LOCKOUT } from '../domain/lockout';
import { applyFailure } from './lockout';
import { checkPasswordPolicy } from '../domain/password-policy';
import type { Secret } from '../domain/secret';
import type { SignInResult } from '../domain/sign-in';

export { SIGN_IN_RESULTS, type SignInResult } from '../domain/sign-in';
export type { SignInOutcome } from '../directory/directory';

/** The error code each result stands for: recorded in the audit, thrown where a sign-in is required. */
export const SIGN_IN_ERROR: Record<SignInResult, ErrorCode | null> = {
  ok: null,
  password_change_required: 'PASSWORD_CHANGE_REQUIRED',
  locked: 'LOCKED_OUT',
  invalid_credentials: 'AUTH_FAILED',
  disabled: 'ACCOUNT_DISABLED',
  password_expired: 'PASSWORD_EXPIRED',
};

/**
 * How many times a sign-in verifies when the stored hash keeps changing under
 * it. One concurrent re-hash needs a second round; more than that is someone
 * resetting the password again and again, and the attempt counts as nothing.
 */
const MAX_VERIFY_ROUNDS = 3;

/** A transaction's answer meaning "the hash changed while we verified: verify again". */
const STALE = Symbol('stale verification');

/** The refusal for a sign-in that did not let the user in; `asked`: which directory answered (directoryAsked). */
export function signInRefusal(result: SignInResult, asked?: string): DomainError {
  return new DomainError(SIGN_IN_ERROR[result] ?? 'AUTH_FAILED', asked === undefined ? undefined : `(asked: ${asked})`);
}

/** A sign-in that failed before any answer about the user (unreachable, certificate…), saying which directory it asked. */
export function withAsked(error: unknown, asked: string): unknown {
  if (!(error instanceof DomainError)) return error;
  return new DomainError(error.code, [error.detail, `(asked: ${asked})`].filter(Boolean).join(' '));
}

/**
 * The embedded directory's sign-in model, so the whole life of a temporary
 * password can be observed: sign-in, smart lockout, forced change. Every call
 * writes one audit event in the transaction that updates the counters.
 *
 * Unknown users and users without a password cost the same scrypt work as real
 * ones and answer the same "invalid credentials", so neither can be told apart
 * by answer or timing.
 */
export class SignInService implements Authenticator {
  readonly #accounts: EmbeddedAccounts;
  readonly #hasher: PasswordHasher;

  constructor(accounts: EmbeddedAccounts, hasher: PasswordHasher) {
    this.#accounts = accounts;
    this.#hasher = hasher;
  }

  async signIn(upn: string, password: Secret): Promise<SignInOutcome> {
    return this.#authenticate(upn, password, 'signin', (account, unit) => {
      // The password was right: if a temporary one is open, this is its use (must change now or not).
      unit.temporaryPasswordUsed(account);
      return account.user.forceChangeNextSignIn ? 'password_change_required' : 'ok';
    });
  }

  /** The user's own change: the old password proves who they are; the new one must meet the policy. */
  async changePassword(upn: string, oldPassword: Secret, newPassword: Secret): Promise<void> {
    const policy = this.#accounts.tenant().passwordPolicy;
    const violations = checkPasswordPolicy(newPassword.reveal(), policy, { previous: oldPassword.reveal() });
    // Hash before checking the old password so a wrong one costs the same time.
    const newHash = await this.#hasher.hash(newPassword.reveal());
    const outcome = await this.#authenticate(upn, oldPassword, 'password.change', (account, unit) => {
      if (violations.length > 0) {
        return new DomainError('POLICY_VIOLATION', violations.map((v) => v.message).join(' '));
      }
      unit.setPassword(account, { hash: newHash, forceChangeNextSignIn: false, tempPasswordExpiresAt: null });
      unit.temporaryPasswordReplaced(account);
      return 'ok';
    });
    if (outcome.result === 'ok' || outcome.result === 'password_change_required') return;
    throw signInRefusal(outcome.result);
  }

  /**
   * Verifies the password, applies smart lockout, and when the password is right
   * and the account usable runs `onVerified` inside the same transaction. It
   * returns the sign-in result, or a DomainError that refuses the action (audited
   * as a failure; the counters are still cleared, since the password was right).
   */
  async #authenticate(
    upn: string,
    password: Secret,
    action: 'signin' | 'password.change',
    onVerified: (account: StoredAccount, unit: AccountsUnit) => SignInResult | DomainError,
  ): Promise<SignInOutcome> {
    for (let round = 1; ; round++) {
      const outcome = await this.#attempt(upn, password, action, onVerified, round < MAX_VERIFY_ROUNDS);
      if (outcome === STALE) continue;
      if (outcome instanceof DomainError) throw outcome;
      return outcome;
    }
  }

  /**
   * One round: verify outside any transaction (scrypt takes a while), then
   * decide inside one on fresh state.
   *
   * The verification answers "is this password right for the hash read
   * before", and the hash may have changed meanwhile in two ways: a concurrent
   * correct sign-in re-hashed it with new parameters (the same password, so a
   * right one must still get in), or a reset or change put another password
   * there (then this answer is stale: the old password must not get in, and a
   * wrong guess at the old hash says nothing about the new one). Telling the two
   * apart from the row would need a password generation that changes on every
   * write; password_last_set is in milliseconds (two writes can share one, and
   * tests' clocks stand still). So a round whose hash changed writes nothing and
   * returns STALE, and the next round verifies against the hash stored now: its
   * answer is about the current password whichever way the hash changed, and
   * counts (success, or a failure for smart lockout) like any sign-in. When
   * `mayRetry` is false (the hash kept changing), the attempt counts as nothing.
   */
  async #attempt(
    upn: string,
    password: Secret,
    action: 'signin' | 'password.change',
    onVerified: (account: StoredAccount, unit: AccountsUnit) => SignInResult | DomainError,
    mayRetry: boolean,
  ): Promise<SignInOutcome | DomainError | typeof STALE> {
    const before = this.#accounts.read(upn);
    const verification = await this.#verify(upn, before, password);
    const rehash =
      verification.ok && verification.needsRehash ? await this.#hasher.hash(password.reveal()) : null;

    return this.#accounts.transact((unit): SignInOutcome | DomainError | typeof STALE => {
      const now = unit.now;
      const account = unit.account(upn);
      const user = account?.user;
      const audit = (result: SignInResult | DomainError) => {
        const code = result instanceof DomainError ? result.code : SIGN_IN_ERROR[result];
        const draft: AuditDraft = {
          actorId: user?.id ?? null,
          actorUpn: user?.upn ?? upn,
          targetId: user?.id ?? null,
          targetUpn: user?.upn ?? upn,
          action,
          result: code === null ? 'success' : 'failure',
          errorCode: user ? code : 'USER_NOT_FOUND',
        };
        unit.audit(draft);
      };
      const finish = (result: SignInResult | DomainError): SignInOutcome | DomainError => {
        audit(result);
        if (result instanceof DomainError) return result;
        const signedIn = result === 'ok' || result === 'password_change_required';
        if (!signedIn || !user) return { result };
        // Read again: this unit may have just cleared the counters or changed the password.
        const current = unit.account(user.upn)!.user;
        return result === 'ok' ? { result, user: current, credential: { upn: current.upn } } : { result, user: current };
      };

      if (!account || !user) return finish('invalid_credentials');
      if (user.locked) return finish('locked');
      // The hash changed while we verified (see above): verify again, or count nothing.
      if (account.passwordHash !== before?.passwordHash) return mayRetry ? STALE : finish('invalid_credentials');

      if (!verification.ok) {
        const state = {
          failedAttempts: user.failedAttempts,
          lockedUntil: account.lockedUntilMs,
          lockoutCount: user.lockoutCount,
          recentBadDigests: [...account.recentBadDigests],
        };
        const failure = applyFailure(state, verification.attemptDigest, unit.tenant.lockoutPolicy, now);
        if (failure.counted) unit.setLockout(account, failure.state);
        return finish('invalid_credentials');
      }
      if (!user.enabled) return finish('disabled');
      if (account.tempPasswordExpiresAt !== null && now >= account.tempPasswordExpiresAt) {
        return finish('password_expired');
      }
      if (user.failedAttempts > 0 || user.lockoutCount > 0 || account.recentBadDigests.length > 0) {
        unit.setLockout(account, CLEARED_LOCKOUT);
      }
      if (rehash) unit.rehash(account, rehash);
      return finish(onVerified(account, unit));
    });
  }

  #verify(upn: string, account: StoredAccount | undefined, password: Secret): Promise<VerifyResult> {
    if (account?.passwordHash) return this.#hasher.verify(password.reveal(), account.passwordHash);
    return this.#hasher.verifyAgainstNothing(password.reveal(), account?.user.id ?? upn.toLowerCase());
  }
}
