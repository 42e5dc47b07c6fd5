/**
 * How far a real directory's local replica is (issue 18), as the status bar,
 * `directory test` and the CLI's search say it. Plain data: it crosses IPC.
 */
import { reasonOf } from './audit-words';
import { ERROR_MESSAGES, type ErrorCode } from './errors';

export interface ReplicaFailureStatus {
  code: ErrorCode;
  /** The code's words, and the detail (the server setting to change) where there is one. */
  message: string;
  detail: string | null;
  /** ISO time of the next try. */
  retryAt: string;
}

export interface ReplicaStatus {
  /** The connection profile's name. */
  directory: string;
  /**
   * none: no replica and no read under way (signed out, or not started);
   * reading: the first full read (or a new one) is under way;
   * ready: search answers from the replica;
   * failed: the last read failed (a ready replica may still answer: `users` says).
   */
  state: 'none' | 'reading' | 'ready' | 'failed';
  /** While reading: users read so far, and about how many there are (null when unknown). */
  read: number | null;
  estimate: number | null;
  /** Users in the replica search answers from, or null when there is none. */
  users: number | null;
  /** ISO time the replica was last brought up to date. */
  syncedAt: string | null;
  failure: ReplicaFailureStatus | null;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Rounds an estimate to what "about" means: two significant digits. */
function about(n: number): number {
  if (n < 100) return n;
  const scale = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / scale) * scale;
}

/** The status bar's words (one line), or null when there is nothing to say. */
export function replicaStatusText(status: ReplicaStatus): string | null {
  if (status.state === 'reading') {
    const read = count(status.read ?? 0);
    // Rounded first: 313 read of 314 is not "313 of about 310".
    const estimate = status.estimate === null ? null : about(status.estimate);
    return estimate !== null && estimate > (status.read ?? 0)
      ? `Reading the directory: ${read} of about ${count(estimate)} users`
      : `Reading the directory: ${read} users so far`;
  }
  if (status.state === 'failed' && status.failure) {
    // The reason in the audit's few words, then what to change (the detail), which the status bar keeps to one line.
    const why = `${reasonOf(status.failure.code)}.${status.failure.detail ? ` ${status.failure.detail}` : ''}`;
    return status.users !== null
      ? `The copy of ${count(status.users)} users search answers from is not up to date: ${why}`
      : `Search asks the server: ${why}`;
  }
  return null;
}

export function failureStatusOf(code: string, detail: string | null, retryAt: number): ReplicaFailureStatus {
  const known = (code in ERROR_MESSAGES ? code : 'DIRECTORY_ERROR') as ErrorCode;
  return { code: known, message: ERROR_MESSAGES[known], detail, retryAt: new Date(retryAt).toISOString() };
}
