import { accessSync, chmodSync, closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { DomainError } from '../../domain/errors';
import { PRIVATE_FILE_MODE, SHARED_BITS, SHARED_WRITE_BITS, modeOf, modesApply } from '../private-files';

/**
 * What a path given as a directory file turns out to be, read from the file
 * system and the 100-byte SQLite header alone: nothing is opened with SQLite and
 * nothing is created next to it (SQLite would create `-journal`, `-wal` and
 * `-shm` files beside whatever it opens, even beside /dev/null).
 */

/** `PRAGMA application_id` of every directory Resetdesk makes: "RDSK". */
export const APPLICATION_ID = 0x5244534b;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

export interface DirectoryFileHeader {
  applicationId: number;
  userVersion: number;
}

/** Throws the DomainError that names why `path` cannot be opened as a directory, or returns its header. */
export function inspectDirectoryFile(path: string): DirectoryFileHeader {
  const stats = statOrNull(path);
  if (!stats) throw new DomainError('DIRECTORY_NOT_FOUND', `(${path})`);
  if (stats.isDirectory()) throw new DomainError('NOT_A_DIRECTORY', `(${path} is a folder)`);
  if (!stats.isFile()) throw new DomainError('NOT_A_DIRECTORY', `(${path} is not a regular file)`);
  const header = readHeader(path);
  if (header.length === 0) throw new DomainError('NOT_A_DIRECTORY', `(${path} is empty)`);
  if (!SQLITE_MAGIC.subarray(0, Math.min(header.length, SQLITE_MAGIC.length)).equals(header.subarray(0, SQLITE_MAGIC.length))) {
    throw new DomainError('NOT_A_DIRECTORY', `(${path} is not a database file)`);
  }
  if (header.length < HEADER_BYTES) throw new DomainError('DIRECTORY_DAMAGED', `(${path} is cut short)`);
  if (stats.size < expectedSize(header)) throw new DomainError('DIRECTORY_DAMAGED', `(${path} is cut short)`);
  return { applicationId: header.readUInt32BE(68), userVersion: header.readUInt32BE(60) };
}

/**
 * Refuses a file or folder Resetdesk cannot write to. Root passes every access
 * check, so a file or folder with no write bit at all counts as read-only too:
 * someone marked it so on purpose.
 */
export function assertWritable(path: string): void {
  for (const [target, what] of [
    [path, 'the file'],
    [dirname(path), 'its folder'],
  ] as const) {
    const stats = statOrNull(target);
    let writable = stats !== null && (stats.mode & 0o222) !== 0;
    try {
      accessSync(target, constants.W_OK);
    } catch {
      writable = false;
    }
    if (!writable) throw new DomainError('DIRECTORY_READ_ONLY', `(${what} is read-only: ${target})`);
  }
}

/** What SQLite keeps beside the file: the write-ahead log, its index, a rollback journal. */
export const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/**
 * The local file must be its owner's alone (POSIX; see main/private-files.ts
 * for Windows). A file, companion or folder that another account can write
 * to is refused with LOCAL_FILE_UNSAFE before anything is changed: whoever
 * can write there can plant users, hashes or a WAL of their own. A file or
 * companion others can only read (0644, as versions before issue 16 made
 * them under umask 022) is tightened to 0600 in place.
 */
export function assertPrivate(path: string, platform: NodeJS.Platform = process.platform): void {
  if (!modesApply(platform)) return;
  assertPrivateFolder(dirname(path), platform);
  const files = [path, ...COMPANION_SUFFIXES.map((suffix) => `${path}${suffix}`)];
  const modes = files.map((file) => [file, modeOf(file)] as const);
  for (const [file, mode] of modes) {
    if (mode !== null && (mode & SHARED_WRITE_BITS) !== 0) {
      throw new DomainError('LOCAL_FILE_UNSAFE', `(${file === path ? 'the file' : 'a file beside it'}: ${file})`);
    }
  }
  for (const [file, mode] of modes) {
    if (mode === null || (mode & SHARED_BITS) === 0) continue;
    try {
      chmodSync(file, PRIVATE_FILE_MODE);
    } catch (error) {
      // Another account's file, which only its owner (or root) may chmod: left as it is.
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    }
  }
}

/** The folder that holds the local file: refused when another account can write to it. */
export function assertPrivateFolder(folder: string, platform: NodeJS.Platform = process.platform): void {
  if (!modesApply(platform)) return;
  const mode = modeOf(folder);
  if (mode !== null && (mode & SHARED_WRITE_BITS) !== 0) throw new DomainError('LOCAL_FILE_UNSAFE', `(its folder: ${folder})`);
}

/** The database size the header promises (page size × page count), when the count is known to be valid. */
function expectedSize(header: Buffer): number {
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const changeCounter = header.readUInt32BE(24);
  const pages = header.readUInt32BE(28);
  const validFor = header.readUInt32BE(92);
  // The in-header page count is only trustworthy when written by SQLite >= 3.7.0,
  // which stamps "version-valid-for" with the change counter.
  return validFor === changeCounter ? pageSize * pages : 0;
}

function readHeader(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EACCES') {
      throw new DomainError('DIRECTORY_READ_ONLY', `(cannot read ${path})`);
    }
    throw error;
  }
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const size = fstatSync(fd).size;
    const read = size === 0 ? 0 : readSync(fd, buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}
