/**
 * Child process of the replica bench (replica-bench.ts), bundled by esbuild
 * with the sync and search threads beside it, as the app ships them: a
 * process of its own so its peak RSS (VmHWM) and its event loop are the
 * app's main process's alone.
 *
 * On a fresh local file with the directory's profile stored, the agent signs
 * in through the product (LdapAuthenticator) and warm() starts the sync thread
 * bound as the agent, as the IPC handler does at sign-in: the composition of
 * replicatedDirectory() (replicated-services.ts), with the host kept so the
 * bench can ask for a sync now (the app asks every 30 s; here a sync runs only
 * when asked). The parent drives it by messages and measures the server.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { initDirectory } from '../../main/app/init-directory';
import { storedProfileOf } from '../../main/app/ldap-users';
import { ReplicaHost } from '../../main/app/replica/replica-host';
import type { SyncOptions } from '../../main/app/replica/replica-sync';
import { ReplicatedDirectory } from '../../main/app/replica/replicated-directory';
import { LdapAuthenticator } from '../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../main/directory/ldap/ldap-directory';
import type { LdapProfile } from '../../main/directory/ldap/profile';
import { ReplicaStore } from '../../main/directory/sqlite/replica-store';
import { UserSearch } from '../../main/directory/sqlite/search';
import { replicaTables } from '../../main/directory/sqlite/search-tables';
import { SearchWorkerClient } from '../../main/directory/sqlite/search-worker-client';
import type { AgentCredential, DirectoryView } from '../../main/directory/directory';
import { Secret } from '../../main/domain/secret';
import { PasswordHasher } from '../../main/reset/hashing';
import type { QueryClass } from './queries';
import { serverSearchTimes, type SearchPlan } from './server-search';
import { summarize } from './stats';

export interface ProbeConfig {
  workDir: string;
  profile: LdapProfile;
  agent: { upn: string; password: string };
  /** Queries typed while the first read runs, one every `typeEveryMs`. */
  typed: string[];
  typeEveryMs: number;
}

export type ProbeRequest =
  | { kind: 'build' }
  | { kind: 'sync'; options: SyncOptions }
  | { kind: 'search'; classes: QueryClass[]; plan: SearchPlan; where: 'search thread' | 'in-process' }
  | { kind: 'find'; queries: string[] }
  | { kind: 'close' };

const send = (message: unknown) => process.send!(message);
const PROFILE_ONLY = 'replica-bench';
let app: Awaited<ReturnType<typeof signIn>> | null = null;

async function signIn(config: ProbeConfig) {
  const dbPath = path.join(config.workDir, 'local.sqlite');
  const { store } = await initDirectory(dbPath, { kind: 'local', tenantName: 'Resetdesk bench', domain: 'contoso.com' }, { hasher: new PasswordHasher() });
  const profile = { ...config.profile, name: PROFILE_ONLY };
  await store.stores.profiles.add(storedProfileOf(profile), store.clock());
  const inner = new LdapUserDirectory({ profile, stores: store.stores });
  const auth = new LdapAuthenticator({ profile, stores: store.stores, directory: inner });
  const { credential } = await auth.signIn(config.agent.upn, new Secret(config.agent.password));
  const replicas = new ReplicaStore(store.db);
  const search = new SearchWorkerClient(store.path, store.clock);
  const host = new ReplicaHost({ dbPath: store.path, profile, replicas, clock: store.clock, intervalMs: 24 * 3600_000 });
  const directory = new ReplicatedDirectory(inner, {
    host,
    replicas,
    searchReplica: (replicaId, query, page, filter) => search.search(query, page, filter, replicaId),
    close: () => search.close(),
  });
  return { store, dbPath, profile, directory, host, replicas, credential: credential as AgentCredential };
}

/** The process's peak and current resident set (VmHWM, VmRSS) in bytes: the main thread and every worker thread together. */
function memory(): { peak: number; now: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string) => Number(/\s(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(field)) ?? '')?.[1] ?? NaN) * 1024;
  return { peak: kb('VmHWM:'), now: kb('VmRSS:') };
}

