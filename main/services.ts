import { SqliteUserDirectory, type SqliteDirectoryOptions } from './directory/sqlite/sqlite-directory';
import type { DirectoryStore } from './directory/sqlite/store';
import type { TenantUpdate } from './directory/sqlite/tenant-repo';
import type { TenantSettings } from './domain/types';
import { DomainError } from './domain/errors';
import { agentAccountRefusal } from './reset/agent-account';
import { ResetEngine, type Actor } from './reset/engine';
import { PasswordHasher } from './reset/hashing';
import { ROLES } from './domain/roles';
import type { Secret } from './domain/secret';
import { SignInService, signInRefusal } from './reset/signin';

/**
 * Everything the CLI and the app's IPC handlers call, built over one open
 * directory file. The Electron glue and the CLI are two thin front ends on this.
 */
export interface Services {
  store: DirectoryStore;
  directory: SqliteUserDirectory;
  engine: ResetEngine;
  signIn: SignInService;
}

/** `options.searchInWorker`: the app searches on a worker thread; the CLI does not (see SqliteDirectoryOptions). */
export function createServices(
  store: DirectoryStore,
  hasher: PasswordHasher = new PasswordHasher(),
  options: SqliteDirectoryOptions = {},
): Services {
  const directory = new SqliteUserDirectory(store, hasher, options);
  return { store, directory, engine: new ResetEngine(directory), signIn: new SignInService(store, hasher) };
}

/**
 * Signs an agent in with directory credentials (audited like any sign-in) and
 * returns who is acting. An agent whose own password must change cannot act
 * until it is changed.
 */
export async function authenticateAgent(services: Services, upn: string, password: Secret): Promise<Actor> {
  const outcome = await services.signIn.signIn(upn, password);
  if (outcome.result === 'ok' && outcome.user) {
    return { id: outcome.user.id, upn: outcome.user.upn, roles: outcome.user.roles };
  }
  throw signInRefusal(outcome.result);
}

/**
 * Changes a tenant setting: Global Administrators only, one audit event in the
 * same transaction, success or refusal. Like a reset, it first asks the
 * directory whether the agent's own account can still act.
 */
export function updateTenant(services: Services, actor: Actor, update: TenantUpdate): TenantSettings {
  const { store } = services;
  const refusal = store.transaction(() => {
    const now = store.clock();
    const account = store.users.byId(actor.id, now) ?? null;
    const reason =
      agentAccountRefusal(actor.roles, account) ??
      (account?.roles.includes(ROLES.globalAdministrator)
        ? null
        : new DomainError('INSUFFICIENT_ROLE', 'Only a Global Administrator can change tenant settings.'));
    store.audit.append(
      {
        actorId: actor.id,
        actorUpn: actor.upn,
        targetId: null,
        targetUpn: null,
        action: 'tenant.update',
        result: reason ? 'failure' : 'success',
        errorCode: reason?.code ?? null,
        detail: JSON.stringify(update),
      },
      now,
    );
    if (reason) return reason;
    store.tenant.update(update, now);
    return null;
  });
  if (refusal) throw refusal;
  return store.tenant.get();
}
