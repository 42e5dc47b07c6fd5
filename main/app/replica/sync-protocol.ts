/**
 * The messages between main and the replica's sync thread (sync-worker.ts),
 * typed once for both sides. Plain data: they cross by structured clone.
 */
import type { FeedProgress } from '../../directory/replica-feed';
import type { LdapProfile } from '../../directory/ldap/profile';
import type { SyncOptions, SyncReport } from './replica-sync';

/** What the thread is started with: the local file, the profile (as main loaded and checked it), and how to bind (the password only in memory, as main holds it). */
export interface SyncWorkerData {
  dbPath: string;
  profile: LdapProfile;
  bind: { dn: string; password: string };
}

export type SyncRequest = { kind: 'sync'; id: number; options: SyncOptions };

export type SyncAnswer =
  | { kind: 'progress'; id: number; progress: FeedProgress }
  | { kind: 'synced'; id: number; report: SyncReport }
  /** The code and detail only (the store has recorded the failure and when to retry). */
  | { kind: 'failed'; id: number; code: string; detail: string | null };
