/**
 * Issue 18's local replica against the product slapd at a size (100k, 1M):
 * the first full read through the app's own path (replica-probe.ts: sign-in,
 * warm(), the sync thread), with what it cost slapd (CPU seconds, bytes on
 * loopback), the process's peak RSS, the replica's size on disk and the main
 * thread's event-loop delay while it built; the query classes from the
 * replica beside the embedded file with the same users and the server's own
 * search; an incremental sync after 1,000 renames (plus adds and deletes) and
 * with none; the deletion comparison (every entryUUID); and an idle sync's
 * searches and CPU on slapd, for twenty agents' desktops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { SyncReport } from '../../main/app/replica/replica-sync';
import { openAsTheApp } from './app-directory';
import { openProductSlapd, type ProductSlapdAt } from './product-bench';
import { signInAgent } from './product-agent';
import { makeChanges, RENAMED_SN, type ChangePlan } from './replica-changes';
import { bundleProbe, startProbe, type Probe } from './replica-probe-client';
import { costOf, loadNow, loopbackBytes, slapdSearches, type Cost } from './server-costs';
import { serverSearchTimes, type SearchPlan, type ServerSearchRow } from './server-search';
import { progress, summarize, type Summary } from './stats';

export interface ReplicaPlan extends SearchPlan {
  /** Idle syncs timed for the per-sync cost on slapd (CPU is counted in 10 ms ticks: many make an average). */
  idleSyncs: number;
}

export const REPLICA_PLAN: ReplicaPlan = { rounds: 10, budgetMs: 4_000, idleSyncs: 20 };
export const REPLICA_QUICK_PLAN: ReplicaPlan = { rounds: 3, budgetMs: 1_500, idleSyncs: 5 };
export const CHANGES: ChangePlan = { renamed: 1000, added: 5, deleted: 5 };

export interface BuildResult {
  wallMs: number;
  users: number;
  eventLoop: { p50: number; p99: number; max: number; mean: number };
  typed: Summary & { answered: number; all: number };
  progressReports: number;
  memory: { before: { peak: number; now: number }; after: { peak: number; now: number } };
  fileBytes: number;
}

interface SyncAnswer {
  report: SyncReport;
  fileBytes: number;
}

export interface SyncCost {
  report: SyncReport;
  cost: Cost;
}

export interface Found {
  query: string;
  ms: number;
  upns: string[];
  total: { count: number; exact: boolean };
}

export interface ReplicaSizeResult {
  label: string;
  users: number;
  date: Date;
  /** Bytes on loopback over 5 s with nothing running: what the namespace sends on its own. */
  idleLoopback: number;
  build: { result: BuildResult; cost: Cost };
  search: { replicaThread: ServerSearchRow[]; replicaInProcess: ServerSearchRow[]; embedded: ServerSearchRow[]; server: ServerSearchRow[]; load: number };
  lastUsers: Found[];
  /** The first sync after the read, one rename later (see above). */
  settle: SyncCost;
  changes: { made: ChangePlan; ldapmodifyMs: number; sync: SyncCost; renamedFound: Found };
  idle: { first: SyncCost; repeated: { n: number; cpuSeconds: number; searches: number; read: number; ms: Summary; load: number } };
  comparison: SyncCost;
}

/** The users at the directory file's last rows (the 999,999th and the last at 1M): their UPNs, to find from the replica. */
function lastUpns(directoryFile: string): string[] {
  const db = new BetterSqlite3(directoryFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT upn FROM users ORDER BY rowid DESC LIMIT 2').pluck().all() as string[]).reverse();
  } finally {
    db.close();
  }
}

async function syncCost(probe: Probe, slapdPid: number, options: { compare?: boolean } = {}): Promise<SyncCost> {
  const { result, cost } = await costOf([slapdPid], () => probe.ask<SyncAnswer>({ kind: 'sync', options }));
  return { report: result.report, cost };
}

async function searchTables(at: ProductSlapdAt, probe: Probe, plan: SearchPlan): Promise<ReplicaSizeResult['search']> {
  const { classes } = at;
  progress(`replica ${at.label}: query classes from the replica (search thread, then in-process), the embedded file, the server`);
  const replicaThread = await probe.ask<ServerSearchRow[]>({ kind: 'search', classes, plan, where: 'search thread' });
  const replicaInProcess = await probe.ask<ServerSearchRow[]>({ kind: 'search', classes, plan, where: 'in-process' });
  const app = await openAsTheApp(at.directoryFile);
  let embedded: ServerSearchRow[];
  try {
    embedded = await serverSearchTimes(app.services.directory.as(null), classes, plan, undefined, 'embedded');
  } finally {
    await app.close();
  }
  const agent = await signInAgent(at.slapd);
  try {
    const server = await serverSearchTimes(agent.directory, classes, plan);
    return { replicaThread, replicaInProcess, embedded, server, load: loadNow() };
  } finally {
    agent.close();
  }
}

