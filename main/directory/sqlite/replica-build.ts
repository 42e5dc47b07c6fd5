/**
 * The two long passes over a replica (replica-store.ts), each in short
 * transactions: a full read's build (users page by page, their keys staged in
 * the connection's temporary store and moved in sorted chunks, then the swap
 * that makes it live), and a comparison of every id the directory holds.
 */
import type { Database, Statement } from 'better-sqlite3';
import { DomainError } from '../../domain/errors';
import type { DirectoryUser } from '../../domain/types';
import { userKeys } from './search-keys';
import { searchableOf } from './users-repo';
import { REPLICA_COLUMNS, replicaRowOf } from './replica-rows';

/** Keys moved from the staging table per transaction at the end of a full read. */
const KEY_CHUNK = 20_000;

/** A full read under way: pages of users in, then finish() (or abandon()). */
export class FullBuild {
  readonly id: number;
  readonly #db: Database;
  readonly #insertUser: Statement<Record<string, unknown>>;
  readonly #stage: Statement<[number, string]>;
  /** The temporary tables' names: this build's own (a test, or a second build on one connection, never meets another's). */
  readonly #staging: string;
  readonly #sorted: string;
  #users = 0;

  constructor(db: Database, id: number) {
    this.#db = db;
    this.id = id;
    this.#staging = `replica_keys_staging_${id}`;
    this.#sorted = `replica_keys_sorted_${id}`;
    this.#insertUser = db.prepare(
      `INSERT OR IGNORE INTO replica_users (replica_id, ${REPLICA_COLUMNS.join(', ')}) VALUES (@replica_id, ${REPLICA_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    // The staging table is this connection's (temp): writing it takes no lock on the file.
    db.exec(`DROP TABLE IF EXISTS temp.${this.#staging}; CREATE TEMP TABLE ${this.#staging} (user_rowid INTEGER NOT NULL, keys TEXT NOT NULL)`);
    this.#stage = db.prepare(`INSERT INTO temp.${this.#staging} (user_rowid, keys) VALUES (?, ?)`);
  }

  get users(): number {
    return this.#users;
  }

  /** One page of users, in one short transaction. Ids already added in this build are skipped (a server may repeat an entry across pages). */
  add(users: readonly DirectoryUser[]): void {
    this.#db.transaction(() => {
      for (const user of users) {
        const values = replicaRowOf(user);
        const result = this.#insertUser.run({ replica_id: this.id, ...values });
        if (result.changes === 0) continue;
        this.#stage.run(Number(result.lastInsertRowid), JSON.stringify(userKeys(searchableOf(values))));
        this.#users++;
      }
      this.#db.prepare('UPDATE replicas SET users = ? WHERE id = ?').run(this.#users, this.id);
    }).immediate();
  }

  /**
   * The keys in sorted chunks, then the swap: this build becomes the live
   * replica with `cursor`, the one it replaces is retired.
   */
  finish(cursor: string, now: number): void {
    const db = this.#db;
    db.exec(`DROP TABLE IF EXISTS temp.${this.#sorted};
      CREATE TEMP TABLE ${this.#sorted} AS
        SELECT k.value AS key, s.user_rowid AS user_rowid FROM temp.${this.#staging} s, json_each(s.keys) k ORDER BY 1, 2;
      DROP TABLE temp.${this.#staging};`);
    const last = (db.prepare(`SELECT max(rowid) FROM temp.${this.#sorted}`).pluck().get() as number | null) ?? 0;
    const move = db.prepare(
      `INSERT OR IGNORE INTO replica_search_keys (replica_id, key, user_rowid) SELECT ?, key, user_rowid FROM temp.${this.#sorted} WHERE rowid > ? AND rowid <= ?`,
    );
    for (let from = 0; from < last; from += KEY_CHUNK) db.transaction(() => move.run(this.id, from, from + KEY_CHUNK)).immediate();
    db.exec(`DROP TABLE temp.${this.#sorted}`);
    db.transaction(() => {
      const profile = db.prepare("SELECT profile FROM replicas WHERE id = ? AND state = 'building'").pluck().get(this.id) as string | undefined;
      // Another writer (the CLI's sync beside the app's thread, a profile changed meanwhile) retired this build:
      // what it read is not made live over what replaced it.
      if (profile === undefined) throw new DomainError('DIRECTORY_ERROR', 'Another read of the directory replaced this one.');
      db.prepare("UPDATE replicas SET state = 'retired' WHERE profile = ? AND state = 'live'").run(profile);
      db.prepare("UPDATE replicas SET state = 'live', cursor = ?, built_at = ?, synced_at = ?, compared_at = ? WHERE id = ?").run(
        cursor,
        now,
        now,
        now,
        this.id,
      );
    }).immediate();
  }

  /** The read failed or was stopped: what it wrote is retired. */
  abandon(): void {
    this.#db.exec(`DROP TABLE IF EXISTS temp.${this.#staging}; DROP TABLE IF EXISTS temp.${this.#sorted}`);
    this.#db.prepare("UPDATE replicas SET state = 'retired' WHERE id = ? AND state = 'building'").run(this.id);
  }
}

/** Every id the directory holds, staged in the temporary store; the replica's users not among them are removed at the end. */
export class IdComparison {
  readonly #db: Database;
  readonly #replicaId: number;
  readonly #stage: Statement<[string]>;

  constructor(db: Database, replicaId: number) {
    this.#db = db;
    this.#replicaId = replicaId;
    db.exec('DROP TABLE IF EXISTS temp.replica_ids_seen; CREATE TEMP TABLE replica_ids_seen (id TEXT PRIMARY KEY) WITHOUT ROWID');
    this.#stage = db.prepare('INSERT OR IGNORE INTO temp.replica_ids_seen (id) VALUES (?)');
  }

  see(ids: readonly string[]): void {
    this.#db.transaction(() => {
      for (const id of ids) this.#stage.run(id);
    })();
  }

  /** The ids of the replica's users the directory no longer has (removed by the caller with ReplicaStore.remove). */
  gone(): string[] {
    const gone = this.#db
      .prepare(
        `SELECT u.object_id FROM replica_users u WHERE u.replica_id = ?
           AND NOT EXISTS (SELECT 1 FROM temp.replica_ids_seen s WHERE s.id = u.object_id)`,
      )
      .pluck()
      .all(this.#replicaId) as string[];
    this.#db.exec('DROP TABLE temp.replica_ids_seen');
    return gone;
  }
}
