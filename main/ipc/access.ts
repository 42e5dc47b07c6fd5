/**
 * Who may call each IPC method, decided in one place before any handler runs
 * (guardHandlers wraps them all, so no handler can forget it):
 *
 * - 'open': no session needed: what the app shows before sign-in, the
 *   session's own life (sign in, out, the must-change step), the first run,
 *   and the clipboard's status and forgetting a result (never a secret).
 * - 'setup': open while no directory exists (the first run tests its
 *   connection), an agent's once one does.
 * - 'agent': the signed-in agent, whose own account is checked again (below).
 * - 'audited': a change every attempt of which is audited, refused ones
 *   included (resets, unlocks, connection profiles): the gate wants a
 *   session, and the change itself asks the directory about the agent's own
 *   account, inside the unit it audits, and signs an unusable agent out. A
 *   refusal here would go unrecorded.
 * - { read }: the signed-in agent, checked again, holding a role that may read
 *   it now (main/reset/read-rights.ts): ROLE_REQUIRED otherwise.
 *
 * The agent's own account (enabled, not locked out, still holding a role when
 * it held one at sign-in) is asked of the directory when what is known of it
 * is AGENT_RECHECK_SECONDS old; an agent who can no longer act is signed out
 * with AGENT_ACCOUNT_UNUSABLE, as a reset already did. Changes (resets,
 * unlocks, settings, connections) ask the directory afresh inside the change
 * whatever this knows.
 */
import type { DirectoryHost } from '../app/directory-host';
import { DomainError } from '../domain/errors';
import { agentAccountRefusal } from '../reset/agent-account';
import { readRefusal, type ReadRight } from '../reset/read-rights';
import { readOwnAccount } from '../app/services';
import type { Method } from './contract';
import type { Handlers } from './dispatch';
import type { AgentSession } from './session';

export type Access = 'open' | 'setup' | 'agent' | 'audited' | { read: ReadRight };

/**
 * How old what main knows of the agent's own account may be before a call
 * asks the directory again. Five seconds: a disabled, locked or stripped agent
 * reads for at most that long (the idle lock allowed minutes), while the bursts
 * the window makes (a search per keystroke, the pane's several calls) cost one
 * directory read, not one per call: on Active Directory or OpenLDAP each read
 * is a bind and a search as the agent.
 */
export const AGENT_RECHECK_SECONDS = 5;

const users = { read: 'users' } as const;
const audit = { read: 'audit' } as const;

/** Every method of the contract, with who may call it (a method missing here does not build). */
export const METHOD_ACCESS: { readonly [M in Method]: Access } = {
  getAppState: 'open',
  createDirectory: 'open', // refused once a directory exists (DIRECTORY_EXISTS)
  getSession: 'open',
  signIn: 'open',
  changeOwnPassword: 'open',
  signOut: 'open',
  searchUsers: users,
  getUser: users,
  preflightReset: users,
  suggestPassword: users,
  resetPassword: 'audited',
  unlockAccount: 'audited',
  sendVerificationCode: 'agent',
  checkVerificationCode: 'agent',
  // A result of this session's own reset.
  copyTemporaryPassword: 'agent',
  clipboardStatus: 'open',
  forgetResetResult: 'open',
  listAudit: audit,
  exportAudit: audit,
  // The first run's accounts, kept only while its screen is up (forgotten when any session ends).
  saveFirstRunAccounts: 'open',
  copyFirstRunPassword: 'open',
  forgetFirstRunAccounts: 'open',
  getSettings: { read: 'settings' },
  listDirectories: { read: 'directories' },
  saveDirectory: 'audited',
  removeDirectory: 'audited',
  testDirectory: 'setup',
  useDirectory: 'audited',
  listOutstandingTemporaryPasswords: users,
  listOutbox: { read: 'outbox' },
  checkPassword: users,
  checkNewPassword: 'open', // only for the UPN whose sign-in asked for the change
  // Those who see the Users screen, where codes are offered and resets send notices.
  getDeliveryChannels: users,
  // Those who search, as the status bar says where search answers from.
  getDirectoryCopy: users,
};

export interface AccessContext {
  host: DirectoryHost;
  session: AgentSession;
}

/** Runs the method's check, then its handler. */
export function guardHandlers(handlers: Handlers, ctx: AccessContext): Handlers {
  const guarded: Partial<Record<Method, (request: never) => Promise<unknown>>> = {};
  for (const method of Object.keys(METHOD_ACCESS) as Method[]) {
    const handler = handlers[method] as (request: unknown) => Promise<unknown>;
    const access = METHOD_ACCESS[method];
    guarded[method] = access === 'open' ? handler : async (request: unknown) => {
      await checkAccess(access, ctx);
      return handler(request);
    };
  }
  return guarded as Handlers;
}

async function checkAccess(access: Exclude<Access, 'open'>, { host, session }: AccessContext): Promise<void> {
  if (access === 'setup' && !host.services) return;
  const actor = session.currentActor();
  if (access === 'audited') return;
  const services = host.require();
  let account;
  try {
    account = await session.ownAccount(AGENT_RECHECK_SECONDS * 1000, () => readOwnAccount(services, actor));
  } catch (error) {
    endIfUnusable(session, error);
    throw error;
  }
  const unusable = agentAccountRefusal(actor.roles, account);
  if (unusable) {
    endIfUnusable(session, unusable);
    throw unusable;
  }
  if (typeof access === 'object') {
    const refusal = readRefusal(access.read, account?.roles ?? []);
    if (refusal) throw refusal;
  }
}

function endIfUnusable(session: AgentSession, error: unknown): void {
  if (error instanceof DomainError && error.code === 'AGENT_ACCOUNT_UNUSABLE') session.end('accountUnusable');
}
