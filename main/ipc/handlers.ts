import { DomainError } from '../domain/errors';
import type { Actor } from '../reset/engine';
import { groupForDisplay, natoReadout } from '../reset/generator';
import { policySummary } from '../domain/password-policy';
import { Secret } from '../domain/secret';
import { suggestPassword } from '../reset/suggest';
import { SuggestedPasswords } from './suggested-passwords';
import { signInRefusal } from '../reset/signin';
import { signInAsking } from '../app/services';
import { mayRead } from '../reset/read-rights';
import type { DirectoryHost } from '../app/directory-host';
import { settleOpenIntents } from '../app/settle-intents';
import { AUDIT_COUNT_CAP } from '../domain/local-store';
import { auditFilterOf } from '../domain/audit-filter';
import { auditCsv, auditExportName } from './audit-export';
import type { ClipboardGuard } from './clipboard-guard';
import type { PreflightResponse, SessionState } from './contract';
import type { Handlers } from './dispatch';
import type { FileSaver } from './file-saver';
import { FIRST_RUN_FILE_NAME, type FirstRunAccounts } from './first-run-accounts';
import type { ResetResults } from './reset-results';
import type { AgentSession } from './session';
import { appStateOf, createDirectoryHandlers } from './directory-handlers';
import { createPasswordCheckHandlers } from './password-check-handlers';
import { createTemporaryPasswordHandlers, temporaryPasswordOf } from './temporary-password-handlers';
import { domainOfBaseDn } from '../app/open-services';
import { resetAndNotify, resetFacts, unlockAndNotify } from '../app/out-of-band';
import type { OutboxControl } from '../app/outbox-host';
import { createOutboxHandlers } from './outbox-handlers';
import { createVerificationHandlers, verificationMethodsOf } from './verification-handlers';
import { createDeliveryHandlers } from './delivery-handlers';

export interface HandlerContext {
  host: DirectoryHost;
  session: AgentSession;
  results: ResetResults;
  clipboard: ClipboardGuard;
  files: FileSaver;
  firstRun: FirstRunAccounts;
  idleLockMinutes: number;
  /** The sample's local outbox the app runs (absent: listOutbox answers 'none'). */
  outbox?: OutboxControl | undefined;
}

const RECENT_AUDIT = 10;

