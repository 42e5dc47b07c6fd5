/**
 * The local replicas of real directories (migration 11): written by the sync
 * (one writer, in its worker thread, on its own connection), read by search
 * (search.ts over replicaTables(id)) and by the status the window shows.
 *
 * Every write is a short transaction (a page of users, a chunk of keys): main
 * writes the audit into the same file, and SQLite has one writer at a time,
 * so the sync never holds the lock for longer than a few milliseconds.
 *
 * A full read builds a new replica beside the live one: its users go in page
 * by page, their keys are staged in the connection's temporary store and
 * moved in sorted chunks at the end (appending to the B-tree rather than
 * inserting 13 keys a user at random places), then one transaction makes it
 * the live one and retires the old, whose rows are deleted in small steps.
 * Changes are applied to the live replica row by row.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ChangePage } from '../replica-feed';
import type { DirectoryUser } from '../../domain/types';
import { userKeys } from './search-keys';
import { searchableOf, type SearchableRow } from './users-repo';
import { REPLICA_COLUMNS, replicaRowOf, type ReplicaRowValues } from './replica-rows';
import { FullBuild, IdComparison } from './replica-build';

export { FullBuild, IdComparison } from './replica-build';

/** A replica as search and the status see it. */
export interface ReplicaInfo {
  id: number;
  profile: string;
  cursor: string | null;
  users: number;
  startedAt: number;
  builtAt: number | null;
  syncedAt: number | null;
  comparedAt: number | null;
}

/** The last failure of a profile's sync, and when to try again. */
export interface ReplicaFailure {
  code: string;
  detail: string | null;
  failedAt: number;
  /** Failures in a row. */
  failures: number;
  retryAt: number;
}

export interface ChangeCounts {
  added: number;
  changed: number;
  removed: number;
}

interface ReplicaRow {
  id: number;
  profile: string;
  cursor: string | null;
  users: number;
  started_at: number;
  built_at: number | null;
  synced_at: number | null;
  compared_at: number | null;
}

type StoredRow = ReplicaRowValues & SearchableRow & { rowid: number };



/** Users of a retired replica deleted per transaction. */
const PURGE_CHUNK = 2_000;

const infoOf = (row: ReplicaRow | undefined): ReplicaInfo | null =>
  row
    ? {
        id: row.id,
        profile: row.profile,
        cursor: row.cursor,
        users: row.users,
        startedAt: row.started_at,
        builtAt: row.built_at,
        syncedAt: row.synced_at,
        comparedAt: row.compared_at,
      }
    : null;

export class ReplicaStore {
  readonly #db: Database;
  readonly #byState: Statement<[string, string], ReplicaRow>;
  readonly #failure: Statement<[string], { code: string; detail: string | null; failed_at: number; failures: number; retry_at: number }>;
  readonly #insertUser: Statement<Record<string, unknown>>;
  readonly #insertKey: Statement<[number, string, number | bigint]>;
  readonly #deleteKey: Statement<[number, string, number]>;
  readonly #existing: Statement<[number, string], StoredRow>;
  readonly #updateUser: Statement<Record<string, unknown>>;
  readonly #deleteUser: Statement<[number]>;

