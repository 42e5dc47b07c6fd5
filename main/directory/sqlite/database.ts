import BetterSqlite3, { type Database } from 'better-sqlite3';
import { DomainError } from '../../domain/errors';
import { createPrivateFile } from '../private-files';
import { APPLICATION_ID, assertPrivate, assertWritable, inspectDirectoryFile } from './file-check';
import { translateLocalFileError } from './local-file-errors';
import { LEGACY_TABLES, assertKnownSchema, assertKnownVersion, migrate } from './migrations';

export interface OpenDatabaseOptions {
  /**
   * Make a new directory at `path`, which must not exist (only `init` and the
   * first run do, through a temporary file: see init.ts). Without it, the file
   * must already be a Resetdesk directory: anything else is refused unchanged.
   */
  create?: boolean;
}

/**
 * Opens the directory's SQLite file: WAL (readers never wait for the writer),
 * foreign keys on, secure_delete on, a busy timeout so the CLI and the app can
 * share the file, then brings the schema up to date.
 *
 * Before SQLite touches an existing file, its header must say it is ours
 * (`PRAGMA application_id`), so another application's database, an empty file
 * or a text file is never migrated, switched to WAL or written to; and no
 * other account may write to it or its folder (assertPrivate). A new file is
 * made 0600 before SQLite opens it, and SQLite gives its -wal and -shm the
 * file's own mode.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database {
  const inMemory = path === ':memory:';
  /** The header did not say ours, but may be a directory from before the mark (migration 3). */
  let legacy = false;
  if (!inMemory) {
    if (options.create) {
      createNew(path);
    } else {
      const header = inspectDirectoryFile(path);
      legacy = header.applicationId === 0 && header.userVersion >= 1;
      if (header.applicationId !== APPLICATION_ID && !legacy) throw new DomainError('NOT_A_DIRECTORY', `(${path})`);
      assertKnownSchema(header.userVersion);
      assertWritable(path);
      assertPrivate(path);
    }
  }
  const db = openSqlite(path, options.create === true);
  try {
    assertKnownVersion(db); // before any pragma writes to the file
    if (legacy) assertOurTables(db, path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Freed cells and pages are zeroed, so a superseded password hash does not
    // linger in free space (the WAL is truncated after such writes: store.ts).
    db.pragma('secure_delete = ON');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash
    // can lose the last transactions, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw translateLocalFileError(error, path);
  }
}

/** An empty file, 0600, that SQLite then makes a database of; a name that is taken is refused. */
function createNew(path: string): void {
  try {
    createPrivateFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new DomainError('DIRECTORY_EXISTS', `(${path})`);
    throw translateLocalFileError(error, path);
  }
}

function openSqlite(path: string, create: boolean): Database {
  try {
    return new BetterSqlite3(path, { fileMustExist: !create && path !== ':memory:' });
  } catch (error) {
    throw translateLocalFileError(error, path);
  }
}

/**
 * A file made before directories were stamped (application_id 0 in the header,
 * schema version 1 or 2) must hold our tables. The WAL may already hold the
 * stamp the header lacks. Reads only; migration 3 then stamps it.
 */
function assertOurTables(db: Database, path: string): void {
  if (db.pragma('application_id', { simple: true }) === APPLICATION_ID) return;
  const names = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
  );
  if (!LEGACY_TABLES.every((t) => names.has(t))) throw new DomainError('NOT_A_DIRECTORY', `(${path})`);
}
