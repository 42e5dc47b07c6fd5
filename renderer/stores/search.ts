/**
 * Search-as-you-type over the directory, as a paged list that reaches every
 * match. Every keystroke (and every filter change) asks main for the first
 * page at once: a search takes about a millisecond, and main never lets
 * searches queue (one runs, the newest waits, the ones it replaced are
 * answered SEARCH_SUPERSEDED without running). The next pages are asked for as
 * the list scrolls or the keyboard moves past the loaded rows. Answers carry
 * the generation of the query and filters they were asked for: an answer to
 * an older one is never painted. An empty query lists everyone, by name.
 */
import { create } from 'zustand';
import type { SearchTotal } from '../../main/domain/types';
import type { DirectoryUser, UserSummary } from '../../main/domain/types';
import { filterKey, normalizeFilter, type UserFilter } from '../../main/domain/user-filter';
import { call, toUiError } from './call';
import type { UiErrorView } from './call';
import { onSessionEnd } from './session';

/** Rows a request asks for: a screenful and more, so scrolling rarely waits. */
export const SEARCH_PAGE_SIZE = 50;

export type SearchMove = 'next' | 'previous' | 'first' | 'last';

interface SearchStore {
  query: string;
  filter: UserFilter;
  /** The query whose answer `results` holds, trimmed (null before any answer). */
  answeredQuery: string | null;
  /** The query and filter whose answer `results` holds (null before any answer): searchKey(query, filter). */
  answeredKey: string | null;
  /** The rows loaded so far, from the first match on. */
  results: UserSummary[];
  /** How many match in all; null before any answer. */
  total: SearchTotal | null;
  /** True once the last match is loaded (a page came back short). */
  complete: boolean;
  /** Index of the active option for keyboard navigation; -1 for none. */
  activeIndex: number;
  /** The first page of a new query or filter is on its way. */
  loading: boolean;
  /** A further page is on its way. */
  loadingMore: boolean;
  error: UiErrorView | null;
  setQuery(query: string): void;
  setFilter(change: UserFilter): void;
  /** Asks for the first page of the current query and filter, unless it is there (the screen does this on each visit). */
  ensureStarted(): void;
  /** Asks for the page after the loaded rows (scrolling reached them). */
  loadMore(): void;
  move(to: SearchMove): void;
  setActive(index: number): void;
  /** A fresher copy of a listed user (after unlock or reset, from getUser), so its badges stay true. */
  updateUser(user: DirectoryUser): void;
  reset(): void;
}

/** What an answer is for: the query as sent (trimmed) and the filter. */
export function searchKey(query: string, filter: UserFilter): string {
  return `${query.trim()}\n${filterKey(filter)}`;
}

/** Bumped whenever the query or filter changes: answers to an older generation are dropped. */
let generation = 0;
/** Where the active option goes once the page being loaded arrives (the keyboard moved past the loaded rows). */
let pendingMove: 'next' | 'last' | null = null;

/** The list's fields of a full user: the row keeps the shape every other row has. */
function summaryOf(user: DirectoryUser): UserSummary {
  const { id, upn, displayName, mail, department, source, userType, domainType, adminCount, roles, enabled, locked, lockedUntil } = user;
  return { id, upn, displayName, mail, department, source, userType, domainType, adminCount, roles, enabled, locked, lockedUntil };
}

const initial = {
  query: '',
  filter: {} as UserFilter,
  answeredQuery: null,
  answeredKey: null,
  results: [] as UserSummary[],
  total: null,
  complete: false,
  activeIndex: -1,
  loading: false,
  loadingMore: false,
  error: null,
};

export const useSearch = create<SearchStore>()((set, get) => {
  async function fetchPage(gen: number, offset: number): Promise<void> {
    const { query, filter } = get();
    const request = { query: query.trim(), limit: SEARCH_PAGE_SIZE, offset };
    const filtered = filterKey(filter) === '' ? request : { ...request, filter };
    try {
      const { users, total } = await call('searchUsers', filtered);
      if (gen !== generation) return;
      const complete = users.length < SEARCH_PAGE_SIZE || (total.exact && offset + users.length >= total.count);
      if (offset === 0) {
        set({ results: users, total, complete, answeredQuery: query.trim(), answeredKey: searchKey(query, filter), activeIndex: -1, loading: false, error: null });
      } else {
        // Only the page that follows the loaded rows joins them (a page asked twice is dropped).
        if (offset !== get().results.length) return;
        set({ results: [...get().results, ...users], total, complete, loadingMore: false, error: null });
      }
      settlePendingMove();
    } catch (error) {
      // SEARCH_SUPERSEDED lands here too, always for an older request: main replaces a waiting search only for a newer one.
      if (gen !== generation) return;
      set({ loading: false, loadingMore: false, error: toUiError(error) });
    }
  }

  /** The keyboard asked past the loaded rows: now that more are here, go on. */
  function settlePendingMove(): void {
    const move = pendingMove;
    pendingMove = null;
    const { results, activeIndex, complete, total } = get();
    if (move === 'next' && activeIndex + 1 < results.length) set({ activeIndex: activeIndex + 1 });
    if (move === 'last') {
      set({ activeIndex: results.length - 1 });
      // End goes to the very last match when main counted them all; past "more than 1,000", one page a press.
      if (!complete && total?.exact) {
        pendingMove = 'last';
        get().loadMore();
      }
    }
  }

  function restart(): void {
    const gen = ++generation;
    pendingMove = null;
    set({ loading: true, loadingMore: false, error: null });
    void fetchPage(gen, 0);
  }

  return {
    ...initial,

    setQuery(query) {
      const changed = query.trim() !== get().query.trim() || get().answeredKey === null;
      set({ query });
      if (changed) restart();
    },

    setFilter(change) {
      set({ filter: normalizeFilter({ ...get().filter, ...change }) });
      restart();
    },

    ensureStarted() {
      const { answeredKey, loading, query, filter } = get();
      if (!loading && answeredKey !== searchKey(query, filter)) restart();
    },

    loadMore() {
      const { complete, loading, loadingMore, results, answeredKey, query, filter } = get();
      if (complete || loading || loadingMore || answeredKey !== searchKey(query, filter)) return;
      set({ loadingMore: true });
      void fetchPage(generation, results.length);
    },

    move(to) {
      const { results, activeIndex, complete } = get();
      if (results.length === 0) return;
      const last = results.length - 1;
      if ((to === 'next' && activeIndex >= last) || to === 'last') {
        set({ activeIndex: last });
        if (!complete) {
          // Past the loaded rows: the next page, and the move finishes when it arrives.
          pendingMove = to === 'last' ? 'last' : activeIndex >= last ? 'next' : null;
          get().loadMore();
        }
        return;
      }
      const next = to === 'first' ? 0 : to === 'next' ? activeIndex + 1 : Math.max(0, activeIndex - 1);
      set({ activeIndex: next });
    },

    setActive(index) {
      set({ activeIndex: index });
    },

    updateUser(user) {
      const { results } = get();
      if (results.some((u) => u.id === user.id)) set({ results: results.map((u) => (u.id === user.id ? summaryOf(user) : u)) });
    },

    reset() {
      generation++;
      pendingMove = null;
      set(initial);
    },
  };
});

onSessionEnd(() => useSearch.getState().reset());
