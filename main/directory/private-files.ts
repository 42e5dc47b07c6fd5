/**
 * Files and folders only their owner may use. The local file holds the agents'
 * scrypt hashes, the sample outbox's private key and the code HMACs; a saved
 * first-run file holds passwords: none of them may be readable by another
 * account on the computer, whatever the umask (022 would give 0644 and 0755).
 *
 * POSIX only. On Windows (process.platform 'win32') modes do not apply: what
 * protects these files there is where they are, the user's profile
 * (%APPDATA%, Documents), whose ACL grants the user, SYSTEM and Administrators
 * alone. Every function takes the platform so that rule is tested here too.
 */
import { closeSync, chmodSync, fchmodSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Read and write for the owner only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Enter, list and change for the owner only. */
export const PRIVATE_FOLDER_MODE = 0o700;
/** Any permission for the group or the others. */
export const SHARED_BITS = 0o077;
/** Write permission for the group or the others. */
export const SHARED_WRITE_BITS = 0o022;

export const modesApply = (platform: NodeJS.Platform = process.platform): boolean => platform !== 'win32';

/**
 * `mkdir -p` with mode 0700 for every folder it makes (set exactly: a umask
 * may not take from it either); folders that exist are left as they are.
 * Returns the first folder made, like mkdirSync's recursive form, or undefined.
 */
export function makePrivateFolder(folder: string, platform: NodeJS.Platform = process.platform): string | undefined {
  const first = mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (first === undefined || !modesApply(platform)) return first;
  for (let made = folder; ; made = dirname(made)) {
    chmodSync(made, PRIVATE_FOLDER_MODE);
    if (made === first || dirname(made) === made) break;
  }
  return first;
}

/**
 * Creates an empty file with mode 0600, refusing a name that is taken (EEXIST,
 * thrown as it is). The mode is set on the open descriptor before anything is
 * written to it.
 */
export function createPrivateFile(path: string, platform: NodeJS.Platform = process.platform): void {
  const fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  try {
    if (modesApply(platform)) fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

/** The permission bits of a path, or null when nothing is there. */
export function modeOf(path: string): number | null {
  try {
    return statSync(path).mode & 0o7777;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}
