import type { Database, Statement } from 'better-sqlite3';
import { USER_COLUMNS, USER_FROM, toPublicUser, toRecord, type UserRow } from './users-repo';
import {
  PHONE_PREFIX,
  REVERSED_PHONE_PREFIX,
  planQuery,
  prefixEnd,
  userKeys,
  type QueryPlan,
  type SearchableUser,
} from './search-keys';
import type { DirectoryUser } from './types';

export interface SearchPage {
  limit: number;
  offset: number;
}

/**
 * How many users match in all. Counting stops at COUNT_CAP: past it `exact` is
 * false and the agent sees "more than 1,000" (an exact count over a million
 * users would cost more than the search itself).
 */
export interface SearchTotal {
  count: number;
  exact: boolean;
}

/** One page of results and the total it was taken from. */
export interface SearchResults {
  users: DirectoryUser[];
  total: SearchTotal;
}

export const COUNT_CAP = 1000;

/** Key rows read per range scan step, and at most per range: what bounds the work of one search. */
const SCAN_STEP = 256;
const MAX_KEY_ROWS = 8 * (COUNT_CAP + 1);
/** Candidates checked one by one when several words match no single key ("sofia engineering"). */
const MAX_WORD_CANDIDATES = 200;

const NOTHING: SearchResults = { users: [], total: { count: 0, exact: true } };

/**
 * Search-as-you-type whose cost does not grow with the number of matches.
 * Matches come in classes, each an ordered B-tree range scan that stops as soon
 * as it has enough:
 *   1. the UPN or mail exactly as typed (the agent pasted an address);
 *   2. display names starting with the query, alphabetically (users.sort_name);
 *   3. phone numbers starting with the typed digits, or ending with them (so a
 *      number typed without its country code, or its last digits, finds it);
 *   4. any other key starting with the query: a name word, "surname given",
 *      an address or its local part, a department or job title; in the order of
 *      the key, so pages never overlap;
 *   5. only when nothing matched: every typed word starting some key of the
 *      user, checked on a bounded set of candidates.
 * A user is shown once, in its first class. Rows are read only for the page.
 */
export class UserSearch {
  readonly #exact: Statement<{ raw: string }, { rowid: number }>;
  readonly #byName: Statement<{ from: string; to: string; limit: number }, { rowid: number }>;
  readonly #keysFrom: Statement<{ from: string; to: string; limit: number }, { key: string; rowid: number }>;
  readonly #keysAfter: Statement<
    { key: string; rowid: number; to: string; limit: number },
    { key: string; rowid: number }
  >;
  readonly #row: Statement<[number], UserRow>;
  readonly #all: Statement<{ limit: number; offset: number }, UserRow>;
  readonly #countAll: Statement<{ cap: number }, { n: number }>;

