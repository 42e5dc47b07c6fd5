/**
 * The messages between main and the search thread (search-worker.ts), typed
 * once for both sides. Plain data only: they cross by structured clone.
 */
import type { SearchPage, SearchResults } from '../../domain/types';
import type { UserFilter } from '../../domain/user-filter';

/** What the thread is started with. */
export interface SearchWorkerData {
  /** The directory file, opened read-only by the thread. */
  path: string;
}

export type WorkerRequest =
  /** `now` is main's clock, so lockout display agrees with the rest of main (and with a test's manual clock). */
  /** `replicaId`: search that replica of a real directory (search-tables.ts) instead of the embedded users. */
  | { kind: 'search'; id: number; query: string; page: SearchPage; now: number; filter?: UserFilter; replicaId?: number }
  | { kind: 'stats'; id: number };

/** What the thread has done: a diagnostic for tests and troubleshooting. */
export interface SearchWorkerStats {
  /** Searches the thread ran since it started (superseded ones never reach it). */
  ran: number;
  /** The thread's id: never 0, main's. */
  threadId: number;
}

export type WorkerAnswer =
  | { kind: 'results'; id: number; results: SearchResults }
  | { kind: 'stats'; id: number; stats: SearchWorkerStats }
  /** SQLite's error code only: an error's text could carry the query. */
  | { kind: 'failed'; id: number; sqliteCode: string | null };
