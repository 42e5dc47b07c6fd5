import type { Database, Statement } from 'better-sqlite3';
import { searchableOf, type SearchableRow, type SummaryRow } from './users-repo';
import type { ReplicaSummaryRow } from './replica-rows';
import { EMBEDDED_TABLES, type SearchTables } from './search-tables';
import { COUNT_CAP, hasEveryWord, planQuery, prefixEnd, rangesOf, type QueryPlan } from './search-keys';
import { FilteredSearch } from './search-filtered';
import type { SearchPage, SearchResults, SearchTotal, UserSummary } from '../../domain/types';
import { isEmptyFilter, type UserFilter } from '../../domain/user-filter';
import { cappedTotal as capped } from '../../domain/search-count';

export { COUNT_CAP } from './search-keys';

/**
 * Key rows read per range for the count (a user can hold up to eight keys of
 * one range), and per user of the page asked for: what bounds the work of one
 * search, and grows with the offset only, so a deep page still reaches its rows.
 */
const KEY_ROWS_PER_USER = 8;
const MAX_KEY_ROWS = KEY_ROWS_PER_USER * (COUNT_CAP + 1);
/** Rows of one range read at most to count it: a user can match one range by several keys. */
const PART_ROWS = 4 * (COUNT_CAP + 1);
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
  readonly #exact: Statement<{ raw: string }, number>;
  readonly #byName: Statement<[string, string], number>;
  readonly #keys: Statement<[string, string], number>;
  /** The page's rows, the summaries the list shows, in one statement (twenty .get() calls cost twice as much). */
  readonly #summaries: Statement<[string], SummaryRow & ReplicaSummaryRow & { rowid: number }>;
  /** A candidate's searchable fields, to check every typed word against its keys. */
  readonly #row: Statement<[number], SearchableRow>;
  readonly #all: Statement<{ limit: number; offset: number }, SummaryRow & ReplicaSummaryRow>;
  readonly #countAll: Statement<{ cap: number }, { n: number }>;
  /** Users of one range, up to the cap; for a key range, also its rows (read only when the users were not past the cap). */
  readonly #countPart: {
    name: Statement<string[], number>;
    firstKey: Statement<string[], number>;
    key: Statement<string[], number>;
    keyRows: Statement<string[], number>;
  };
  /** Distinct users of the name, phone and key ranges together, by how many ranges the query has. */
  readonly #countUnion: Map<string, Statement<string[], number>>;
  /** Searches narrowed by a filter (search-filtered.ts). */
  readonly #filtered: FilteredSearch;
  readonly #tables: SearchTables;

  /** `tables`: the embedded directory's (the default), or one replica's (search-tables.ts). */
  constructor(db: Database, tables: SearchTables = EMBEDDED_TABLES) {
    this.#tables = tables;
    const { users, keys } = tables;
    const scope = tables.scope();
    // pluck + iterate: rowids only, read one at a time, so a scan that has
    // enough stops there without building rows it will not use.
    this.#exact = db
      .prepare(`SELECT rowid FROM ${users} WHERE ${scope}upn = @raw UNION SELECT rowid FROM ${users} WHERE ${scope}mail = @raw`)
      .pluck() as Statement<{ raw: string }, number>;
    this.#byName = db
      .prepare(`SELECT rowid FROM ${users} WHERE ${scope}sort_name >= ? AND sort_name < ? ORDER BY sort_name, rowid`)
      .pluck() as Statement<[string, string], number>;
    this.#keys = db
      .prepare(`SELECT user_rowid FROM ${keys} WHERE ${scope}key >= ? AND key < ? ORDER BY key, user_rowid`)
      .pluck() as Statement<[string, string], number>;
    this.#summaries = db.prepare(
      `SELECT u.rowid AS rowid, ${tables.summaryColumns} FROM ${users} u WHERE u.rowid IN (SELECT value FROM json_each(?))`,
    );
    this.#row = db.prepare(`SELECT display_name, given_name, surname, upn, mail, department, job_title, mobile_phone,
      business_phone FROM ${users} WHERE rowid = ?`);
    this.#all = db.prepare(`
      SELECT ${tables.summaryColumns} FROM ${users} u WHERE ${tables.scope('u')}1
      ORDER BY ${tables.everyoneOrder}
      LIMIT @limit OFFSET @offset`);
    this.#countAll = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${users} WHERE ${scope}1 LIMIT @cap)`);
    // Counting runs inside SQLite (a thousand index entries cost a fraction of
    // reading them one by one into JS), over ranges each cut at PART_ROWS, so a
    // count never reads more than a few thousand index entries.
    const byName = `SELECT rowid AS r FROM ${users} WHERE ${scope}sort_name >= ? AND sort_name < ? LIMIT ${PART_ROWS}`;
    const byKey = `SELECT user_rowid AS r FROM ${keys} WHERE ${scope}key >= ? AND key < ? LIMIT ${PART_ROWS}`;
    const count = (sql: string) => db.prepare(sql).pluck() as Statement<string[], number>;
    this.#countPart = {
      // One row per user: no DISTINCT needed, and the cap is enough.
      name: count(`SELECT count(*) FROM (SELECT 1 FROM ${users} WHERE ${scope}sort_name >= ? AND sort_name < ? LIMIT ${COUNT_CAP + 1})`),
      // The users of the range's first key: distinct without DISTINCT (one row per user and key),
      // and no more than the range has. A department, a phone number or the numbers under a phone
      // fragment past the cap are settled here at a third of DISTINCT's cost; an empty range costs a seek.
      firstKey: count(`SELECT count(*) FROM (SELECT 1 FROM ${keys}
        WHERE ${scope}key = (SELECT key FROM ${keys} WHERE ${scope}key >= ? AND key < ? ORDER BY key LIMIT 1) LIMIT ${COUNT_CAP + 1})`),
      // DISTINCT with a LIMIT streams: it stops at the first user past the cap.
      key: count(`SELECT count(*) FROM (SELECT DISTINCT r FROM (${byKey}) LIMIT ${COUNT_CAP + 1})`),
      // Whether the range has more rows than the union reads: asked only under the cap (past it, the answer is settled).
      keyRows: count(`SELECT count(*) FROM (${byKey})`),
    };
    this.#countUnion = new Map();
    for (let keyRanges = 1; keyRanges <= 3; keyRanges++) {
      for (const name of [false, true]) {
        const parts = [...(name ? [byName] : []), ...Array<string>(keyRanges).fill(byKey)];
        const sql = `SELECT count(*) FROM (${parts.map((part) => `SELECT r FROM (${part})`).join(' UNION ')})`;
        this.#countUnion.set(`${name}/${keyRanges}`, db.prepare(sql).pluck() as Statement<string[], number>);
      }
    }
    this.#filtered = new FilteredSearch(
      db,
      tables,
      { nameUsers: (from, to) => this.#countPart.name.get(from, to)!, keyRows: (from, to) => this.#countPart.keyRows.get(from, to)! },
      (rowids, now) => this.#summariesOf(rowids, now),
    );
  }

  search(query: string, page: SearchPage, now: number, filter?: UserFilter): SearchResults {
    if (filter && !isEmptyFilter(filter)) return this.#filtered.search(query, filter, page, now);
    if (query.trim() === '') return this.#everyone(page, now);
    const plan = planQuery(query);
    if (!plan) return NOTHING; // only punctuation: nothing to look for
    // Only as many as the page needs are read; the total is counted apart.
    const { found, complete, everyWord } = this.#collect(plan, page.offset + page.limit);
    const ids = [...found].slice(page.offset, page.offset + page.limit);
    const users = this.#summariesOf(ids, now);
    if (complete) return { users, total: { count: found.size, exact: true } };
    if (everyWord) return { users, total: { count: Math.min(found.size, COUNT_CAP), exact: false } };
    return { users, total: this.#count(plan) };
  }

  /** The users of `ids`, in that order. */
  #summariesOf(ids: number[], now: number): UserSummary[] {
    if (ids.length === 0) return [];
    const rows = new Map(this.#summaries.all(JSON.stringify(ids)).map((row) => [row.rowid, row]));
    return ids.flatMap((rowid) => {
      const row = rows.get(rowid);
      return row ? [this.#tables.summaryOf(row, now)] : [];
    });
  }

  /**
   * Users of the name, phone and key classes together, counted up to the cap:
   * first each range alone (one of them past the cap settles it), then their
   * union. Exact unless a range had more rows than were read.
   */
  #count(plan: QueryPlan): SearchTotal {
    const { name, keys } = rangesOf(plan);
    // The name range first: one row per user, so past the cap it settles the total cheapest.
    let nameUsers = 0;
    if (name !== null) {
      nameUsers = this.#countPart.name.get(name, prefixEnd(name))!;
      if (nameUsers > COUNT_CAP) return capped(nameUsers);
    }
    // A one-word prefix: a display name starting with it starts with a word starting with it, and
    // every word of a display name is a key (userKeys), so the name range holds no user that the key
    // range of the same prefix does not; a union with it would change nothing.
    if (name !== null && name.indexOf(' ') === -1 && keys.includes(name)) nameUsers = 0;
    let cut = false;
    const found: { from: string; users: number }[] = [];
    for (const from of keys) {
      const range = [from, prefixEnd(from)];
      if (this.#countPart.firstKey.get(...range)! > COUNT_CAP) return capped(COUNT_CAP + 1);
      const users = this.#countPart.key.get(...range)!;
      if (users > COUNT_CAP) return capped(users);
      if (users === 0) continue;
      cut ||= this.#countPart.keyRows.get(...range)! >= PART_ROWS;
      found.push({ from, users });
    }
    // Only the ranges that hold anyone; one alone is its own total, without a union.
    const withName = nameUsers > 0;
    if (found.length + (withName ? 1 : 0) <= 1) return capped(withName ? nameUsers : (found[0]?.users ?? 0), !cut);
    const params = [...(withName ? [name!] : []), ...found.map((f) => f.from)].flatMap((from) => [from, prefixEnd(from)]);
    return capped(this.#countUnion.get(`${withName}/${found.length}`)!.get(...params)!, !cut);
  }

  /** The matching users' rowids in result order, up to `target`; complete when no class was cut short. */
  #collect(plan: QueryPlan, target: number): { found: Set<number>; complete: boolean; everyWord: boolean } {
    const found = new Set<number>();
    for (const rowid of this.#exact.iterate({ raw: plan.raw })) found.add(rowid);
    let complete = true;
    // A deep page reads as far as its own rows: past MAX_KEY_ROWS, in proportion to the offset asked for.
    const maxRows = Math.max(MAX_KEY_ROWS, KEY_ROWS_PER_USER * target);
    const scan = (rows: () => Iterable<number>, limit = maxRows) => {
      complete = addUntil(rows, found, target, limit) && complete;
    };
    const { name, keys } = rangesOf(plan);
    if (name !== null) scan(() => this.#byName.iterate(name, prefixEnd(name)), target);
    for (const key of keys) scan(() => this.#keyRange(key));
    if (found.size === 0 && plan.terms.length > 1) {
      return { found, complete: this.#everyWord(plan.terms, found, target), everyWord: true };
    }
    return { found, complete, everyWord: false };
  }

  #keyRange(prefix: string): Iterable<number> {
    return this.#keys.iterate(prefix, prefixEnd(prefix));
  }

  /** Several words no single key holds: candidates by the longest word, each checked for all words. */
  #everyWord(terms: string[], found: Set<number>, target: number): boolean {
    const [longest, ...others] = [...terms].sort((a, b) => b.length - a.length);
    const candidates = new Set<number>();
    const whole = addUntil(() => this.#keyRange(longest!), candidates, MAX_WORD_CANDIDATES, MAX_KEY_ROWS);
    for (const rowid of candidates) {
      const row = this.#row.get(rowid);
      if (!row) continue;
      if (hasEveryWord(others, searchableOf(row))) found.add(rowid);
      if (found.size >= target) return false;
    }
    return whole;
  }

  #everyone(page: SearchPage, now: number): SearchResults {
    const users = this.#all.all({ limit: page.limit, offset: page.offset }).map((row) => this.#tables.summaryOf(row, now));
    return { users, total: capped(this.#countAll.get({ cap: COUNT_CAP + 1 })?.n ?? 0) };
  }
}

/**
 * Adds rowids to `found` until it holds `target` or `maxRows` were read; true
 * when the rows ran out first (nothing was cut short). The scan starts only
 * when needed, and leaving the loop early ends the statement's iteration.
 */
function addUntil(rows: () => Iterable<number>, found: Set<number>, target: number, maxRows: number): boolean {
  if (found.size >= target) return false;
  let read = 0;
  for (const rowid of rows()) {
    found.add(rowid);
    if (found.size >= target || ++read >= maxRows) return false;
  }
  return true;
}
