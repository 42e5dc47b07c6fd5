/**
 * The app's replicated directory, composed: the sync host (its thread writes
 * the replica), main's read of which replica is live, and the search thread
 * that answers from it (the embedded search's thread, over replica tables).
 */
import type { Clock } from '../../domain/clock';
import { systemClock } from '../../domain/clock';
import type { LdapUserDirectory } from '../../directory/ldap/ldap-directory';
import { ReplicaStore } from '../../directory/sqlite/replica-store';
import { SearchWorkerClient } from '../../directory/sqlite/search-worker-client';
import type { DirectoryStore } from '../../directory/sqlite/store';
import { ReplicaHost } from './replica-host';
import { ReplicatedDirectory } from './replicated-directory';

/** `intervalMs`: between syncs (default SYNC_EVERY_MS; tests shorten it). */
export function replicatedDirectory(store: DirectoryStore, directory: LdapUserDirectory, clock: Clock = systemClock, intervalMs?: number): ReplicatedDirectory {
  const replicas = new ReplicaStore(store.db);
  const search = new SearchWorkerClient(store.path, clock);
  const host = new ReplicaHost({ dbPath: store.path, profile: directory.profile, replicas, clock, ...(intervalMs ? { intervalMs } : {}) });
  return new ReplicatedDirectory(directory, {
    host,
    replicas,
    searchReplica: (replicaId, query, page, filter) => search.search(query, page, filter, replicaId),
    close: () => search.close(),
  });
}
