/**
 * Search-as-you-type over the directory. Every keystroke asks main at once: a
 * search takes about a millisecond, and main never lets searches queue (one
 * runs, the newest waits, the ones it replaced are answered SEARCH_SUPERSEDED
 * without running), so no pause is needed before asking. Answers carry a
 * sequence number and only the latest query's answer is shown, so a slow early
 * answer can't replace a newer one.
 */
import { create } from 'zustand';
import type { SearchTotal } from '../../main/domain/types';
import type { DirectoryUser, UserSummary } from '../../main/domain/types';
import { call, toUiError } from './call';
import type { UiErrorView } from './call';
import { onSessionEnd } from './session';

const LIMIT = 50;

interface SearchStore {
  query: string;
  /** The query whose answer `results` holds (null before any answer). */
  answeredQuery: string | null;
  results: UserSummary[];
  /** How many match in all (the results are the first page of them); null before any answer. */
  total: SearchTotal | null;
  /** Index of the active option for keyboard navigation; -1 for none. */
  activeIndex: number;
  loading: boolean;
  error: UiErrorView | null;
  setQuery(query: string): void;
  move(to: 'next' | 'previous' | 'first' | 'last'): void;
  setActive(index: number): void;
  /** A fresher copy of a listed user (after unlock or reset, from getUser), so its badges stay true. */
  updateUser(user: DirectoryUser): void;
  reset(): void;
}

let latest = 0;

/** The list's fields of a full user: the row keeps the shape every other row has. */
function summaryOf(user: DirectoryUser): UserSummary {
  const { id, upn, displayName, mail, department, source, userType, domainType, adminCount, roles, enabled, locked, lockedUntil } = user;
  return { id, upn, displayName, mail, department, source, userType, domainType, adminCount, roles, enabled, locked, lockedUntil };
}

const initial = { query: '', answeredQuery: null, results: [], total: null, activeIndex: -1, loading: false, error: null };

export const useSearch = create<SearchStore>()((set, get) => {
  async function run(query: string, seq: number): Promise<void> {
    try {
      const { users, total } = await call('searchUsers', { query, limit: LIMIT });
      if (seq !== latest) return;
      set({ results: users, total, answeredQuery: query, activeIndex: -1, loading: false, error: null });
    } catch (error) {
      // SEARCH_SUPERSEDED lands here too, and always for an older seq: main
      // replaces a waiting search only when a newer one comes, so it is dropped.
      if (seq !== latest) return;
      set({ loading: false, error: toUiError(error) });
    }
  }

  return {
    ...initial,

    setQuery(query) {
      const seq = ++latest;
      const trimmed = query.trim();
      if (trimmed === '') {
        set({ ...initial, query });
        return;
      }
      set({ query, loading: true });
      void run(trimmed, seq);
    },

    move(to) {
      const { results, activeIndex } = get();
      if (results.length === 0) return;
      const last = results.length - 1;
      const next =
        to === 'first' ? 0
        : to === 'last' ? last
        : to === 'next' ? Math.min(last, activeIndex + 1)
        : Math.max(0, activeIndex - 1);
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
      latest++;
      set(initial);
    },
  };
});

onSessionEnd(() => useSearch.getState().reset());
