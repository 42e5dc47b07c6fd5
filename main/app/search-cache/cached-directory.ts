import type { AgentCredential, DirectoryView, UserDirectory } from '../../directory/directory';
import { LdapAgentCredential, summaryOf, type LdapUserDirectory } from '../../directory/ldap/ldap-directory';
import type { SearchPage, SearchResults } from '../../domain/types';
import type { UserFilter } from '../../domain/user-filter';
import { UserIndex } from './user-index';

export interface SearchCacheOptions {
  /** How old an index may be before a search starts rebuilding it (the list may lag this much; the pane is read live). */
  maxAgeMs?: number;
  clock?: () => number;
  /** The users with an open temporary password (the local file's), for that filter. */
  openTemporaryIds?: () => readonly string[];
}

interface Cached {
  index: UserIndex | null;
  builtAt: number;
  building: Promise<void> | null;
}

/**
 * A real directory whose search-as-you-type is answered from an in-memory
 * index of its users (user-index.ts), built per signed-in agent from one paged
 * read as that agent, so it holds only what they may read, and dropped with
 * their credential when the session ends. Until the first index is built, and
 * whenever it cannot be, searches go to the directory as before. Everything
 * else (the pane, every change) goes to the directory live.
 *
 * For the app only: a one-shot CLI search would pay for a whole listing.
 */
export class CachedSearchDirectory implements UserDirectory {
  readonly inner: LdapUserDirectory;
  readonly #maxAgeMs: number;
  readonly #clock: () => number;
  readonly #cache = new WeakMap<AgentCredential, Cached>();
  readonly #openTemporaryIds: () => readonly string[];

  constructor(inner: LdapUserDirectory, options: SearchCacheOptions = {}) {
    this.inner = inner;
    this.#maxAgeMs = options.maxAgeMs ?? 60_000;
    this.#clock = options.clock ?? Date.now;
    this.#openTemporaryIds = options.openTemporaryIds ?? (() => []);
  }

  get kind() {
    return this.inner.kind;
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
      searchUsers: (query, page, filter) => this.#search(agent, view, query, page, filter),
    };
  }

  /** Starts building this agent's index at sign-in, so it is there when they type. */
  warm(agent: AgentCredential): void {
    this.#refreshIfOld(agent);
  }

  /** Resolves once this agent's index exists (tests, and the bench's warm-up). */
  async ready(agent: AgentCredential): Promise<void> {
    this.#refreshIfOld(agent);
    await this.#cache.get(agent)?.building;
  }

  async close(): Promise<void> {
    await this.inner.close();
  }

  async #search(agent: AgentCredential | null, view: DirectoryView, query: string, page: SearchPage, filter?: UserFilter): Promise<SearchResults> {
    if (!(agent instanceof LdapAgentCredential)) return view.searchUsers(query, page, filter);
    this.#refreshIfOld(agent);
    const cached = this.#cache.get(agent);
    // Listing everyone reads everyone, as the index does: wait for the read under way rather than start a second.
    if (!cached?.index && query.trim() === '') await cached?.building;
    const index = cached?.index;
    if (!index) return view.searchUsers(query, page, filter);
    const open = filter?.temporaryPassword ? new Set(this.#openTemporaryIds()) : undefined;
    return index.search(query, page, filter, this.#clock(), open);
  }

  /** Starts a rebuild in the background when there is no index or it is old; one at a time per agent. */
  #refreshIfOld(agent: AgentCredential): void {
    if (!(agent instanceof LdapAgentCredential)) return;
    let cached = this.#cache.get(agent);
    if (!cached) {
      cached = { index: null, builtAt: 0, building: null };
      this.#cache.set(agent, cached);
    }
    if (cached.building || (cached.index && this.#clock() - cached.builtAt < this.#maxAgeMs)) return;
    const entry = cached;
    const started = this.#clock();
    entry.building = this.inner
      .asAgent(agent)
      .listUsers()
      .then((users) => {
        entry.index = new UserIndex(users.map((user) => ({ ...user, summary: summaryOf(user) })));
        entry.builtAt = started;
      })
      // A listing that fails (the network, a size the server refuses) leaves searches on the directory.
      .catch(() => undefined)
      .finally(() => {
        entry.building = null;
      });
  }
}
