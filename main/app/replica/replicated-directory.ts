/**
 * A real directory whose search-as-you-type answers from its local replica
 * (replica-store.ts, searched by the embedded search's range scans), once the
 * replica's first full read has finished; until then, and for a directory the
 * replica cannot read, searches go to the server as before. Everything else
 * (opening a user, every change) reads the directory live: the replica only
 * finds people.
 *
 * warm() at sign-in starts the sync thread bound as the provider declares
 * (the service account, or the agent); rest() at the session's end stops it.
 */
import type { AgentCredential, DirectoryView, UserDirectory } from '../../directory/directory';
import type { ReplicaStore } from '../../directory/sqlite/replica-store';
import type { ReplicaStatus } from '../../domain/replica-status';
import type { SearchPage, SearchResults } from '../../domain/types';
import type { UserFilter } from '../../domain/user-filter';
import type { ReplicaHost } from './replica-host';

export interface ReplicatedDirectoryDeps {
  host: ReplicaHost;
  /** Main's connection: which replica is live (one indexed row). */
  replicas: ReplicaStore;
  /** A search of one replica (the search thread in the app). */
  searchReplica(replicaId: number, query: string, page: SearchPage, filter?: UserFilter): Promise<SearchResults>;
  /** Ends what searchReplica holds (the search thread). */
  close(): Promise<void>;
}

type ReplicaCapable = UserDirectory & Required<Pick<UserDirectory, 'replicaSource'>>;

export class ReplicatedDirectory implements UserDirectory {
  readonly inner: ReplicaCapable;
  readonly #deps: ReplicatedDirectoryDeps;
  /** Sign-ins whose start is still under way: a session that ended meanwhile must not start the thread. */
  #generation = 0;

  /** The inner provider's, when it has them (UserDirectory): the replica changes nothing there. */
  readonly settleOpenIntents?: UserDirectory['settleOpenIntents'];
  readonly registerAuthenticator?: UserDirectory['registerAuthenticator'];

  constructor(inner: ReplicaCapable, deps: ReplicatedDirectoryDeps) {
    this.inner = inner;
    this.#deps = deps;
    this.settleOpenIntents = inner.settleOpenIntents?.bind(inner);
    this.registerAuthenticator = inner.registerAuthenticator?.bind(inner);
  }

  get kind() {
    return this.inner.kind;
  }

  /** The replica only finds people: what the directory can do is the inner provider's. */
  get capabilities() {
    return this.inner.capabilities;
  }

  get location() {
    return this.inner.location;
  }

  get profileName() {
    return this.inner.profileName;
  }

  as(agent: AgentCredential | null): DirectoryView {
    const view = this.inner.as(agent);
    return {
      getUser: (ref) => view.getUser(ref),
      contactPoints: (ref) => view.contactPoints(ref),
      globalAdministrators: () => view.globalAdministrators(),
      preparePassword: (password) => view.preparePassword(password),
      transact: (target, work) => view.transact(target, work),
      searchUsers: (query, page, filter) => {
        const live = this.#deps.replicas.live(this.#deps.host.profile);
        return live ? this.#deps.searchReplica(live.id, query, page, filter) : view.searchUsers(query, page, filter);
      },
    };
  }

  warm(agent: AgentCredential): void {
    const generation = ++this.#generation;
    void this.inner
      .replicaSource(agent)
      .then((bind) => {
        if (bind && generation === this.#generation) this.#deps.host.start(bind);
      })
      .catch(() => undefined); // no keychain password: search stays on the server
  }

  rest(): void {
    this.#generation++;
    this.#deps.host.stop();
  }

  replicaSource(agent: AgentCredential | null) {
    return this.inner.replicaSource(agent);
  }

  /** Where the replica stands, for the status bar. */
  replicaStatus(): ReplicaStatus {
    return this.#deps.host.status();
  }

  async close(): Promise<void> {
    this.rest();
    await this.#deps.close();
    await this.inner.close();
  }
}
