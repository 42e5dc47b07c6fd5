import type { Database, Statement } from 'better-sqlite3';
import { RowBatch } from './row-batch';
import { userKeys, type SearchableUser } from './search-keys';

/**
 * Writes the search keys (migration 4's `search_keys` table, a WITHOUT ROWID
 * B-tree on (key, user_rowid)). One writer per connection, so the users repo
 * and a bulk load share its state.
 *
 * Row by row, every key is an insert at a random place in the B-tree: fine for
 * one user, far too slow for a million. A bulk load stages the keys in an
 * unindexed temporary table, one row per user with its keys as a JSON array
 * (thirteen keys a user: a thirteenth of the rows to bind and write), and moves
 * them in one sorted pass at the end, which appends to the B-tree instead.
 */
export class SearchIndexWriter {
  readonly #db: Database;
  readonly #insert: Statement<[string, number | bigint]>;
  readonly #forget: Statement<[number | bigint]>;
  #staging: RowBatch | null = null;

  constructor(db: Database) {
    this.#db = db;
    this.#insert = db.prepare('INSERT OR IGNORE INTO search_keys (key, user_rowid) VALUES (?, ?)');
    this.#forget = db.prepare('DELETE FROM search_keys WHERE user_rowid = ?');
  }

  /** Indexes one user just inserted (or re-indexes one whose searchable fields changed). */
  index(rowid: number | bigint, user: SearchableUser): void {
    const staging = this.#staging;
    if (staging) {
      staging.add(rowid, JSON.stringify(userKeys(user)));
      return;
    }
    this.#forget.run(rowid);
    for (const key of userKeys(user)) this.#insert.run(key, rowid);
  }

  bulk<T>(work: () => T): T {
    if (this.#staging) return work(); // already inside a bulk load
    const staging = this.#beginBulk();
    try {
      const result = work();
      this.#endBulk(staging);
      return result;
    } finally {
      this.#staging = null;
    }
  }

  /** bulk() for a load that pauses (init lets the agents' password hashing go on meanwhile). */
  async bulkAsync<T>(work: () => Promise<T>): Promise<T> {
    if (this.#staging) return work();
    const staging = this.#beginBulk();
    try {
      const result = await work();
      this.#endBulk(staging);
      return result;
    } finally {
      this.#staging = null;
    }
  }

  #beginBulk(): RowBatch {
    // Names and phone numbers, nothing secret: the staged rows need not be zeroed when dropped
    // (secure_delete would write every page of them once more), only the directory's own pages.
    this.#db.pragma('temp.secure_delete = OFF');
    this.#db.exec('CREATE TEMP TABLE IF NOT EXISTS search_keys_staging (user_rowid INTEGER NOT NULL, keys TEXT NOT NULL)');
    // A hundred users a statement: at a million users, a million single-row
    // statements cost more than the rows themselves.
    const staging = new RowBatch(this.#db, 'INSERT INTO temp.search_keys_staging (user_rowid, keys)', 2);
    this.#staging = staging;
    return staging;
  }

  #endBulk(staging: RowBatch): void {
    staging.flush();
    this.#db.exec(`
      INSERT OR IGNORE INTO search_keys (key, user_rowid)
        SELECT k.value, s.user_rowid FROM temp.search_keys_staging s, json_each(s.keys) k ORDER BY 1, 2;
      DROP TABLE temp.search_keys_staging;`);
  }
}

const writers = new WeakMap<Database, SearchIndexWriter>();

/** The connection's one writer. */
export function searchIndexWriter(db: Database): SearchIndexWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new SearchIndexWriter(db);
    writers.set(db, writer);
  }
  return writer;
}

/**
 * Loading many users at once (init --sample 1000000): per-row indexing is
 * suspended while `work` inserts users and the keys are built in one sorted
 * pass after it. Call it inside the load's transaction.
 */
export function bulkLoadSearchIndex<T>(db: Database, work: () => T): T {
  return searchIndexWriter(db).bulk(work);
}

/** bulkLoadSearchIndex for a load that awaits between its rows, inside a transaction the caller holds open. */
export function bulkLoadSearchIndexAsync<T>(db: Database, work: () => Promise<T>): Promise<T> {
  return searchIndexWriter(db).bulkAsync(work);
}
