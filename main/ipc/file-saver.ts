/**
 * The one way main writes a file the user asked for (agent passwords saved at
 * first run, an audit export). The port asks where (Electron: a save dialog;
 * the Chromium test target: a folder the test chose) and `writePrivateFile`
 * writes: readable by the user only (0600, because the first-run file holds
 * passwords), and atomically, so a crash never leaves half a file under the
 * chosen name.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../domain/errors';

export type SaveOutcome = { saved: false } | { saved: true; path: string };

export interface FileSaver {
  /** Asks for a place (suggesting `suggestedName`) and writes `content` there; `saved: false` when the user cancels. */
  save(suggestedName: string, content: string): Promise<SaveOutcome>;
}

/** Only the owner may read or write (the file may hold passwords). */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Writes `content` to `target` with mode 0600: a temporary file in the same
 * folder (created 0600, so the text is never readable by others, not even for
 * a moment), flushed, then renamed over the target. A write that fails is
 * FILE_NOT_SAVED, with no path or system text in the message.
 */
export function writePrivateFile(target: string, content: string): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The umask may have narrowed the mode further, never widened it; set it exactly.
    chmodSync(temp, PRIVATE_FILE_MODE);
    renameSync(temp, target);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing to remove where nothing could be created (the folder is a file).
    }
    if (error instanceof DomainError) throw error;
    throw new DomainError('FILE_NOT_SAVED');
  }
}
