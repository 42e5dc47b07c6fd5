import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { DomainError } from '../errors';
import { assertKnownVersion, migrate } from './migrations';

export interface OpenDatabaseOptions {
  /** Create the file (and its folder) when missing. Otherwise a missing file is DIRECTORY_NOT_FOUND. */
  create?: boolean;
}

/**
 * Opens the directory's SQLite file: WAL (readers never wait for the writer),
 * foreign keys on, a busy timeout so the CLI and the app can share the file,
 * then brings the schema up to date.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database {
  const inMemory = path === ':memory:';
  if (!inMemory && !existsSync(path)) {
    if (!options.create) throw new DomainError('DIRECTORY_NOT_FOUND', `(${path})`);
    mkdirSync(dirname(path), { recursive: true });
  }
  const db = new BetterSqlite3(path);
  try {
    assertKnownVersion(db); // before any pragma writes to the file
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash
    // can lose the last transactions, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
