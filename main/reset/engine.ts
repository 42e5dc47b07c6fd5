import type { AuditDraft } from '../domain/types';
import type { AgentCredential, DirectoryTransaction, DirectoryView, UserDirectory, UserRef } from '../directory/directory';
import type { DirectoryUser } from '../domain/types';
import { DomainError, type ErrorCode } from '../domain/errors';
import { agentAccountRefusal } from './agent-account';
import { generateTemporaryPassword } from './generator';
import { checkPasswordPolicy } from '../domain/password-policy';
import { decideReset, passwordModeOf, type PasswordMode } from './rules';
import type { Secret } from '../domain/secret';
import type { CallerAssessment, CallerStatus, ResetGuards } from './guards';

/** The signed-in agent, as the session or the CLI's --as established it. */
export interface Actor {
  id: string;
  upn: string;
  /**
   * The roles held at sign-in. Decisions use the roles the directory holds now;
   * these only tell whether losing every role means the agent can no longer act.
   */
  roles: readonly string[];
  /** What the directory gave at sign-in to act as this agent (an LDAP bind); null for the embedded directory. */
  credential?: AgentCredential | null;
}

export interface ResetRequest {
  target: UserRef;
  /** The agent-typed password, for on-premises users only. */
  password?: Secret;
  /** `password` is one main generated for this reset (the app's Generate, --generate) and the agent kept as it was. */
  passwordGenerated?: boolean;
  /** Default true. Ignored (false) for synced users whose password never expires, as writeback does. */
  forceChangeNextSignIn?: boolean;
  /** Where the temporary password goes: 'screen' (the default: the agent reads it out) or the masked destination it is sent to. */
  deliveredTo?: string;
}

export interface ResetOutcome {
  upn: string;
  userId: string;
  /** Shown once. Never stored in clear, never logged. */
  temporaryPassword: Secret;
  generated: boolean;
  forceChangeNextSignIn: boolean;
  /** true when the reset lifted a lockout (a reset always leaves the account unlocked). */
  unlocked: boolean;
  expiresAt: string | null;
  /** As the directory held it at the change: a reset does not enable a disabled account (nor does Entra's). */
  accountEnabled: boolean;
}

export interface UnlockOutcome {
  upn: string;
  userId: string;
  /** false when the account was not locked: the unlock only cleared counters. */
  wasLocked: boolean;
  /** As the directory held it at the change: an unlocked disabled account still cannot sign in. */
  accountEnabled: boolean;
}

/** `verification`: what the tenant asks of the caller and what this agent has verified (absent without a caller check). */
export type Preflight =
  | { allowed: true; passwordMode: PasswordMode; verification?: CallerStatus }
  | { allowed: false; code: ErrorCode; message: string; verification?: CallerStatus };

/** Why not, and (when the rules allow) what the caller check found, for the audit. */
interface Refusal {
  error: DomainError | null;
  caller: CallerAssessment | null;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/**
 * A change whose answer was lost after it was sent may have been made: it has
 * no outcome yet, so none is audited. Its intent stays open until the
 * directory is read (main/directory/ldap/settlement.ts).
 */
const outcomeUnknown = (error: DomainError) => error.code === 'DIRECTORY_OUTCOME_UNKNOWN';

/**
 * Admin password reset and unlock over any UserDirectory. Each call, allowed or
 * refused, writes exactly one audit event in the same unit of work as the
 * change. Rules are decided again inside that unit on freshly read state, so a
 * role removed or a setting changed mid-request cannot slip through.
 */
export class ResetEngine {
  readonly #directory: UserDirectory;
  readonly #generate: () => Secret;
  readonly #guards: ResetGuards;

  constructor(directory: UserDirectory, options: { generate?: () => Secret; guards?: ResetGuards } = {}) {
    this.#directory = directory;
    this.#generate = options.generate ?? (() => generateTemporaryPassword());
    this.#guards = options.guards ?? {};
  }

  /**
   * What the UI shows before any click. Reads only; writes no audit. An agent
   * whose own account can no longer act gets AGENT_ACCOUNT_UNUSABLE thrown, not a
   * verdict: it is not a fact about this target.
   */
  async preflight(actor: Actor, target: UserRef): Promise<Preflight> {
    return this.#as(actor).transact(target, async (tx): Promise<Preflight> => {
      const account = await tx.accountOf(actor.id);
      const agent = agentAccountRefusal(actor.roles, account);
      if (agent) throw agent;
      const verdict = tx.target
        ? decideReset({ id: actor.id, roles: account?.roles ?? [] }, tx.target, tx.tenant, this.#context())
        : ({ allowed: false, code: 'USER_NOT_FOUND' } as const);
      if (!verdict.allowed) {
        const error = new DomainError(verdict.code, 'detail' in verdict ? verdict.detail : undefined);
        return { allowed: false, code: error.code, message: error.message };
      }
      // The roles allow it: what is left is the caller, shown before any click.
      const caller = await this.#assessCaller(actor, tx);
      if (!caller) return verdict;
      if (caller.refusal) {
        return { allowed: false, code: caller.refusal.code, message: caller.refusal.message, verification: caller.status };
      }
      return { ...verdict, verification: caller.status };
    });
  }

