import { DomainError } from '../errors';
import { groupForDisplay, natoReadout } from '../reset/generator';
import { policySummary } from '../reset/policy';
import { Secret } from '../reset/secret';
import { signInRefusal } from '../reset/signin';
import type { Services } from '../services';
import type { ClipboardGuard } from './clipboard-guard';
import type { PreflightResponse, SessionState } from './contract';
import type { Handlers } from './dispatch';
import type { ResetResults } from './reset-results';
import type { AgentSession } from './session';

export interface HandlerContext {
  services: Services;
  session: AgentSession;
  results: ResetResults;
  clipboard: ClipboardGuard;
  idleLockMinutes: number;
}

const RECENT_AUDIT = 10;

/**
 * The plain handlers behind every IPC method: functions of (session, validated
 * request) over the core. No Electron here; the dispatcher has already checked
 * the sender and the schema.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  const { services, session, results } = ctx;
  const { directory, engine, signIn, store } = services;

  async function preflight(userId: string): Promise<PreflightResponse> {
    const answer = await engine.preflight(session.requireActor(), { id: userId });
    if (!answer.allowed) return answer;
    return { ...answer, policySummary: policySummary(store.tenant.get().passwordPolicy) };
  }

  async function signInAs(upn: string, password: Secret): Promise<SessionState> {
    const outcome = await signIn.signIn(upn, password);
    if (outcome.result === 'ok' && outcome.user) return session.begin(outcome.user);
    if (outcome.result === 'password_change_required') return { status: 'passwordChangeRequired', upn };
    throw signInRefusal(outcome.result);
  }

  return {
    getSession: async () => session.state(),
    signIn: async ({ upn, password }) => signInAs(upn, new Secret(password)),
    changeOwnPassword: async ({ upn, currentPassword, newPassword }) => {
      await signIn.changePassword(upn, new Secret(currentPassword), new Secret(newPassword));
      return signInAs(upn, new Secret(newPassword));
    },
    signOut: async () => session.end(),
    searchUsers: async ({ query, limit, offset }) => {
      session.requireActor();
      return directory.searchUsers(query, { limit, offset });
    },
    getUser: async ({ userId }) => {
      session.requireActor();
      const user = await directory.getUser({ id: userId });
      if (!user) throw new DomainError('USER_NOT_FOUND');
      return {
        user,
        preflight: await preflight(userId),
        recentAudit: store.audit.list({ targetUpn: user.upn, limit: RECENT_AUDIT }),
      };
    },
    preflightReset: async ({ userId }) => preflight(userId),
    resetPassword: async ({ userId, password, forceChangeNextSignIn }) => {
      const outcome = await engine.resetPassword(session.requireActor(), {
        target: { id: userId },
        ...(password !== undefined ? { password: new Secret(password) } : {}),
        forceChangeNextSignIn,
      });
      const clear = outcome.temporaryPassword.reveal();
      return {
        resultId: results.add(outcome.temporaryPassword, outcome.upn),
        upn: outcome.upn,
        temporaryPassword: clear,
        groups: groupForDisplay(clear),
        readout: natoReadout(clear),
        generated: outcome.generated,
        forceChangeNextSignIn: outcome.forceChangeNextSignIn,
        unlocked: outcome.unlocked,
        expiresAt: outcome.expiresAt,
      };
    },
    unlockAccount: async ({ userId }) => {
      const outcome = await engine.unlock(session.requireActor(), { id: userId });
      return { upn: outcome.upn, wasLocked: outcome.wasLocked };
    },
    copyTemporaryPassword: async ({ resultId }) => {
      session.requireActor();
      return ctx.clipboard.copy(results.get(resultId).password);
    },
    forgetResetResult: async ({ resultId }) => ({ forgotten: results.forget(resultId) }),
    listAudit: async ({ targetUpn, actorUpn, action, limit, offset }) => {
      session.requireActor();
      return store.audit.list({
        ...(targetUpn ? { targetUpn } : {}),
        ...(actorUpn ? { actorUpn } : {}),
        ...(action ? { action } : {}),
        limit,
        offset,
      });
    },
    getSettings: async () => {
      session.requireActor();
      return {
        tenant: store.tenant.get(),
        directoryLocation: directory.location,
        idleLockMinutes: ctx.idleLockMinutes,
        clipboardClearSeconds: ctx.clipboard.clearAfterSeconds,
      };
    },
  };
}