  constructor(db: Database) {
    this.#exact = db.prepare('SELECT rowid FROM users WHERE upn = @raw UNION SELECT rowid FROM users WHERE mail = @raw');
    this.#byName = db.prepare(
      'SELECT rowid FROM users WHERE sort_name >= @from AND sort_name < @to ORDER BY sort_name, rowid LIMIT @limit',
    );
    this.#keysFrom = db.prepare(`
      SELECT key, user_rowid AS rowid FROM search_keys
      WHERE key >= @from AND key < @to ORDER BY key, user_rowid LIMIT @limit`);
    this.#keysAfter = db.prepare(`
      SELECT key, user_rowid AS rowid FROM search_keys
      WHERE (key, user_rowid) > (@key, @rowid) AND key < @to ORDER BY key, user_rowid LIMIT @limit`);
    this.#row = db.prepare(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.rowid = ?`);
    this.#all = db.prepare(`
      SELECT ${USER_COLUMNS} FROM ${USER_FROM}
      ORDER BY u.display_name COLLATE NOCASE, u.rowid
      LIMIT @limit OFFSET @offset`);
    this.#countAll = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM users LIMIT @cap)`);
  }

  search(query: string, page: SearchPage, now: number): SearchResults {
    if (query.trim() === '') return this.#everyone(page, now);
    const plan = planQuery(query);
    if (!plan) return NOTHING; // only punctuation: nothing to look for
    const { found, complete } = this.#collect(plan, COUNT_CAP + 1);
    const ids = [...found].slice(page.offset, page.offset + page.limit);
    const users = ids.flatMap((rowid) => {
      const row = this.#row.get(rowid);
      return row ? [toPublicUser(toRecord(row, now))] : [];
    });
    const count = Math.min(found.size, COUNT_CAP);
    return { users, total: { count, exact: complete && found.size <= COUNT_CAP } };
  }

  /** The matching users' rowids in result order, up to `target`; complete when no class was cut short. */
  #collect(plan: QueryPlan, target: number): { found: Set<number>; complete: boolean } {
    const found = new Set<number>();
    let complete = true;
    const full = () => found.size >= target;
    for (const { rowid } of this.#exact.all({ raw: plan.raw })) found.add(rowid);

    if (!plan.addressLike && plan.prefix !== '' && !full()) {
      const rows = this.#byName.all({ from: plan.prefix, to: prefixEnd(plan.prefix), limit: target });
      for (const { rowid } of rows) found.add(rowid);
      if (rows.length === target) complete = false;
    }
    if (plan.phoneDigits !== null) {
      const reversed = [...plan.phoneDigits].reverse().join('');
      complete = this.#scanKeys(PHONE_PREFIX + plan.phoneDigits, found, target) && complete;
      complete = this.#scanKeys(REVERSED_PHONE_PREFIX + reversed, found, target) && complete;
    }
    if (plan.prefix !== '') complete = this.#scanKeys(plan.prefix, found, target) && complete;
    if (found.size === 0 && plan.terms.length > 1) complete = this.#everyWord(plan.terms, found, target);
    return { found, complete };
  }

  /** Adds the users of every key starting with `prefix`, in key order; false when cut short. */
  #scanKeys(prefix: string, found: Set<number>, target: number): boolean {
    const to = prefixEnd(prefix);
    let rows = this.#keysFrom.all({ from: prefix, to, limit: SCAN_STEP });
    let read = 0;
    while (rows.length > 0) {
      for (const { rowid } of rows) {
        found.add(rowid);
        if (found.size >= target) return false;
      }
      read += rows.length;
      if (rows.length < SCAN_STEP) return true;
      if (read >= MAX_KEY_ROWS) return false;
      const last = rows[rows.length - 1]!;
      rows = this.#keysAfter.all({ key: last.key, rowid: last.rowid, to, limit: SCAN_STEP });
    }
    return true;
  }

  /** Several words no single key holds: candidates by the longest word, each checked for all words. */
  #everyWord(terms: string[], found: Set<number>, target: number): boolean {
    const [longest, ...others] = [...terms].sort((a, b) => b.length - a.length);
    const candidates = new Set<number>();
    const cutShort = !this.#scanKeys(longest!, candidates, MAX_WORD_CANDIDATES);
    for (const rowid of candidates) {
      const row = this.#row.get(rowid);
      if (!row) continue;
      const keys = userKeys(searchable(row));
      if (others.every((term) => keys.some((key) => key.startsWith(term) || key.includes(` ${term}`)))) found.add(rowid);
      if (found.size >= target) return false;
    }
    return !cutShort;
  }

  #everyone(page: SearchPage, now: number): SearchResults {
    const users = this.#all.all({ limit: page.limit, offset: page.offset }).map((row) => toPublicUser(toRecord(row, now)));
    const n = this.#countAll.get({ cap: COUNT_CAP + 1 })?.n ?? 0;
    return { users, total: n > COUNT_CAP ? { count: COUNT_CAP, exact: false } : { count: n, exact: true } };
  }
}

function searchable(row: UserRow): SearchableUser {
  return {
    displayName: row.display_name,
    givenName: row.given_name,
    surname: row.surname,
    upn: row.upn,
    mail: row.mail,
    department: row.department,
    jobTitle: row.job_title,
    mobilePhone: row.mobile_phone,
    businessPhone: row.business_phone,
  };
}
