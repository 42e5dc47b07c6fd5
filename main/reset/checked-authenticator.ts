/**
 * A user's own password change, checked by Resetdesk before the directory sees
 * it: the policy, Entra's banned-password check and the tenant's history rule,
 * for every directory (the embedded SignInService, AD, OpenLDAP). The
 * directories' own checks are not enough: OpenLDAP's ppolicy skips quality and
 * history for password administrators and knows nothing of the tenant's banned
 * terms, and AD has no banned list. A change that went through is remembered
 * for the history rule.
 *
 * A refusal is only told to someone who proved the old password: otherwise the
 * check would answer, to anyone typing a UPN, whether a guess is one of the
 * user's past passwords or contains their name. So when the new password is
 * refused, the old one is checked first with a sign-in (audited and counted
 * by smart lockout like any), and a wrong one gets the sign-in's answer.
 */
import type { AccountLocation, Authenticator, SignInOutcome, UserDirectory } from '../directory/directory';
import { DomainError } from '../domain/errors';
import type { Stores } from '../domain/stores';
import type { Secret } from '../domain/secret';
import type { DirectoryUser } from '../domain/types';
import type { PasswordHasher } from './hashing';
import { checkChosenPassword, createPasswordCheck, historyMessage, inHistory, type BannedCheckOptions, type CurrentPasswordHash } from './password-check';
import { signInRefusal } from './signin';

export interface CheckedAuthenticatorDeps extends BannedCheckOptions {
  stores: Stores;
  /** Where the user's names and id are read (their own entry; null when the directory will not say). */
  directory: UserDirectory;
  hasher: PasswordHasher;
  /** The directory's own current hash of a user (the embedded one's): it counts as history too. */
  currentHash?: CurrentPasswordHash;
}

export class CheckedAuthenticator implements Authenticator {
  readonly #inner: Authenticator;
  readonly #deps: CheckedAuthenticatorDeps;

  constructor(inner: Authenticator, deps: CheckedAuthenticatorDeps) {
    this.#inner = inner;
    this.#deps = deps;
  }

  signIn(upn: string, password: Secret): Promise<SignInOutcome> {
    return this.#inner.signIn(upn, password);
  }

  async locate(upn: string): Promise<AccountLocation | null> {
    return (await this.#inner.locate?.(upn)) ?? null;
  }

  async changePassword(upn: string, oldPassword: Secret, newPassword: Secret): Promise<void> {
    const { stores } = this.#deps;
    const tenant = await stores.tenant.get();
    const subject = await this.#subject(upn);
    const problems = await checkChosenPassword(subject, newPassword, tenant, { ...this.#deps, previous: oldPassword });
    const { currentHash } = this.#deps;
    const history = { history: stores.passwordHistory, hasher: this.#deps.hasher, ...(currentHash ? { currentHash } : {}) };
    if (subject && (await inHistory(history, subject.id, newPassword, tenant))) {
      problems.unshift(historyMessage(tenant.passwordHistoryCount));
    }
    if (problems.length > 0) {
      // The proof is a sign-in (audited as one); the change attempt is audited as a change either way.
      const proof = await this.#inner.signIn(upn, oldPassword);
      const proven = proof.result === 'ok' || proof.result === 'password_change_required';
      const user = proof.user ?? subject;
      const refusal = proven ? new DomainError('POLICY_VIOLATION', problems.join(' ')) : signInRefusal(proof.result);
      await stores.audit.append(
        {
          actorId: user?.id ?? null,
          actorUpn: user?.upn ?? upn,
          targetId: user?.id ?? null,
          targetUpn: user?.upn ?? upn,
          action: 'password.change',
          result: 'failure',
          errorCode: refusal.code,
        },
        stores.clock(),
      );
      throw refusal;
    }
    await this.#inner.changePassword(upn, oldPassword, newPassword);
    // Bookkeeping after the fact: a failure here must not turn a change the directory made into an error.
    if (subject) {
      await createPasswordCheck(history)
        .remember(subject.id, newPassword, tenant, stores.clock())
        .catch(() => undefined);
    }
  }

  /**
   * The user's entry as the directory shows it without an agent: the embedded
   * file always; an LDAP directory through its service account. In agent mode
   * there is none (a must-change user's bind may read nothing): then the check
   * goes on without names or history, with the lists and the tenant name.
   */
  async #subject(upn: string): Promise<DirectoryUser | null> {
    try {
      return await this.#deps.directory.as(null).getUser({ upn });
    } catch {
      return null;
    }
  }
}