  async resetPassword(actor: Actor, request: ResetRequest): Promise<ResetOutcome> {
    // A first, read-only pass so refusals cost no hashing and typed passwords are
    // checked against the policy before anything is written.
    const directory = this.#as(actor);
    const pre = await directory.transact(request.target, async (tx) => {
      const { error, caller } = await this.#refusal(actor, tx);
      const refusal = error ?? this.#passwordProblem(tx, request);
      if (refusal) tx.audit(this.#draft(actor, tx, request.target, 'password.reset', refusal, caller));
      return { refusal, target: tx.target, tenant: tx.tenant };
    });
    if (pre.refusal) throw pre.refusal;
    // Banned terms and history cost hashing: checked outside any unit of work, before anything is written.
    const chosen = request.password && this.#guards.passwords && pre.target
      ? await this.#guards.passwords.problems(pre.target, request.password, pre.tenant, { history: true })
      : [];
    if (chosen.length > 0) {
      const refusal = new DomainError('POLICY_VIOLATION', chosen.join(' '));
      await directory.transact(request.target, async (tx) => {
        tx.audit(this.#draft(actor, tx, request.target, 'password.reset', refusal));
      });
      throw refusal;
    }

    // The pre-pass established it: cloud users come without a typed password. A password main
    // suggested and the agent kept is generated too (the audit says "Password generated: Yes").
    const generated = request.password === undefined || request.passwordGenerated === true;
    const password = request.password ?? this.#generate();
    const prepared = await directory.preparePassword(password);

    let changedAt = 0;
    const attempt = await directory.transact<Attempt<ResetOutcome>>(request.target, async (tx) => {
      changedAt = tx.now;
      // Decided again on fresh state: the user may have moved on-premises meanwhile.
      const { error, caller } = await this.#refusal(actor, tx);
      const refusal = error ?? this.#passwordProblem(tx, request);
      if (refusal) {
        tx.audit(this.#draft(actor, tx, request.target, 'password.reset', refusal, caller));
        return { ok: false, error: refusal };
      }
      const user = tx.target!;
      const neverExpiresSynced = user.source === 'onPremises' && user.passwordNeverExpires;
      const forceChangeNextSignIn = (request.forceChangeNextSignIn ?? true) && !neverExpiresSynced;
      const lifetime = tx.tenant.temporaryPasswordLifetimeDays;
      const expiresAt = forceChangeNextSignIn && lifetime !== null ? tx.now + lifetime * 86_400_000 : null;
      const unlocked = user.locked;
      const failed = await this.#directoryRefusal(() => tx.setPassword(prepared, { forceChangeNextSignIn, expiresAt }));
      if (failed) {
        if (!outcomeUnknown(failed)) tx.audit(this.#draft(actor, tx, request.target, 'password.reset', failed));
        return { ok: false, error: failed };
      }
      tx.audit({
        ...this.#draft(actor, tx, request.target, 'password.reset', null),
        detail: JSON.stringify({
          generated,
          forceChangeNextSignIn,
          unlocked,
          ...(caller?.audit ?? {}),
          ...(request.deliveredTo && request.deliveredTo !== 'screen' ? { deliveredTo: request.deliveredTo } : {}),
        }),
      });
      // In the same unit as the change: the embedded file commits both or neither.
      await this.#guards.temporaryPasswords?.issued({
        target: { id: user.id, upn: user.upn },
        issuedBy: { id: actor.id, upn: actor.upn },
        issuedAt: tx.now,
        expiresAt,
        forceChangeNextSignIn,
        deliveredTo: request.deliveredTo ?? 'screen',
      });
      return {
        ok: true,
        value: {
          upn: user.upn,
          userId: user.id,
          temporaryPassword: password,
          generated,
          forceChangeNextSignIn,
          unlocked,
          expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
          accountEnabled: user.enabled,
        },
      };
    });
    if (!attempt.ok) throw attempt.error;
    // History is advisory bookkeeping: a crash here loses one entry, never the reset.
    await this.#guards.passwords?.remember(attempt.value.userId, password, pre.tenant, changedAt, prepared.hash);
    return attempt.value;
  }

  /** Unlock: allowed to whoever may reset the user; clears the lock and the counters. */
  async unlock(actor: Actor, target: UserRef): Promise<UnlockOutcome> {
    const attempt = await this.#as(actor).transact<Attempt<UnlockOutcome>>(target, async (tx) => {
      const { error: refusal, caller } = await this.#refusal(actor, tx);
      if (refusal) {
        tx.audit(this.#draft(actor, tx, target, 'account.unlock', refusal, caller));
        return { ok: false, error: refusal };
      }
      const user = tx.target!;
      const failed = await this.#directoryRefusal(() => tx.unlock());
      if (failed) {
        if (!outcomeUnknown(failed)) tx.audit(this.#draft(actor, tx, target, 'account.unlock', failed));
        return { ok: false, error: failed };
      }
      tx.audit({
        ...this.#draft(actor, tx, target, 'account.unlock', null),
        detail: JSON.stringify({ wasLocked: user.locked, ...(caller?.audit ?? {}) }),
      });
      return { ok: true, value: { upn: user.upn, userId: user.id, wasLocked: user.locked, accountEnabled: user.enabled } };
    });
    if (!attempt.ok) throw attempt.error;
    return attempt.value;
  }

  /**
   * The reason this actor may not act on the transaction's target, if any. The
   * agent's own account comes first, read as freshly as the target: a disabled
   * or locked agent learns nothing more about anyone.
   */
  async #refusal(actor: Actor, tx: DirectoryTransaction): Promise<Refusal> {
    const account = await tx.accountOf(actor.id);
    const agent = agentAccountRefusal(actor.roles, account);
    if (agent) return { error: agent, caller: null };
    if (!tx.target) return { error: new DomainError('USER_NOT_FOUND'), caller: null };
    // The roles the directory holds now, never the ones the caller claims.
    const verdict = decideReset({ id: actor.id, roles: account?.roles ?? [] }, tx.target, tx.tenant, this.#context());
    if (!verdict.allowed) return { error: new DomainError(verdict.code, verdict.detail), caller: null };
    // Whatever the renderer sends: the caller check is main's, on the verifications main recorded.
    const caller = await this.#assessCaller(actor, tx);
    return { error: caller?.refusal ?? null, caller };
  }

  async #assessCaller(actor: Actor, tx: DirectoryTransaction): Promise<CallerAssessment | null> {
    if (!this.#guards.callers || !tx.target) return null;
    return this.#guards.callers.assess({ id: actor.id, upn: actor.upn }, tx.target, tx.tenant, tx.now);
  }


  #context() {
    // Entra's writeback and federation rules are about a synced cloud copy: a directory that is the users' own has none.
    return { writesToSource: !this.#directory.capabilities.syncedFromOnPremises };
  }

  /** The directory as this agent: an LDAP directory binds as them, so its own ACL has the last word. */
  #as(actor: Actor): DirectoryView {
    return this.#directory.as(actor.credential ?? null);
  }

  /**
   * A change the directory itself refused or could not confirm (a remote
   * directory's ACL, its policy, the network) comes back as a DomainError: the
   * engine audits it as the outcome. Anything else is a bug and propagates (the
   * embedded directory's transaction then rolls back).
   */
  async #directoryRefusal(change: () => Promise<void>): Promise<DomainError | null> {
    try {
      await change();
      return null;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
  }

  /**
   * The request's password against the user's mode (rules.ts): a cloud user's is generated only; an
   * on-premises user of the embedded file needs a typed one; AD and OpenLDAP users take either. A typed
   * one must meet the policy first (tx.tenant: the directory's minimum length included); banned terms and
   * history come next (guards), the directory's own policy last (its refusal, in words: ldap-errors.ts).
   */
  #passwordProblem(tx: DirectoryTransaction, request: ResetRequest): DomainError | null {
    const mode = passwordModeOf(tx.target as DirectoryUser, this.#context());
    if (!request.password) return mode === 'typed' ? new DomainError('PASSWORD_REQUIRED') : null;
    if (mode === 'generated') return new DomainError('PASSWORD_NOT_ALLOWED');
    const violations = checkPasswordPolicy(request.password.reveal(), tx.tenant.passwordPolicy);
    return violations.length > 0
      ? new DomainError('POLICY_VIOLATION', violations.map((v) => v.message).join(' '))
      : null;
  }

  #draft(
    actor: Actor,
    tx: DirectoryTransaction,
    ref: UserRef,
    action: AuditDraft['action'],
    error: DomainError | null,
    caller: CallerAssessment | null = null,
  ): AuditDraft {
    // A refusal after the caller was assessed says so ("unverified", or which methods verified them).
    const callerFacts = caller && Object.keys(caller.audit).length > 0 ? { detail: JSON.stringify(caller.audit) } : {};
    return {
      ...callerFacts,
      actorId: actor.id,
      actorUpn: actor.upn,
      targetId: tx.target?.id ?? ('id' in ref ? ref.id : null),
      targetUpn: tx.target?.upn ?? ('upn' in ref ? ref.upn : null),
      action,
      result: error ? 'failure' : 'success',
      errorCode: error?.code ?? null,
    };
  }
}
