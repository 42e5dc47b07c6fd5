/**
 * What `directory sync` and `users search` say of a real directory's local
 * replica (issue 18): a sync's report, and how fresh the copy a search
 * answered from is. Plain functions of plain facts, so their words are tested
 * without a directory.
 */
import type { SyncReport } from '../app/replica/replica-sync';
import { replicaStatusText } from '../domain/replica-status';
import type { FeedProgress } from '../directory/replica-feed';
import { thousands } from './format';

/** `directory sync --json`: one object, the same keys every time (why is null for a sync of the changes). */
export type SyncJson = Omit<SyncReport, 'why'> & { directory: string; why: string | null };

export function syncJson(directory: string, report: SyncReport): SyncJson {
  const { kind, read, added, changed, removed, users, ms } = report;
  return { directory, kind, read, added, changed, removed, users, ms, why: report.why ?? null };
}

/** 850 → "850 ms", 1420 → "1.4 s", 125000 → "2 min 5 s". */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Why a sync read everything, in words. */
function whyText(why: string | undefined): string {
  if (why === 'first') return 'the first sync: there was no local copy';
  if (why === 'asked') return 'asked with --full';
  return why ?? 'the changes could not be read';
}

/**
 * "Synced corp (the changes since the last sync): read 3, added 1, changed 1, removed 1.
 *  The local copy of corp holds 12,345 users. Took 0.4 s."
 */
export function syncText(directory: string, report: SyncReport): string {
  const what = report.kind === 'full' ? `everything read again, ${whyText(report.why)}` : 'the changes since the last sync';
  const counts = `read ${thousands(report.read)}, added ${thousands(report.added)}, changed ${thousands(report.changed)}, removed ${thousands(report.removed)}`;
  return (
    `Synced ${directory} (${what}): ${counts}.\n` +
    `The local copy of ${directory} holds ${thousands(report.users)} ${report.users === 1 ? 'user' : 'users'}. Took ${durationText(report.ms)}.\n`
  );
}

/** The progress line of a full read, as the status bar says it ("Reading the directory: 42,000 users so far"). */
export function syncProgressText(directory: string, progress: FeedProgress): string {
  return (
    replicaStatusText({
      directory,
      state: 'reading',
      read: progress.read,
      estimate: progress.estimate,
      users: null,
      syncedAt: null,
      failure: null,
    }) ?? ''
  );
}

const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'} ago`;

/** How long ago, in the largest whole unit: "just now", "40 seconds ago", "3 minutes ago", "2 hours ago", "5 days ago". */
export function agoText(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return unit(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return unit(hours, 'hour');
  return unit(Math.floor(hours / 24), 'day');
}

/** Where a search of a real directory answered from: its local copy (how fresh), or the server. */
export type SearchSource =
  | { source: 'replica'; directory: string; users: number; syncedAt: string }
  | { source: 'server'; directory: string; failure: string | null };

/** The command that brings the copy up to date, as the agent would type it. */
const syncCommand = (directory: string, agent: string) => `resetdesk directory sync ${directory} --as ${agent}`;

/**
 * The line under a search's table:
 * - "From the local copy of corp (12,345 users), brought up to date 3 minutes ago. resetdesk directory sync corp --as AGENT brings it up to date."
 * - "Asked the server: corp has no local copy yet (resetdesk directory sync corp --as AGENT makes one)."
 * - "Asked the server: the local copy of corp could not be made [DIRECTORY_READ_LIMITED] (resetdesk directory test corp --as AGENT says why)."
 */
export function searchSourceText(from: SearchSource, agent: string, now: number): string {
  if (from.source === 'replica') {
    const users = `${thousands(from.users)} ${from.users === 1 ? 'user' : 'users'}`;
    const ago = agoText(now - Date.parse(from.syncedAt));
    return `From the local copy of ${from.directory} (${users}), brought up to date ${ago}. ${syncCommand(from.directory, agent)} brings it up to date.\n`;
  }
  if (from.failure) {
    return `Asked the server: the local copy of ${from.directory} could not be made [${from.failure}] (resetdesk directory test ${from.directory} --as ${agent} says why).\n`;
  }
  return `Asked the server: ${from.directory} has no local copy yet (${syncCommand(from.directory, agent)} makes one).\n`;
}
