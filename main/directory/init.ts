import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { DomainError } from '../errors';
import { generateTemporaryPassword } from '../reset/generator';
import type { PasswordHasher } from '../reset/hashing';
import { ROLES } from '../reset/roles';
import type { Secret } from '../reset/secret';
import { buildSampleTenant, type NewUser, type SampleTenant } from './sample';
import { DirectoryStore } from './store';
import { DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY } from './types';

/** An account created ready to sign in; its password is shown once and kept nowhere in clear. */
export interface CreatedAccount {
  upn: string;
  displayName: string;
  roles: string[];
  password: Secret;
}

export interface InitResult {
  store: DirectoryStore;
  accounts: CreatedAccount[];
}

export type InitPlan =
  | { kind: 'sample'; size: number; seed: number }
  | { kind: 'empty'; tenantName: string; domain: string };

/**
 * Creates a directory file: the deterministic sample tenant (Contoso) or an empty
 * tenant with a first Global Administrator. Agent passwords are random (never
 * derived from the seed) and hashed before the single insert transaction, so a
 * failure leaves no half-built tenant.
 */
export async function initDirectory(
  path: string,
  plan: InitPlan,
  deps: { hasher: PasswordHasher; clock?: Clock },
): Promise<InitResult> {
  if (path !== ':memory:' && existsSync(path)) throw new DomainError('DIRECTORY_EXISTS', `(${path})`);
  const clock = deps.clock ?? systemClock;
  const tenant = plan.kind === 'sample' ? sampleTenant(plan, clock) : emptyTenant(plan, clock);
  const agentUpns = new Set(tenant.agents.map((a) => a.upn.toLowerCase()));

  const accounts: CreatedAccount[] = tenant.users
    .filter((u) => agentUpns.has(u.upn.toLowerCase()))
    .map((u) => ({ upn: u.upn, displayName: u.displayName, roles: [...u.roles], password: generateTemporaryPassword() }));
  const hashes = new Map(
    await Promise.all(accounts.map(async (a) => [a.upn, await deps.hasher.hash(a.password.reveal())] as const)),
  );

  const store = DirectoryStore.open(path, { create: true, clock });
  try {
    store.transaction(() => {
      store.tenant.create(tenant.settings, clock());
      for (const group of tenant.groups) store.groups.create(group.name, group.description);
      for (const user of tenant.users) {
        store.users.insert(user, hashes.get(user.upn) ?? null);
        for (const group of user.groups) store.groups.addMember(group, user.upn);
      }
    });
  } catch (error) {
    store.close();
    throw error;
  }
  return { store, accounts };
}

function sampleTenant(plan: { size: number; seed: number }, clock: Clock): SampleTenant {
  try {
    return buildSampleTenant({ size: plan.size, seed: plan.seed, now: new Date(clock()) });
  } catch (error) {
    if (error instanceof RangeError) throw new DomainError('INVALID_INPUT', error.message);
    throw error;
  }
}

function emptyTenant(plan: { tenantName: string; domain: string }, clock: Clock): SampleTenant {
  const now = new Date(clock()).toISOString();
  const admin: NewUser = {
    id: randomUUID(),
    upn: `admin@${plan.domain}`,
    displayName: 'Administrator',
    givenName: null,
    surname: null,
    mail: `admin@${plan.domain}`,
    mobilePhone: null,
    businessPhone: null,
    department: 'IT',
    jobTitle: 'Global Administrator',
    source: 'cloud',
    userType: 'member',
    guestHome: null,
    adminCount: 0,
    enabled: true,
    passwordNeverExpires: false,
    forceChangeNextSignIn: false,
    passwordLastSet: now,
    createdAt: now,
    lockedUntil: null,
    failedAttempts: 0,
    lockoutCount: 0,
    roles: [ROLES.globalAdministrator],
    groups: [],
    authMethods: [],
  };
  return {
    settings: {
      tenantId: randomUUID(),
      name: plan.tenantName,
      domains: [{ name: plan.domain, type: 'managed', isDefault: true }],
      passwordWriteback: false,
      temporaryPasswordLifetimeDays: null,
      passwordPolicy: DEFAULT_PASSWORD_POLICY,
      lockoutPolicy: DEFAULT_LOCKOUT_POLICY,
    },
    users: [admin],
    agents: [{ upn: admin.upn, roles: admin.roles }],
    groups: [],
  };
}
