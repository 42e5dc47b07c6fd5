/**
 * A replica synced and searched in this process: `resetdesk directory sync`
 * and `users search --directory` (a one-shot CLI has no window to keep
 * answering), and tests. The app runs the same sync in its thread.
 */
import type { AgentCredential, UserDirectory } from '../../directory/directory';
import type { LdapProfile } from '../../directory/ldap/profile';
import { ReplicaStore, type ReplicaInfo } from '../../directory/sqlite/replica-store';
import { UserSearch } from '../../directory/sqlite/search';
import { replicaTables } from '../../directory/sqlite/search-tables';
import type { DirectoryStore } from '../../directory/sqlite/store';
import { DomainError } from '../../domain/errors';
import type { FeedProgress } from '../../directory/replica-feed';
import { openFeed } from './open-feed';
import { syncReplica, type SyncOptions, type SyncReport } from './replica-sync';

/** `directory`: the profile's provider, which declares how the sync binds (replicaSource). */
export async function syncOnce(
  store: DirectoryStore,
  profile: LdapProfile,
  directory: Pick<UserDirectory, 'replicaSource'>,
  agent: AgentCredential | null,
  options: SyncOptions & { progress?: (progress: FeedProgress) => void } = {},
): Promise<SyncReport> {
  const bind = (await directory.replicaSource?.(agent)) ?? null;
  if (!bind) throw new DomainError('NOT_SIGNED_IN');
  const feed = openFeed(profile, bind, store.clock);
  try {
    return await syncReplica(
      { profile: profile.name, store: new ReplicaStore(store.db), feed, clock: store.clock, ...(options.progress ? { progress: options.progress } : {}) },
      options,
    );
  } finally {
    await feed.close().catch(() => undefined);
  }
}

/** The profile's live replica and a search over it, or null when it has none yet. */
export function replicaSearch(store: DirectoryStore, profile: string): { search: UserSearch; info: ReplicaInfo } | null {
  const info = new ReplicaStore(store.db).live(profile);
  return info ? { search: new UserSearch(store.db, replicaTables(info.id)), info } : null;
}
