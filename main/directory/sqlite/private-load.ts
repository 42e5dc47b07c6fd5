import type { Database } from 'better-sqlite3';

const RANDOM_WRITES_CACHE_KIB = 128 * 1024;
const SORTING_CACHE_KIB = 32 * 1024;
const SORT_THREADS = 1;

/**
 * Loading a new directory file that nobody else can have open yet (init builds
 * it under a temporary name and links it into place only when it is complete).
 * What protects a shared, live file buys nothing there, since a failure deletes
 * the file: no journal, no fsync, no per-row upkeep of secondary indexes (each
 * is rebuilt in one sorted pass at the end, from its own CREATE INDEX). Unique
 * constraints stay enforced throughout. The file leaves in WAL mode, as
 * openDatabase makes every directory. `load` calls rowsDone() once its rows are
 * written, before any bulk sort of its own; it may pause (await) between rows.
 */
export async function loadPrivately(
  db: Database,
  tables: readonly string[],
  load: (rowsDone: () => void) => void | Promise<void>,
): Promise<void> {
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  // The unique indexes (object_id, upn) take keys in random order: kept in memory, they never touch
  // the disk mid-load. 128 MiB holds them for a million users; the connection closes after the load.
  db.pragma(`cache_size = ${RANDOM_WRITES_CACHE_KIB * -1}`);
  // Once the rows are in, what follows is sorting (the search keys, the indexes rebuilt below),
  // and each SQLite sort may buffer as much again as the cache: a small cache keeps the peak down.
  // SQLite's sorter may use a helper thread for those sorts; a load is the one time there is one to spare.
  // One, not two: each sorter thread buffers its own share, and the page cache the rows filled is not
  // given back to the system; at a million users two helpers put the peak at 483 MB, one at 455 MB,
  // in the same time (the search keys' sort is 13 million rows).
  const rowsDone = () => {
    db.pragma(`cache_size = ${SORTING_CACHE_KIB * -1}`);
    db.pragma(`threads = ${SORT_THREADS}`);
  };
  const placeholders = tables.map(() => '?').join(', ');
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${placeholders})`)
    .all(...tables) as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX "${name.replace(/"/g, '""')}"`);
  await load(rowsDone);
  rowsDone();
  for (const { sql } of indexes) db.exec(sql);
  db.pragma('synchronous = NORMAL');
  if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') throw new Error('the new directory could not return to WAL mode');
}