/**
 * The plain handlers behind every IPC method: functions of (session, validated
 * request) over the core. No Electron here; the dispatcher has already checked
 * the sender and the schema.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  const { host, session, results } = ctx;
  // Main's own suggestions: a reset with one, unchanged, is audited as generated.
  const suggested = new SuggestedPasswords();
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
    const { engine, local } = services();
    const answer = await asAgent((actor) => engine.preflight(actor, { id: userId }));
    if (!answer.allowed) return answer;
    const policy = local.tenant.get().passwordPolicy;
    return { ...answer, policySummary: policySummary(policy), policy };
  }

  async function signInAs(upn: string, password: Secret): Promise<SessionState> {
    // Every error about the agent's sign-in says which directory it asked.
    const { outcome, asked } = await signInAsking(services(), upn, password);
    if (outcome.result === 'ok' && outcome.user) {
      await settleOpenIntents(services(), outcome.credential);
      const state = session.begin(outcome.user, outcome.credential ?? null);
      await session.settled(); // a previous agent's session ended: its clean-up is done first
      // After the last session's end (which rests the directory's background work), so this one's stays.
      if (outcome.credential) services().directory.warm?.(outcome.credential);
      return state;
    }
    if (outcome.result === 'password_change_required') {
      session.changeRequired(upn); // the new password's live check is allowed for this UPN only
      return { status: 'passwordChangeRequired', upn };
    }
    throw signInRefusal(outcome.result, asked);
  }

  return {
    ...createDirectoryHandlers({ host, session }),
    ...createPasswordCheckHandlers({ host, session }),
    ...createTemporaryPasswordHandlers({ host, session }),
    ...createOutboxHandlers({ session, outbox: ctx.outbox }),
    ...createVerificationHandlers({ host, asAgent }),
    ...createDeliveryHandlers({ host, session }),
    getAppState: async () => appStateOf(host),
    createDirectory: async (plan) => {
      if (plan.kind === 'directory') {
        await host.createForProfile(plan.profile, plan.tenantName ?? plan.profile.name, domainOfBaseDn(plan.profile.baseDn));
        return { accounts: [] };
      }
      const accounts = await host.create(plan);
      // The sample comes with a local outbox: start it now, before the first code is sent.
      await ctx.outbox?.sync();
      // Kept (as Secrets) while the first-run screen is up, for Copy and Save to file….
      ctx.firstRun.keep(accounts);
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
    searchUsers: async ({ query, limit, offset, filter }) => {
      const actor = session.requireActor();
      return services().directory.as(actor.credential ?? null).searchUsers(query, { limit, offset }, filter);
    },
    getUser: async ({ userId }) => {
      const actor = session.requireActor();
      const { directory, local } = services();
      const user = await directory.as(actor.credential ?? null).getUser({ id: userId });
      if (!user) throw new DomainError('USER_NOT_FOUND');
      return {
        user,
        preflight: await preflight(userId),
        // The pane's recent activity is the audit's: for those who may read it (read-rights.ts).
        recentAudit: mayRead('audit', actor.roles) ? local.audit.list({ targetUpn: user.upn, limit: RECENT_AUDIT }) : [],
        temporaryPassword: await temporaryPasswordOf(host, actor, user),
        verificationMethods: await verificationMethodsOf(host, actor, user),
      };
    },
    preflightReset: async ({ userId }) => preflight(userId),
    // Only for a reset this agent may do with a typed password (on-premises users; AD and OpenLDAP ones too).
    suggestPassword: async ({ userId }) => {
      const answer = await preflight(userId);
      if (!answer.allowed) throw new DomainError(answer.code);
      if (answer.passwordMode === 'generated') throw new DomainError('PASSWORD_NOT_ALLOWED');
      const password = suggestPassword(answer.policy);
      suggested.remember(session.requireActor().id, userId, password);
      return { password: password.reveal() };
    },
    resetPassword: async ({ userId, password, forceChangeNextSignIn, deliverTo }) => {
      // The reset, then the messages after it (main/app/out-of-band.ts): the CLI runs the same function.
      const done = await asAgent((actor) =>
        resetAndNotify(
          services(),
          actor,
          {
            target: { id: userId },
            ...(password !== undefined ? { password: new Secret(password), passwordGenerated: suggested.take(actor.id, userId, password) } : {}),
            forceChangeNextSignIn,
          },
          deliverTo,
        ),
      );
      const facts = resetFacts(done);
      if (done.deliveredTo !== 'screen') {
        // Sent out of band: the password is in the message only, never here, and there is nothing to copy.
        return { ...facts, deliveredTo: done.deliveredTo, resultId: null, temporaryPassword: null, groups: [], readout: [], sentTo: done.sentTo, sent: done.sent.delivered };
      }
      const clear = done.outcome.temporaryPassword.reveal();
      return {
        ...facts,
        deliveredTo: 'screen',
        resultId: results.add(done.outcome.temporaryPassword, facts.upn),
        temporaryPassword: clear,
        groups: groupForDisplay(clear),
        readout: natoReadout(clear),
        sentTo: null,
      };
    },
    unlockAccount: async ({ userId }) => {
      const { outcome, notifications } = await asAgent((actor) => unlockAndNotify(services(), actor, { id: userId }));
      return { upn: outcome.upn, wasLocked: outcome.wasLocked, accountEnabled: outcome.accountEnabled, notifications };
    },
    copyTemporaryPassword: async ({ resultId }) => {
      session.requireActor();
      const { clearsAt } = await ctx.clipboard.copy(results.get(resultId).password);
      return { clearsAt };
    },
    // Not activity: the renderer asks while a countdown runs, which must not hold off the idle lock.
    clipboardStatus: async () => ctx.clipboard.status(),
    forgetResetResult: async ({ resultId }) => ({ forgotten: results.forget(resultId) }),
    listAudit: async ({ limit, offset, ...filters }) => {
      session.requireActor();
      const { audit } = services().local;
      const filter = auditFilterOf(filters);
      // One past the cap tells "exactly 100,000" from "more than 100,000".
      const counted = audit.count(filter, AUDIT_COUNT_CAP + 1);
      const total = Math.min(counted, AUDIT_COUNT_CAP);
      return { events: audit.list({ ...filter, limit, offset }), total, totalCapped: counted > AUDIT_COUNT_CAP };
    },
    exportAudit: async (filters) => {
      session.requireActor();
      const { local } = services();
      const { content, events } = auditCsv(local.audit.each(auditFilterOf(filters)));
      const outcome = await ctx.files.save(auditExportName(local.clock()), content);
      return outcome.saved ? { ...outcome, events } : outcome;
    },
    // First run: nobody is signed in yet; these only reach the accounts the screen shows.
    saveFirstRunAccounts: async () => ctx.files.save(FIRST_RUN_FILE_NAME, ctx.firstRun.fileContent()),
    copyFirstRunPassword: async ({ upn }) => {
      const { clearsAt } = await ctx.clipboard.copy(ctx.firstRun.passwordOf(upn));
      return { clearsAt };
    },
    forgetFirstRunAccounts: async () => {
      ctx.firstRun.forget();
      return { forgotten: true };
    },
    getSettings: async () => {
      session.requireActor();
      const { local, directory } = services();
      return {
        tenant: local.tenant.get(),
        directoryLocation: directory.location,
        idleLockMinutes: ctx.idleLockMinutes,
        clipboardClearSeconds: ctx.clipboard.clearAfterSeconds,
      };
    },
  };
}
