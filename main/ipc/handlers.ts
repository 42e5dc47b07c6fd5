import { DomainError } from '../errors';
import type { Actor } from '../reset/engine';
import { groupForDisplay, natoReadout } from '../reset/generator';
import { policySummary } from '../reset/policy';
import { Secret } from '../reset/secret';
import { signInRefusal } from '../reset/signin';
import type { DirectoryHost } from '../app/directory-host';
import type { ClipboardGuard } from './clipboard-guard';
import type { PreflightResponse, SessionState } from './contract';
import type { Handlers } from './dispatch';
import type { ResetResults } from './reset-results';
import type { AgentSession } from './session';

export interface HandlerContext {
  host: DirectoryHost;
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
  const { host, session, results } = ctx;
  // The directory may be created after start-up (first run): look it up per call.
  const services = () => host.require();

  /**
   * Runs engine work as the signed-in agent. The engine asks the directory
   * about the agent's own account inside every change; when it is disabled,
   * locked or has lost its roles, the session ends here, so the renderer goes
   * back to sign-in with that reason (call.ts counts the code as "session gone").
   */
  async function asAgent<T>(work: (actor: Actor) => Promise<T>): Promise<T> {
    const actor = session.requireActor();
    try {
      return await work(actor);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'AGENT_ACCOUNT_UNUSABLE') session.end();
      throw error;
    }
  }

  async function preflight(userId: string): Promise<PreflightResponse> {
    const { engine, store } = services();
    const answer = await asAgent((actor) => engine.preflight(actor, { id: userId }));
    if (!answer.allowed) return answer;
    const policy = store.tenant.get().passwordPolicy;
    return { ...answer, policySummary: policySummary(policy), policy };
  }

  async function signInAs(upn: string, password: Secret): Promise<SessionState> {
    const outcome = await services().signIn.signIn(upn, password);
    if (outcome.result === 'ok' && outcome.user) {
      const state = session.begin(outcome.user);
      await session.settled(); // a previous agent's session ended: its clean-up is done first
      return state;
    }
    if (outcome.result === 'password_change_required') return { status: 'passwordChangeRequired', upn };
    throw signInRefusal(outcome.result);
  }

  return {
    getAppState: async () => {
      const store = host.services?.store;
      return { directory: store ? 'ready' : 'missing', location: host.location, tenantName: store?.tenant.get().name ?? null };
    },
    createDirectory: async (plan) => {
      const accounts = await host.create(plan);
      // The one place passwords go to the renderer: the first-run screen shows them once.
      return { accounts: accounts.map((a) => ({ ...a, password: a.password.reveal() })) };
    },
    getSession: async () => {
      const state = session.state();
      // If this call is what noticed the lock, answer once its clean-up (the clipboard) is done.
      await session.settled();
      return state;
    },
    signIn: async ({ upn, password }) => signInAs(upn, new Secret(password)),
    changeOwnPassword: async ({ upn, currentPassword, newPassword }) => {
      await services().signIn.changePassword(upn, new Secret(currentPassword), new Secret(newPassword));
      return signInAs(upn, new Secret(newPassword));
    },
    signOut: async () => {
      const state = session.end();
      await session.settled(); // the clipboard is clear when the sign-in screen comes back
      return state;
    },
    searchUsers: async ({ query, limit, offset }) => {
      session.requireActor();
      return services().directory.searchUsers(query, { limit, offset });
    },
    getUser: async ({ userId }) => {
      session.requireActor();
      const { directory, store } = services();
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
      const outcome = await asAgent((actor) =>
        services().engine.resetPassword(actor, {
          target: { id: userId },
          ...(password !== undefined ? { password: new Secret(password) } : {}),
          forceChangeNextSignIn,
        }),
      );
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
      const outcome = await asAgent((actor) => services().engine.unlock(actor, { id: userId }));
      return { upn: outcome.upn, wasLocked: outcome.wasLocked };
    },
    copyTemporaryPassword: async ({ resultId }) => {
      session.requireActor();
      const { clearsAt } = await ctx.clipboard.copy(results.get(resultId).password);
      return { clearsAt };
    },
    // Not activity: the renderer asks while a countdown runs, which must not hold off the idle lock.
    clipboardStatus: async () => ctx.clipboard.status(),
    forgetResetResult: async ({ resultId }) => ({ forgotten: results.forget(resultId) }),
    listAudit: async ({ targetUpn, actorUpn, action, limit, offset }) => {
      session.requireActor();
      return services().store.audit.list({
        ...(targetUpn ? { targetUpn } : {}),
        ...(actorUpn ? { actorUpn } : {}),
        ...(action ? { action } : {}),
        limit,
        offset,
      });
    },
    getSettings: async () => {
      session.requireActor();
      const { store, directory } = services();
      return {
        tenant: store.tenant.get(),
        directoryLocation: directory.location,
        idleLockMinutes: ctx.idleLockMinutes,
        clipboardClearSeconds: ctx.clipboard.clearAfterSeconds,
      };
    },
  };
}
