/**
 * An in-memory search index of a real directory's users, for search-as-you-type
 * at the embedded directory's speed: Samba's ldb has no substring index, so
 * every prefix filter scans every entry (about 300 ms at 10,000 users), where
 * this answers in well under a millisecond. The same keys and folding as the
 * embedded search (search-keys.ts), one sorted array of (key, user) pairs,
 * prefix ranges found by binary search. It holds only what the results list
 * shows and what is searched; the pane still reads the user live. An empty
 * query lists everyone by name; a state filter (user-filter.ts) is checked
 * row by row on what the list shows, as of the search's `now`.
 */
import type { DirectoryUser, SearchPage, SearchResults, UserSummary } from '../../domain/types';
import { cappedTotal } from '../../domain/search-count';
import { isEmptyFilter, matchesFilter, normalizeFilter, type UserFilter } from '../../domain/user-filter';
import { PHONE_PREFIX, REVERSED_PHONE_PREFIX, planQuery, prefixEnd, sortName, userKeys } from '../../directory/sqlite/search-keys';


interface Entry {
  summary: UserSummary;
  sortName: string;
  upn: string;
  mail: string | null;
}

export class UserIndex {
  readonly size: number;
  readonly #entries: Entry[];
  /** Keys, sorted; #owners[i] is the entry index of #keys[i]. */
  readonly #keys: string[];
  readonly #owners: Int32Array;
  /** Entry indexes ordered by folded display name, for display-name prefixes. */
  readonly #byName: Int32Array;

  constructor(users: readonly (DirectoryUser & { summary: UserSummary })[]) {
    this.#entries = users.map((u) => ({ summary: u.summary, sortName: sortName(u.displayName), upn: u.upn.toLowerCase(), mail: u.mail?.toLowerCase() ?? null }));
    const pairs: [string, number][] = [];
    users.forEach((user, i) => {
      for (const key of userKeys(user)) pairs.push([key, i]);
    });
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    this.#keys = pairs.map((p) => p[0]);
    this.#owners = Int32Array.from(pairs, (p) => p[1]);
    this.#byName = Int32Array.from(this.#entries.keys()).sort((a, b) => compare(this.#entries[a]!, this.#entries[b]!));
    this.size = users.length;
  }

  /** `openTemporary`: the users with an open temporary password, for that filter. */
  search(query: string, page: SearchPage, filter?: UserFilter, now = Date.now(), openTemporary?: ReadonlySet<string>): SearchResults {
    const wanted = normalizeFilter(filter);
    const passes = isEmptyFilter(wanted) ? () => true : (i: number) => matchesFilter(this.#entries[i]!.summary, wanted, now, openTemporary);
    if (query.trim() === '') return this.#page([...this.#byName].filter(passes), page);
    const plan = planQuery(query);
    if (!plan) return { users: [], total: { count: 0, exact: true } };
    const rank = new Map<number, number>();
    const take = (i: number, r: number) => {
      if (!passes(i)) return;
      const seen = rank.get(i);
      if (seen === undefined || r < seen) rank.set(i, r);
    };
    const raw = plan.raw.toLowerCase();
    // 0: the whole UPN or mail, as pasted.
    if (plan.addressLike) for (const i of this.#range(raw)) if (this.#entries[i]!.upn === raw || this.#entries[i]!.mail === raw) take(i, 0);
    // 1: display names starting with the query.
    if (plan.prefix !== '') for (const i of this.#namesStarting(plan.prefix)) take(i, 1);
    // 2: any key starting with it (a surname, a department, an address's local part), and phone digits.
    if (plan.prefix !== '') for (const i of this.#range(plan.prefix)) take(i, 2);
    if (plan.phoneDigits) {
      for (const i of this.#range(PHONE_PREFIX + plan.phoneDigits)) take(i, 2);
      for (const i of this.#range(REVERSED_PHONE_PREFIX + [...plan.phoneDigits].reverse().join(''))) take(i, 2);
    }
    // 3: when nothing else matched, every word of the query starting some key of the user
    // ("sofia engineering"), as the embedded search does.
    if (rank.size === 0 && plan.terms.length > 1) {
      let common = new Set<number>(this.#range(plan.terms[0]!));
      for (const term of plan.terms.slice(1)) {
        const owners = new Set<number>(this.#range(term));
        common = new Set([...common].filter((i) => owners.has(i)));
        if (common.size === 0) break;
      }
      for (const i of common) take(i, 3);
    }
    const ordered = [...rank].sort((a, b) => a[1] - b[1] || compare(this.#entries[a[0]]!, this.#entries[b[0]]!));
    return this.#page(ordered.map(([i]) => i), page);
  }

  /** One page of entry indexes already in result order, with the capped count. */
  #page(ordered: readonly number[], page: SearchPage): SearchResults {
    return {
      users: ordered.slice(page.offset, page.offset + page.limit).map((i) => this.#entries[i]!.summary),
      total: cappedTotal(ordered.length),
    };
  }

  /** Owners of the keys in [prefix, prefixEnd(prefix)). */
  *#range(prefix: string): Generator<number> {
    const end = prefixEnd(prefix);
    for (let k = lowerBound(this.#keys, prefix); k < this.#keys.length && this.#keys[k]! < end; k++) yield this.#owners[k]!;
  }

  *#namesStarting(prefix: string): Generator<number> {
    let lo = 0;
    let hi = this.#byName.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#entries[this.#byName[mid]!]!.sortName < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < this.#byName.length && this.#entries[this.#byName[k]!]!.sortName.startsWith(prefix); k++) yield this.#byName[k]!;
  }
}

function compare(a: Entry, b: Entry): number {
  return a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.upn < b.upn ? -1 : a.upn > b.upn ? 1 : 0;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
