/**
 * SQLite's own failures (and the file system's, around the file) as the
 * DomainErrors an agent reads, so a full disk or a failing one is never
 * INTERNAL. The store answers with these on its way out of a transaction it
 * rolled back, or of a statement run on its own: either way nothing was
 * written.
 */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DomainError } from '../../domain/errors';

/**
 * Below this much free space, an I/O error is taken for a full disk: SQLite
 * reports a -shm it cannot grow as SQLITE_IOERR_SHMSIZE, not SQLITE_FULL, and
 * better-sqlite3 does not pass on the ENOSPC under it. A few WAL frames and
 * one -shm step need well under this.
 */
const NEARLY_FULL_BYTES = 1024 * 1024;

function diskNearlyFull(path: string): boolean {
  try {
    const { bavail, bsize } = statfsSync(dirname(path));
    return bavail * bsize < NEARLY_FULL_BYTES;
  } catch {
    return false; // no answer: the error stays an I/O error
  }
}

/** The DomainError for an error code of SQLite (SQLITE_…) or of the file system (E…), or null for any other. */
export function localFileErrorOf(code: string, path: string): DomainError | null {
  const where = `(${path})`;
  if (code === 'SQLITE_NOTADB') return new DomainError('NOT_A_DIRECTORY', where);
  if (code.startsWith('SQLITE_CORRUPT')) return new DomainError('DIRECTORY_DAMAGED', where);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'EACCES' || code === 'EROFS') {
    return new DomainError('DIRECTORY_READ_ONLY', where);
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return new DomainError('LOCAL_FILE_FULL', `Nothing was changed ${where}.`);
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new DomainError(diskNearlyFull(path) ? 'LOCAL_FILE_FULL' : 'LOCAL_FILE_IO', `Nothing was changed ${where}.`);
  }
  return null;
}

/** `error` named for the agent when it is one of the local file's failures; anything else passes through. */
export function translateLocalFileError(error: unknown, path: string): unknown {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && localFileErrorOf(code, path)) || error;
}
