/**
 * One sync of a profile's replica: a full read when there is no replica yet
 * (or the feed cannot continue from its cursor, or --full was asked), else
 * the changes since the cursor, and, where the directory does not report
 * deletions, a comparison of every id now and then. Runs where the writer
 * runs (the sync worker, or the CLI's `directory sync`); never on the app's
 * main thread.
 *
 * A failure is recorded once with when to try again (backoff: 30 s, then
 * doubling up to 30 min), so a directory that refuses a full read is asked
 * again on that schedule, never on every keystroke or every tick.
 */
import type { FeedProgress, ReplicaFeed } from '../../directory/replica-feed';
import type { ReplicaStore } from '../../directory/sqlite/replica-store';
import { DomainError } from '../../domain/errors';

/** The first retry after a failure; each one after doubles, up to RETRY_MAX_MS. */
export const RETRY_FIRST_MS = 30_000;
export const RETRY_MAX_MS = 30 * 60_000;
/**
 * How often deletions are looked for by comparing every id (OpenLDAP; AD where the account cannot list
 * Deleted Objects), while an agent is signed in. Reading every id costs the server in proportion to the
 * directory (6.6 s of slapd CPU at 1,000,000 users, BENCHMARKS.md), so once an hour: a deleted user stays
 * findable until then, and opening them says they are gone (the pane reads live). `directory sync` compares
 * at every run.
 */
export const COMPARE_EVERY_MS = 60 * 60_000;

export function retryAfterMs(failures: number): number {
  return Math.min(RETRY_FIRST_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);
}

export interface SyncOptions {
  /** Read everything again, whatever the cursor. */
  full?: boolean;
  /** Compare every id for deletions now, whenever the last comparison was. */
  compare?: boolean;
}

/** What a sync did, as `directory sync` reports it. */
export interface SyncReport {
  kind: 'full' | 'changes';
  /** Entries read from the directory (a full read: every user; changes: the changed ones and the ids compared). */
  read: number;
  added: number;
  changed: number;
  removed: number;
  /** Users in the replica after the sync. */
  users: number;
  ms: number;
  /** Why a full read was made ('first', 'asked', or the feed's reason it could not continue). */
  why?: string;
}

export interface SyncDeps {
  profile: string;
  store: ReplicaStore;
  feed: ReplicaFeed;
  clock: () => number;
  /** The full read's progress, after each page written. */
  progress?: (progress: FeedProgress) => void;
  /** Lets the event loop breathe between writes (the worker answers its messages). */
  pause?: () => Promise<void>;
}

export async function syncReplica(deps: SyncDeps, options: SyncOptions = {}): Promise<SyncReport> {
  const { store, profile, clock } = deps;
  const started = clock();
  try {
    const live = store.live(profile);
    let report: SyncReport;
    if (!live || live.cursor === null || options.full) {
      report = await fullRead(deps, live ? 'asked' : 'first', started);
    } else {
      report = await changes(deps, live.id, live.cursor, options, started);
    }
    store.recovered(profile);
    await purge(deps);
    return report;
  } catch (error) {
    const code = error instanceof DomainError ? error.code : 'DIRECTORY_ERROR';
    const detail = error instanceof DomainError ? (error.detail ?? null) : null;
    // One reading of the clock: the retry is exactly the backoff after the failure it follows.
    const now = clock();
    store.fail(profile, code, detail, now, (failures) => now + retryAfterMs(failures));
    throw error;
  }
}

async function fullRead(deps: SyncDeps, why: string, started: number): Promise<SyncReport> {
  const { store, profile, feed, clock } = deps;
  const before = store.live(profile);
  const build = store.startBuild(profile, started);
  try {
    const cursor = await feed.readAll(async (users, progress) => {
      build.add(users);
      // The server seldom says how many there are: the last replica's count is the best guess.
      deps.progress?.({ read: build.users, estimate: progress.estimate ?? before?.users ?? null });
      await deps.pause?.();
    });
    build.finish(cursor, clock());
  } catch (error) {
    build.abandon();
    throw error;
  }
  const diff = before ? store.difference(before.id, build.id) : { added: build.users, changed: 0, removed: 0 };
  return { kind: 'full', read: build.users, ...diff, users: build.users, ms: clock() - started, why };
}

async function changes(deps: SyncDeps, id: number, cursor: string, options: SyncOptions, started: number): Promise<SyncReport> {
  const { store, feed, clock, profile } = deps;
  const counts = { read: 0, added: 0, changed: 0, removed: 0 };
  const result = await feed.readChanges(cursor, async (page) => {
    counts.read += page.changed.length + page.removedIds.length;
    const applied = store.applyChanges(id, page);
    counts.added += applied.added;
    counts.changed += applied.changed;
    counts.removed += applied.removed;
    await deps.pause?.();
  });
  if ('full' in result) return fullRead(deps, result.full, started);
  const live = store.live(profile)!;
  const compare = feed.deletions === 'comparison' && (options.compare || live.comparedAt === null || clock() - live.comparedAt >= COMPARE_EVERY_MS);
  if (compare) {
    const comparison = store.compareIds(id);
    await feed.readIds(async (ids) => {
      counts.read += ids.length;
      comparison.see(ids);
      await deps.pause?.();
    });
    counts.removed += store.remove(id, comparison.gone());
  }
  store.synced(id, result.cursor, clock(), compare);
  return { kind: 'changes', ...counts, users: store.live(profile)!.users, ms: clock() - started };
}

/** Deletes what replaced replicas left, a chunk at a time. */
async function purge(deps: SyncDeps): Promise<void> {
  while (deps.store.purgeRetired()) await deps.pause?.();
}
