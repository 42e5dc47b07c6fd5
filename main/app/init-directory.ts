import { randomUUID } from 'node:crypto';
import { linkSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Clock } from '../domain/clock';
import { systemClock } from '../domain/clock';
import { DomainError } from '../domain/errors';
import { generateTemporaryPassword } from '../reset/generator';
import type { PasswordHasher } from '../reset/hashing';
import { ROLES } from '../domain/roles';
import type { Secret } from '../domain/secret';
import { sampleTenant, type NewUser, type SampleTenant } from './sample/sample';
import { sampleOutbox } from './sample/sample-outbox';
import { OUTBOX_KEY_APP_SETTING } from '../delivery/outbox/identity';
import { loadPrivately } from '../directory/sqlite/private-load';
import { COMPANION_SUFFIXES, assertPrivateFolder } from '../directory/sqlite/file-check';
import { translateLocalFileError } from '../directory/sqlite/local-file-errors';
import { makePrivateFolder } from '../directory/private-files';
import { bulkLoadSearchIndexAsync } from '../directory/sqlite/search-index';
import { DirectoryStore } from '../directory/sqlite/store';
import { DEFAULT_TENANT_EXTRAS, DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY } from '../domain/types';
import { domainNameSchema, parseInput, tenantNameSchema } from '../domain/validation';

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
  | { kind: 'empty'; tenantName: string; domain: string }
  /** Only the local file (settings, audit, connection profiles): the users live in AD or OpenLDAP. */
  | { kind: 'local'; tenantName: string; domain: string };

/**
 * Creates a directory file: the deterministic sample tenant (Contoso) or an empty
 * tenant with a first Global Administrator. Agent passwords are random (never
 * derived from the seed) and hashed on the thread pool while the single insert
 * transaction loads the users as the sample makes them (never all in memory):
 * the load pauses every few thousand users so the next hash can start, and the
 * agents' rows get their hashes at its end. Fifteen scrypt hashes took 5-8 s
 * of a million-user init when they came first.
 *
 * Everything is checked before anything is created, and the file is built under
 * a temporary name in the same folder, then linked into place (which fails if
 * the name was taken meanwhile) and the temporary name removed. A failure at any
 * step leaves no file behind: the path stays free for the next `init`. The
 * folders it makes are 0700 and the file 0600 (with its -wal and -shm), whatever
 * the umask; a folder others can write to is refused (LOCAL_FILE_UNSAFE).
 */
