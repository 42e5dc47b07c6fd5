import type { Database } from 'better-sqlite3';

/**
 * Loading many users at once (init --sample 1000000). Index maintenance row by
 * row is what makes a bulk load slow, so the search index is suspended while
 * `work` inserts users and rebuilt in one sorted pass after it. Call it inside
 * the load's transaction.
 *
 * (For now a plain pass-through: the FTS5 triggers of migration 2 index each
 * row as it is inserted. The search redesign replaces them and fills this in.)
 */
export function bulkLoadSearchIndex<T>(_db: Database, work: () => T): T {
  return work();
}