  constructor(db: Database) {
    this.#db = db;
    this.#byState = db.prepare('SELECT * FROM replicas WHERE profile = ? AND state = ?');
    this.#failure = db.prepare('SELECT code, detail, failed_at, failures, retry_at FROM replica_failures WHERE profile = ?');
    this.#insertUser = db.prepare(
      `INSERT INTO replica_users (replica_id, ${REPLICA_COLUMNS.join(', ')}) VALUES (@replica_id, ${REPLICA_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.#insertKey = db.prepare('INSERT OR IGNORE INTO replica_search_keys (replica_id, key, user_rowid) VALUES (?, ?, ?)');
    this.#deleteKey = db.prepare('DELETE FROM replica_search_keys WHERE replica_id = ? AND key = ? AND user_rowid = ?');
    this.#existing = db.prepare('SELECT rowid, * FROM replica_users WHERE replica_id = ? AND object_id = ?');
    this.#updateUser = db.prepare(`UPDATE replica_users SET ${REPLICA_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE rowid = @rowid`);
    this.#deleteUser = db.prepare('DELETE FROM replica_users WHERE rowid = ?');
  }

  /** The replica search reads for this profile, or null before its first full read finished. */
  live(profile: string): ReplicaInfo | null {
    return infoOf(this.#byState.get(profile, 'live'));
  }

  /** A full read under way (or left by a sync that stopped), or null. */
  building(profile: string): ReplicaInfo | null {
    return infoOf(this.#byState.get(profile, 'building'));
  }

  failure(profile: string): ReplicaFailure | null {
    const row = this.#failure.get(profile);
    return row ? { code: row.code, detail: row.detail, failedAt: row.failed_at, failures: row.failures, retryAt: row.retry_at } : null;
  }

  /** Records a failed sync: `retryAt` from the caller's backoff, the count of failures in a row kept here. */
  fail(profile: string, code: string, detail: string | null, now: number, retryAt: (failures: number) => number): ReplicaFailure {
    const failures = (this.failure(profile)?.failures ?? 0) + 1;
    const at = retryAt(failures);
    this.#db
      .prepare(
        `INSERT INTO replica_failures (profile, code, detail, failed_at, failures, retry_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (profile) DO UPDATE SET code = excluded.code, detail = excluded.detail, failed_at = excluded.failed_at,
           failures = excluded.failures, retry_at = excluded.retry_at`,
      )
      .run(profile, code, detail, now, failures, at);
    return { code, detail, failedAt: now, failures, retryAt: at };
  }

  /** A sync succeeded: the failure is over. */
  recovered(profile: string): void {
    this.#db.prepare('DELETE FROM replica_failures WHERE profile = ?').run(profile);
  }

  /**
   * Starts a full read: a new replica beside the live one. A build left by a
   * sync that stopped is retired first (its rows deleted by purgeRetired).
   */
  startBuild(profile: string, now: number): FullBuild {
    const id = this.#db.transaction(() => {
      this.#db.prepare("UPDATE replicas SET state = 'retired' WHERE profile = ? AND state = 'building'").run(profile);
      return Number(this.#db.prepare("INSERT INTO replicas (profile, state, started_at) VALUES (?, 'building', ?)").run(profile, now).lastInsertRowid);
    }).immediate();
    return new FullBuild(this.#db, id);
  }

  /**
   * Applies one page of changes to the live replica: upserts by id (keys
   * rewritten only when a searchable field changed), removals, and the role
   * holders when the page carries them. One transaction.
   */
  applyChanges(replicaId: number, page: ChangePage): ChangeCounts {
    return this.#db.transaction(() => {
      const counts: ChangeCounts = { added: 0, changed: 0, removed: 0 };
      for (const user of [...page.changed, ...(page.roleHolders ?? [])]) {
        const result = this.#upsert(replicaId, user);
        if (result === 'added') counts.added++;
        else if (result === 'changed') counts.changed++;
      }
      if (page.roleHolders) {
        const holders = new Set(page.roleHolders.map((user) => user.id));
        const stale = this.#db
          .prepare("SELECT object_id FROM replica_users WHERE replica_id = ? AND roles_json <> '[]'")
          .pluck()
          .all(replicaId) as string[];
        const clear = this.#db.prepare("UPDATE replica_users SET roles_json = '[]' WHERE replica_id = ? AND object_id = ?");
        for (const id of stale) if (!holders.has(id) && clear.run(replicaId, id).changes > 0) counts.changed++;
      }
      for (const id of page.removedIds) if (this.#remove(replicaId, id)) counts.removed++;
      this.#recount(replicaId, counts.added - counts.removed);
      return counts;
    }).immediate();
  }

  /** Removes users by id (a comparison's result); one transaction. */
  remove(replicaId: number, ids: readonly string[]): number {
    return this.#db.transaction(() => {
      let removed = 0;
      for (const id of ids) if (this.#remove(replicaId, id)) removed++;
      this.#recount(replicaId, -removed);
      return removed;
    }).immediate();
  }

  /** Starts a comparison of every id the directory holds with the replica's (deletions, where the server does not tell them). */
  compareIds(replicaId: number): IdComparison {
    return new IdComparison(this.#db, replicaId);
  }

  /** A sync of changes (or a comparison) finished: the cursor to continue from and when. */
  synced(replicaId: number, cursor: string, now: number, compared = false): void {
    this.#db
      .prepare(`UPDATE replicas SET cursor = ?, synced_at = ?${compared ? ', compared_at = ?' : ''} WHERE id = ?`)
      .run(...(compared ? [cursor, now, now, replicaId] : [cursor, now, replicaId]));
  }

  /** How a new full read differs from the replica it replaced (by id; a user is changed when any column is). */
  difference(oldId: number, newId: number): ChangeCounts {
    const count = (sql: string) => this.#db.prepare(sql).pluck().get(newId, oldId) as number;
    const differs = REPLICA_COLUMNS.map((c) => `n.${c} IS NOT o.${c}`).join(' OR ');
    return {
      added: count(`SELECT count(*) FROM replica_users n WHERE n.replica_id = ?
        AND NOT EXISTS (SELECT 1 FROM replica_users o WHERE o.replica_id = ? AND o.object_id = n.object_id)`),
      changed: count(`SELECT count(*) FROM replica_users n JOIN replica_users o ON o.object_id = n.object_id
        WHERE n.replica_id = ? AND o.replica_id = ? AND (${differs})`),
      removed: this.#db
        .prepare(`SELECT count(*) FROM replica_users o WHERE o.replica_id = ?
          AND NOT EXISTS (SELECT 1 FROM replica_users n WHERE n.replica_id = ? AND n.object_id = o.object_id)`)
        .pluck()
        .get(oldId, newId) as number,
    };
  }

  /** Deletes up to PURGE_CHUNK users of retired replicas (and their keys); true while some remain. */
  purgeRetired(): boolean {
    const retired = this.#db.prepare("SELECT id FROM replicas WHERE state = 'retired' ORDER BY id LIMIT 1").pluck().get() as number | undefined;
    if (retired === undefined) return false;
    return this.#db.transaction(() => {
      const rowids = this.#db
        .prepare('SELECT rowid FROM replica_users WHERE replica_id = ? LIMIT ?')
        .pluck()
        .all(retired, PURGE_CHUNK) as number[];
      // The keys of a retired replica go by range, whichever users they belong to.
      this.#db
        .prepare(
          `DELETE FROM replica_search_keys WHERE replica_id = ? AND key IN
             (SELECT key FROM replica_search_keys WHERE replica_id = ? LIMIT ?)`,
        )
        .run(retired, retired, PURGE_CHUNK * 16);
      for (const rowid of rowids) this.#deleteUser.run(rowid);
      const keysLeft = this.#db.prepare('SELECT 1 FROM replica_search_keys WHERE replica_id = ? LIMIT 1').get(retired);
      if (rowids.length === 0 && !keysLeft) this.#db.prepare('DELETE FROM replicas WHERE id = ?').run(retired);
      return true;
    }).immediate();
  }

  /** The profile's replicas retired (a profile removed, or its replica to be read again from scratch). */
  retire(profile: string): void {
    this.#db.prepare("UPDATE replicas SET state = 'retired' WHERE profile = ? AND state <> 'retired'").run(profile);
    this.#db.prepare('DELETE FROM replica_failures WHERE profile = ?').run(profile);
  }

  #upsert(replicaId: number, user: DirectoryUser): 'added' | 'changed' | 'same' {
    const values = replicaRowOf(user);
    const old = this.#existing.get(replicaId, values.object_id);
    if (!old) {
      const rowid = Number(this.#insertUser.run({ replica_id: replicaId, ...values }).lastInsertRowid);
      for (const key of userKeys(searchableOf(values))) this.#insertKey.run(replicaId, key, rowid);
      return 'added';
    }
    if (REPLICA_COLUMNS.every((column) => old[column] === values[column])) return 'same';
    const before = userKeys(searchableOf(old));
    const after = userKeys(searchableOf(values));
    this.#updateUser.run({ rowid: old.rowid, ...values });
    const kept = new Set(after);
    for (const key of before) if (!kept.has(key)) this.#deleteKey.run(replicaId, key, old.rowid);
    for (const key of after) this.#insertKey.run(replicaId, key, old.rowid);
    return 'changed';
  }

  #remove(replicaId: number, objectId: string): boolean {
    const old = this.#existing.get(replicaId, objectId);
    if (!old) return false;
    for (const key of userKeys(searchableOf(old))) this.#deleteKey.run(replicaId, key, old.rowid);
    this.#deleteUser.run(old.rowid);
    return true;
  }

  #recount(replicaId: number, delta: number): void {
    if (delta !== 0) this.#db.prepare('UPDATE replicas SET users = users + ? WHERE id = ?').run(delta, replicaId);
  }
}