export async function initDirectory(
  path: string,
  plan: InitPlan,
  deps: { hasher: PasswordHasher; clock?: Clock },
): Promise<InitResult> {
  const clock = deps.clock ?? systemClock;
  const checked = checkPlan(plan);
  assertFree(path);
  const tenant = checked.kind === 'sample' ? contosoSample(checked, clock) : emptyTenant(checked, clock);
  // The sample delivers to a local outbox the app starts: one key and two ports, no
  // per-user work. Made beside the load (loading the certificate library takes
  // ~0.5 s) and written with the agents' hashes, in the same transaction.
  const outboxing = checked.kind === 'sample' ? sampleOutbox(tenant.settings) : null;
  outboxing?.catch(() => {});

  const accounts: CreatedAccount[] = tenant.agents.map((a) => ({
    upn: a.upn, displayName: a.displayName, roles: [...a.roles], password: generateTemporaryPassword(),
  }));
  const atOnce = tenant.size >= BIG_LOAD ? HASHES_AT_ONCE_BESIDE_A_BIG_LOAD : HASHES_AT_ONCE;
  const hashing = hashPasswords(accounts, deps.hasher, atOnce);
  // Awaited inside the load; a load that fails first must not leave it unhandled.
  hashing.catch(() => {});

  /**
   * One transaction, opened by hand since it spans the pauses (the file is private:
   * nothing else can write to it meanwhile). `rowsDone` runs after the last row and
   * before the search index's one sorted pass.
   */
  const fill = async (store: DirectoryStore, rowsDone: () => void) => {
    const { db } = store;
    db.exec('BEGIN IMMEDIATE');
    try {
      store.tenant.create(tenant.settings, clock());
      const groupIds = new Map(tenant.groups.map((g) => [g.name, store.groups.create(g.name, g.description)]));
      const agentUpns = new Set(accounts.map((a) => a.upn));
      const agentRows = new Map<string, number>();
      await bulkLoadSearchIndexAsync(db, async () => {
        const users = store.users.bulkWriter();
        const members = store.groups.memberWriter();
        let loaded = 0;
        for (const user of tenant.users()) {
          const rowid = users.insert(user, null);
          if (agentUpns.has(user.upn)) agentRows.set(user.upn, rowid);
          for (const group of user.groups) {
            const id = groupIds.get(group);
            if (id === undefined) throw new Error(`cannot add ${user.upn} to unknown group ${group}`);
            members.add(id, rowid);
          }
          if (++loaded % USERS_BETWEEN_PAUSES === 0) await pause();
        }
        users.flush();
        members.flush();
        rowsDone();
      });
      const hashes = await hashing;
      const outbox = await outboxing;
      if (outbox) {
        store.tenant.update({ delivery: outbox.delivery }, clock());
        store.appSettings.set(OUTBOX_KEY_APP_SETTING, outbox.keyPem);
      }
      for (const [upn, rowid] of agentRows) store.users.rehash(rowid, hashes.get(upn)!);
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };

  await buildInPlace(path, async (temporary) => {
    const store = DirectoryStore.open(temporary, { create: true, clock });
    try {
      await loadPrivately(store.db, LOADED_TABLES, (rowsDone) => fill(store, rowsDone));
    } finally {
      store.close(); // the last connection's close checkpoints and removes the WAL
    }
  });
  return { store: DirectoryStore.open(path, { clock }), accounts };
}

/**
 * How often the load lets the event loop run, so a finished hash hands its
 * thread to the next: a few milliseconds of rows, a thousandth of a million.
 */
const USERS_BETWEEN_PAUSES = 1000;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The tables a load fills row by row: their secondary indexes are built once, after it. */
const LOADED_TABLES = ['users', 'auth_methods', 'role_assignments', 'group_members'] as const;

/**
 * scrypt at OWASP cost takes 128 MiB per hash. All at once, libuv's four threads
 * held 512 MiB and were init's peak memory; two at a time halve it, and two cores
 * finish the fifteen agents no later. Beside a big load (which holds one core and
 * its 128 MiB cache for most of a minute) one at a time: the other core is the
 * hashes', and the peak stays under 500 MB.
 */
const HASHES_AT_ONCE = 2;
const HASHES_AT_ONCE_BESIDE_A_BIG_LOAD = 1;
const BIG_LOAD = 50_000;

async function hashPasswords(accounts: CreatedAccount[], hasher: PasswordHasher, atOnce: number): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const waiting = [...accounts];
  const worker = async () => {
    for (let next = waiting.shift(); next !== undefined; next = waiting.shift()) {
      hashes.set(next.upn, await hasher.hash(next.password.reveal()));
    }
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
  return hashes;
}

/** The plan with its names checked by the rules the app's first-run form uses. */
function checkPlan(plan: InitPlan): InitPlan {
  if (plan.kind === 'sample') return plan;
  return {
    kind: plan.kind,
    tenantName: parseInput(tenantNameSchema, plan.tenantName, 'The tenant name'),
    domain: parseInput(domainNameSchema, plan.domain, 'The domain'),
  };
}

/** Refuses a path that is taken: by a file (a directory, maybe) or by anything else. */
function assertFree(path: string): void {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!stats.isFile()) throw new DomainError('NOT_A_DIRECTORY', `(${path} exists and is not a file)`);
  throw directoryExists(path);
}

/** Says where the directory is and how to use another or start over. */
function directoryExists(path: string): DomainError {
  return new DomainError(
    'DIRECTORY_EXISTS',
    `(${resolve(path)}). Use --db PATH for another file, or delete this one (with its -wal and -shm files) to start over.`,
  );
}

/** Runs `build` on a temporary file beside `path`, then moves the result into place, or removes every trace. */
async function buildInPlace(path: string, build: (temporary: string) => Promise<void>): Promise<void> {
  const folder = dirname(path);
  assertPrivateFolder(folder); // before anything is made in it
  let createdFolder: string | undefined;
  try {
    createdFolder = makePrivateFolder(folder);
  } catch (error) {
    throw translateLocalFileError(error, path);
  }
  const temporary = join(folder, `.${basename(path)}.${randomUUID()}.tmp`);
  const removeTemporary = () => {
    for (const suffix of ['', ...COMPANION_SUFFIXES]) rmSync(`${temporary}${suffix}`, { force: true });
  };
  try {
    await build(temporary);
    try {
      linkSync(temporary, path); // unlike rename, never replaces a file that appeared meanwhile
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw directoryExists(path);
      throw error;
    }
  } catch (error) {
    removeTemporary();
    // A folder made just now for this file holds nothing else.
    if (createdFolder) rmSync(createdFolder, { recursive: true, force: true });
    throw translateLocalFileError(error, path);
  }
  removeTemporary();
}

function contosoSample(plan: { size: number; seed: number }, clock: Clock): SampleTenant {
  try {
    return sampleTenant({ size: plan.size, seed: plan.seed, now: new Date(clock()) });
  } catch (error) {
    if (error instanceof RangeError) throw new DomainError('INVALID_INPUT', error.message);
    throw error;
  }
}

function emptyTenant(plan: { kind: 'empty' | 'local'; tenantName: string; domain: string }, clock: Clock): SampleTenant {
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
      lockoutPolicy: DEFAULT_LOCKOUT_POLICY, ...DEFAULT_TENANT_EXTRAS,
    },
    // A local file for a real directory has no users of its own: its agents sign in to the directory.
    users: () => (plan.kind === 'local' ? [] : [admin]),
    size: plan.kind === 'local' ? 0 : 1,
    agents: plan.kind === 'local' ? [] : [{ upn: admin.upn, displayName: admin.displayName, roles: admin.roles }],
    groups: [],
  };
}