/** One size, start to end: slapd on a writable copy, the probe, every measurement; both stopped whatever happens. */
export async function replicaAtSize(cacheDir: string, size: number, plan: ReplicaPlan): Promise<ReplicaSizeResult> {
  const probePath = await bundleProbe(cacheDir);
  const at = await openProductSlapd(cacheDir, size, { writable: true });
  const work = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-replica-'));
  let probe: Probe | null = null;
  try {
    const { slapd, label } = at;
    const date = new Date();
    const typed = at.classes[0]!.queries;
    probe = await startProbe(probePath, { workDir: work, profile: slapd.profile, agent: { upn: slapd.agent.upn, password: slapd.agent.password }, typed, typeEveryMs: 250 });
    const idle0 = loopbackBytes();
    await new Promise((resolve) => setTimeout(resolve, 5000)); // a quiet namespace: how much loopback moves on its own
    const idleLoopback = loopbackBytes() - idle0;

    // Without syncprov the feed's cursor is the newest entryCSN it saw less the read's duration and a 2-minute margin
    // (openldap-changes.ts): with a slapadd the newest change, the load's last minutes would be read again at every sync.
    // One change now stands in for an ordinary directory's latest change.
    await makeChanges(slapd, { renamed: 1, added: 0, deleted: 0 }, 0);
    progress(`replica ${label}: first full read through the sync thread (${slapd.users} users in slapd)…`);
    const build = await costOf([slapd.pid], () => probe!.ask<BuildResult>({ kind: 'build' }));
    progress(`replica ${label}: built in ${(build.cost.ms / 1000).toFixed(1)} s, slapd ${build.cost.cpuSeconds.toFixed(1)} s CPU, event loop p99 ${build.result.eventLoop.p99.toFixed(1)} ms`);

    const search = await searchTables(at, probe, plan);
    const lastUsers = await probe.ask<Found[]>({ kind: 'find', queries: lastUpns(at.directoryFile) });

    // The first sync after the read: it reads again what was stamped within the cursor's margin of the newest change it
    // had seen (after a fresh slapadd, the load's last minutes); a change now moves that point past the load.
    await makeChanges(slapd, { renamed: 1, added: 0, deleted: 0 }, 0);
    const settle = await syncCost(probe, slapd.pid);
    progress(`replica ${label}: ${CHANGES.renamed} renames, ${CHANGES.added} adds, ${CHANGES.deleted} deletes with ldapmodify, then a sync`);
    const made = await makeChanges(slapd, CHANGES);
    const changed = await syncCost(probe, slapd.pid);
    const [renamedFound] = await probe.ask<Found[]>({ kind: 'find', queries: [RENAMED_SN.toLowerCase()] });

    progress(`replica ${label}: syncs with no change (${plan.idleSyncs}), then the deletion comparison`);
    const first = await syncCost(probe, slapd.pid);
    const searches0 = await slapdSearches(slapd.url, slapd.ca, slapd.admin);
    const times: number[] = [];
    let read = 0;
    const repeated = await costOf([slapd.pid], async () => {
      for (let i = 0; i < plan.idleSyncs; i++) {
        const { report } = await probe!.ask<SyncAnswer>({ kind: 'sync', options: {} });
        times.push(report.ms);
        read += report.read;
      }
    });
    const searches = (await slapdSearches(slapd.url, slapd.ca, slapd.admin)) - searches0;
    const comparison = await syncCost(probe, slapd.pid, { compare: true });
    return {
      label,
      users: slapd.users,
      date,
      idleLoopback,
      build,
      search,
      lastUsers,
      settle,
      changes: { made: CHANGES, ldapmodifyMs: made.ms, sync: changed, renamedFound: renamedFound! },
      idle: { first, repeated: { n: plan.idleSyncs, cpuSeconds: repeated.cost.cpuSeconds, searches, read, ms: summarize(times), load: repeated.cost.load } },
      comparison,
    };
  } finally {
    await probe?.close();
    await at.slapd.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
