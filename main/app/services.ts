import { directoryAsked, type AgentAccount, type Authenticator, type SignInOutcome, type UserDirectory } from '../directory/directory';
import type { Stores, TenantUpdate } from '../domain/stores';
import type { TenantSettings } from '../domain/types';
import { DomainError } from '../domain/errors';
import { agentAccountRefusal, ownBindRefusal } from '../reset/agent-account';
import type { ResetEngine, Actor } from '../reset/engine';
import { ROLES } from '../domain/roles';
import type { Secret } from '../domain/secret';
import { signInRefusal, withAsked } from '../reset/signin';
import type { DeliveryOpener } from '../delivery/delivery';
import type { VerificationService } from '../reset/verification/service';
import type { SecretStore } from '../secrets/secret-store';

/**
 * Everything the CLI and the app's IPC handlers call: a directory of users
 * (embedded or LDAP), how agents sign in to it, the reset engine over it, and
 * the local file (tenant settings, audit) that every directory shares. Built
 * in one place (build-services.ts); the front ends (Electron, the preview, the
 * CLI) are thin over it, and none of them sees which provider is behind it.
 */
export interface Services {
  directory: UserDirectory;
  signIn: Authenticator;
  engine: ResetEngine;
  stores: Stores;
  /** The tenant's mail and SMS channels, opened from its settings when a message goes out. */
  delivery: DeliveryOpener;
  /** Caller verification: codes sent and checked, authenticator apps (the engine's caller check reads what it records). */
  verification: VerificationService;
  /** The OS keychain (delivery passwords, the key sealing authenticator secrets). */
  secrets: SecretStore;
}


/** Closes the directory first (its search thread, its connections), then the local file. */
export async function closeServices(services: Services): Promise<void> {
  try {
    await services.directory.close();
  } finally {
    await services.stores.close();
  }
}

/**
 * A sign-in to the services' directory, with which directory it asked
 * (directoryAsked): every error about an agent's sign-in says so, a failure
 * here (unreachable, a certificate) and a refusal (signInRefusal(result, asked)).
 */
export async function signInAsking(services: Services, upn: string, password: Secret): Promise<{ outcome: SignInOutcome; asked: string }> {
  const asked = directoryAsked(services.directory);
  const outcome = await services.signIn.signIn(upn, password).catch((error: unknown) => {
    throw withAsked(error, asked);
  });
  return { outcome, asked };
}

/**
 * Signs an agent in with directory credentials (audited like any sign-in) and
 * returns who is acting. An agent whose own password must change cannot act
 * until it is changed.
 */
export async function authenticateAgent(services: Services, upn: string, password: Secret): Promise<Actor> {
  const { outcome, asked } = await signInAsking(services, upn, password);
  if (outcome.result === 'ok' && outcome.user) {
    return { id: outcome.user.id, upn: outcome.user.upn, roles: outcome.user.roles, credential: outcome.credential ?? null };
  }
  throw signInRefusal(outcome.result, asked);
}

/**
 * Changes a tenant setting: Global Administrators only, one audit event, success
 * or refusal. Like a reset, it first asks the directory whether the agent's own
 * account can still act, with the roles the directory holds now.
 */
export async function updateTenant(services: Services, actor: Actor, update: TenantUpdate): Promise<TenantSettings> {
  const { stores } = services;
  const reason = await globalAdministratorRefusal(services, actor, 'change tenant settings');
  const draft = {
    actorId: actor.id,
    actorUpn: actor.upn,
    targetId: null,
    targetUpn: null,
    action: 'tenant.update',
    result: reason ? 'failure' : 'success',
    errorCode: reason?.code ?? null,
    detail: JSON.stringify(update),
  } as const;
  if (reason) {
    await stores.audit.append(draft, stores.clock());
    throw reason;
  }
  await stores.updateTenant(update, draft);
  return await stores.tenant.get();
}

/**
 * Why this agent may not make a Global Administrator's change (tenant
 * settings; connections have their own words, main/app/profile-changes.ts),
 * asked of the directory now: their own
 * account must still act and hold the role; null when they may.
 */
export async function globalAdministratorRefusal(services: Services, actor: Actor, what: string): Promise<DomainError | null> {
  const account = await readOwnAccount(services, actor);
  return (
    agentAccountRefusal(actor.roles, account) ??
    (account?.roles.includes(ROLES.globalAdministrator)
      ? null
      : new DomainError('SETTINGS_CHANGE_REFUSED', `You asked to ${what}.`))
  );
}

/**
 * What the directory says now of the signed-in agent's own account (null: it
 * no longer exists), read as the agent. A directory that refuses the agent's
 * own bind has answered too: AGENT_ACCOUNT_UNUSABLE, saying why.
 */
export async function readOwnAccount(services: Services, actor: Actor): Promise<AgentAccount | null> {
  try {
    return await services.directory.as(actor.credential ?? null).transact({ id: actor.id }, (tx) => tx.accountOf(actor.id));
  } catch (error) {
    throw ownBindRefusal(error) ?? error;
  }
}