function fileBytes(dbPath: string): number {
  return ['', '-wal'].reduce((sum, suffix) => {
    try {
      return sum + statSync(dbPath + suffix).size;
    } catch {
      return sum;
    }
  }, 0);
}

/** The first read, as at sign-in: warm() starts the thread; the main thread keeps answering searches (from the server until the replica is live). */
async function build(config: ProbeConfig) {
  const { directory, replicas, profile, credential, dbPath } = app!;
  const view = directory.as(credential);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const memoryBefore = memory();
  delay.enable();
  const t0 = performance.now();
  directory.warm(credential);
  const typed: { ms: number; server: boolean; users: number }[] = [];
  const progressSeen: number[] = [];
  let i = 0;
  let nextType = performance.now();
  while (replicas.live(profile.name) === null) {
    const failure = replicas.failure(profile.name);
    if (failure) throw new Error(`the first read failed: ${failure.code} ${failure.detail ?? ''}`);
    const status = directory.replicaStatus();
    if (status.read !== null) progressSeen.push(status.read);
    if (performance.now() >= nextType) {
      const query = config.typed[i++ % config.typed.length]!;
      const q0 = performance.now();
      const results = await view.searchUsers(query, { limit: 20, offset: 0 });
      typed.push({ ms: performance.now() - q0, server: replicas.live(profile.name) === null, users: results.users.length });
      nextType = performance.now() + config.typeEveryMs;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const wallMs = performance.now() - t0;
  delay.disable();
  const ns = (v: number) => v / 1e6;
  const live = replicas.live(profile.name)!;
  return {
    wallMs,
    users: live.users,
    eventLoop: { p50: ns(delay.percentile(50)), p99: ns(delay.percentile(99)), max: ns(delay.max), mean: ns(delay.mean) },
    typed: { ...summarize(typed.filter((t) => t.server).map((t) => t.ms)), answered: typed.filter((t) => t.server && t.users > 0).length, all: typed.length },
    progressReports: progressSeen.length,
    lastProgress: progressSeen.at(-1) ?? null,
    memory: { before: memoryBefore, after: memory() },
    fileBytes: fileBytes(dbPath),
  };
}

async function handle(config: ProbeConfig, request: ProbeRequest): Promise<unknown> {
  const { directory, host, replicas, profile, credential, store, dbPath } = app!;
  switch (request.kind) {
    case 'build':
      return build(config);
    case 'sync': {
      const report = await host.syncNow(request.options);
      return { report, fileBytes: fileBytes(dbPath), memory: memory() };
    }
    case 'search': {
      if (request.where === 'search thread') return serverSearchTimes(directory.as(credential), request.classes, request.plan, undefined, 'replica, search thread');
      // The replica's UserSearch on this thread, as `users search --directory` runs it (sync-once.ts replicaSearch).
      const search = new UserSearch(store.db, replicaTables(replicas.live(profile.name)!.id));
      const view: Pick<DirectoryView, 'searchUsers'> = { searchUsers: async (query, page, filter) => search.search(query, page, Date.now(), filter) };
      return serverSearchTimes(view, request.classes, request.plan, undefined, 'replica, in-process');
    }
    case 'find': {
      const view = directory.as(credential);
      const found = [];
      for (const query of request.queries) {
        const t0 = performance.now();
        const results = await view.searchUsers(query, { limit: 20, offset: 0 });
        found.push({ query, ms: performance.now() - t0, upns: results.users.map((u) => u.upn), total: results.total });
      }
      return found;
    }
    case 'close':
      await directory.close();
      store.close();
      return { memory: memory() };
  }
}

let config: ProbeConfig | null = null;
process.on('message', (message: { config?: ProbeConfig; request?: ProbeRequest; id: number }) => {
  void (async () => {
    try {
      if (message.config) {
        config = message.config;
        app = await signIn(config);
        send({ id: message.id, ok: true, value: { memory: memory() } });
        return;
      }
      const value = await handle(config!, message.request!);
      send({ id: message.id, ok: true, value });
      if (message.request!.kind === 'close') process.disconnect();
    } catch (error) {
      send({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});
