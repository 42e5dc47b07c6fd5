/**
 * What a real directory offers its local replica (issue 18): every user read
 * once in pages, then only what changed since a cursor, and the ids of
 * everyone (to find deletions where the server does not tell them). The
 * replica (main/directory/sqlite/replica-store.ts) keeps what it reads; the
 * sync (main/app/replica/) drives it off the main thread.
 *
 * A provider declares that it has a feed (`UserDirectory.replicaFeed`); the
 * embedded directory has none: its own file is already searched by range.
 *
 * Cursors are opaque to everyone but the feed that wrote them (JSON of the
 * feed's own: AD's DC, invocation ID and highest committed USN; OpenLDAP's
 * last modifyTimestamp/entryCSN); the replica only stores them.
 */
import type { DirectoryUser } from '../domain/types';

/** How far a full read has got: `estimate` is the server's count where it gives one, else null. */
export interface FeedProgress {
  read: number;
  estimate: number | null;
}

/** One page of changes: users added or changed (mapped as the pane maps them), and ids removed where the server says so. */
export interface ChangePage {
  changed: DirectoryUser[];
  removedIds: string[];
  /**
   * Every user who holds a role now, when a role group changed since the
   * cursor (AD records a membership on the group: the member's own uSNChanged
   * does not move). Anyone else in the replica holds no role. Absent when no
   * role group changed.
   */
  roleHolders?: DirectoryUser[];
}

export type ChangesRead =
  /** The changes are all read; continue from `cursor` next time. */
  | { cursor: string }
  /** The cursor cannot be continued (another DC answered, its invocation ID changed, the server was restored): read everything again. */
  | { full: string };

export interface ReplicaFeed {
  /**
   * How deletions are found: `changes`, they come with readChanges (AD's
   * Deleted Objects, where the bound account may list them); `comparison`,
   * only by comparing every id (readIds). Read it after a read: AD's feed
   * learns on the server whether this account sees deleted entries (by
   * default only administrators do).
   */
  readonly deletions: 'changes' | 'comparison';
  /**
   * Every user, in pages of at most a few hundred, each handed to `onPage`
   * (awaited: the writer sets the pace). Returns the cursor changes start from,
   * taken BEFORE the read began, so a change made during the read is read again
   * rather than lost. Throws DomainError('DIRECTORY_READ_LIMITED') when the
   * server refuses to page through everyone (a size limit, no paged results).
   */
  readAll(onPage: (users: DirectoryUser[], progress: FeedProgress) => Promise<void>): Promise<string>;
  /** Users changed since `cursor` (their uSNChanged / modifyTimestamp above it), in pages; cost in proportion to the changes. */
  readChanges(cursor: string, onPage: (page: ChangePage) => Promise<void>): Promise<ChangesRead>;
  /** Every user's id (objectGUID / entryUUID as the replica holds them), in pages: for deletions by comparison. */
  readIds(onPage: (ids: string[]) => Promise<void>): Promise<void>;
  /** Closes the feed's connection. */
  close(): Promise<void>;
}
