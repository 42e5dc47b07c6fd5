/**
 * Search narrowed by a filter (locked out, disabled, guests, cloud or synced,
 * admin-role holders, open temporary passwords; main/domain/user-filter.ts),
 * on the users table and the search keys: what the embedded directory runs,
 * and what a replica of a real directory keeping the same tables can run.
 *
 * The filter is one SQL condition on `users u`, written from the closed set of
 * filters with literals (never typed text), so SQLite can use the partial
 * indexes of migration 10: each filter's users in name order. The cost stays
 * bounded at a million users by reading from the smaller side:
 *   - no text: the filter's users in name order, LIMIT/OFFSET on its index;
 *   - text whose ranges are small: the ranges in their usual order, each row
 *     checked against the filter in the same statement (one rowid seek);
 *   - text that matches many, with a filter that holds few (admins, open
 *     temporary passwords, a lock in a small directory): the filter's users,
 *     each checked against the text in JS, display-name matches first;
 *   - both large: the ranges again, stopping once enough users passed (the
 *     filter holds many, so they come quickly).
 * Pages follow each other: the path depends only on the data, not the page.
 */
import type { Database, Statement } from 'better-sqlite3';
import { filterKey, normalizeFilter, type UserFilter } from '../../domain/user-filter';
import type { SearchPage, SearchResults } from '../../domain/types';
import { cappedTotal } from '../../domain/search-count';
import {
  COUNT_CAP,
  hasEveryWord,
  matchClassOf,
  planQuery,
  prefixEnd,
  rangesOf,
  type QueryPlan,
} from './search-keys';
import { searchableOf } from './users-repo';
import { EMBEDDED_TABLES, type SearchTables } from './search-tables';

/** A range holding fewer key rows than this is read whole whatever the filter: the text alone is narrow. */
export const NARROW_ROWS = 4 * (COUNT_CAP + 1);
/** A filter holding at most this many users is read whole and checked against the text in JS. */
export const FILTER_DRIVEN_MAX = 5000;
/** Key rows read past the page's own to count on to COUNT_CAP: the bound of a filtered count (the unfiltered per-range cut). */
const COUNT_ROWS = 8 * (COUNT_CAP + 1);
/** Candidates checked for every word when no range matched ("sofia engineering"), as unfiltered. */
const MAX_WORD_CANDIDATES = 200;

/** The filter as one SQL condition on the users row `alias` (`@now` bound for a lock). */
export function filterCondition(filter: UserFilter, alias = 'u', tables: SearchTables = EMBEDDED_TABLES): string {
  const f = normalizeFilter(filter);
  const parts: string[] = [];
  // "IS NOT NULL" spelled out: the partial index users_locked_by_name is on exactly that.
  if (f.locked) parts.push(`${alias}.locked_until IS NOT NULL AND ${alias}.locked_until > @now`);
  if (f.disabled) parts.push(`${alias}.account_enabled = 0`);
  if (f.guests) parts.push(`${alias}.user_type = 'guest'`);
  if (f.source === 'cloud') parts.push(`${alias}.source = 'cloud'`);
  if (f.source === 'onPremises') parts.push(`${alias}.source = 'onPremises'`);
  if (f.admins) parts.push(tables.admins(alias));
  if (f.temporaryPassword) {
    parts.push(`${alias}.object_id IN (SELECT target_id FROM temporary_passwords WHERE changed_at IS NULL AND superseded_at IS NULL)`);
  }
  return parts.length === 0 ? '1' : parts.join(' AND ');
}

/** A candidate and whether it passes the filter (1 or 0), as the statements return them. */
type Checked = [rowid: number, passes: number];

interface CandidateRow {
  rowid: number;
  display_name: string;
  given_name: string | null;
  surname: string | null;
  upn: string;
  mail: string | null;
  department: string | null;
  job_title: string | null;
  mobile_phone: string | null;
  business_phone: string | null;
}

const SEARCHABLE = `u.rowid AS rowid, u.display_name, u.given_name, u.surname, u.upn, u.mail, u.department, u.job_title,
  u.mobile_phone, u.business_phone`;

/** The statements of one filter, prepared once. */
class FilterStatements {
  readonly everyone: Statement<{ now: number; limit: number; offset: number }, number>;
  readonly count: Statement<{ now: number; cap: number }, number>;
  readonly members: Statement<{ now: number; cap: number }, CandidateRow>;
  readonly exact: Statement<{ now: number; raw: string }, Checked>;
  readonly byName: Statement<{ now: number; from: string; to: string }, Checked>;
  readonly keys: Statement<{ now: number; from: string; to: string }, Checked>;

  constructor(db: Database, tables: SearchTables, filter: UserFilter) {
    const { users, keys } = tables;
    // The scope first: with it, each partial index's leading replica_id is an equality.
    const where = `${tables.scope('u')}${filterCondition(filter, 'u', tables)}`;
    const pluck = <P extends object, R>(sql: string) => db.prepare(sql).pluck() as unknown as Statement<P, R>;
    const raw = <P extends object>(sql: string) => db.prepare(sql).raw() as unknown as Statement<P, Checked>;
    this.everyone = pluck(`SELECT u.rowid FROM ${users} u WHERE ${where} ORDER BY u.sort_name, u.rowid LIMIT @limit OFFSET @offset`);
    this.count = pluck(`SELECT count(*) FROM (SELECT 1 FROM ${users} u WHERE ${where} LIMIT @cap)`);
    this.members = db.prepare(`SELECT ${SEARCHABLE} FROM ${users} u WHERE ${where} ORDER BY u.sort_name, u.rowid LIMIT @cap`);
    // The ranges in their own index order, the filter asked of each row as it comes (a scan that has enough stops
    // there). The user's row is reached by its rowid: NOT INDEXED keeps the planner from walking a filter's index
    // for every key row instead, and CROSS JOIN keeps the key range the outer loop (its order is the results').
    const scope = tables.scope();
    this.exact = raw(`SELECT u.rowid, (${where}) FROM ${users} u NOT INDEXED
      WHERE u.rowid IN (SELECT rowid FROM ${users} WHERE ${scope}upn = @raw UNION SELECT rowid FROM ${users} WHERE ${scope}mail = @raw)`);
    this.byName = raw(`SELECT u.rowid, (${where}) FROM ${users} u INDEXED BY ${tables.sortIndex}
      WHERE ${tables.scope('u')}u.sort_name >= @from AND u.sort_name < @to ORDER BY u.sort_name, u.rowid`);
    this.keys = raw(`SELECT k.user_rowid, (${where}) FROM ${keys} k CROSS JOIN ${users} u NOT INDEXED ON u.rowid = k.user_rowid
      WHERE ${tables.scope('k')}k.key >= @from AND k.key < @to ORDER BY k.key, k.user_rowid`);
  }
}

export interface RangeCounts {
  /** Users of the display-name range, up to COUNT_CAP + 1. */
  nameUsers(from: string, to: string): number;
  /** Key rows of a range, up to NARROW_ROWS. */
  keyRows(from: string, to: string): number;
}

export class FilteredSearch {
  readonly #db: Database;
  readonly #tables: SearchTables;
  readonly #statements = new Map<string, FilterStatements>();
  readonly #counts: RangeCounts;
  readonly #summaries: (rowids: number[], now: number) => SearchResults['users'];
  /** A candidate's searchable fields, to check every typed word. */
  readonly #row: Statement<[number], CandidateRow>;

  constructor(db: Database, tables: SearchTables, counts: RangeCounts, summaries: (rowids: number[], now: number) => SearchResults['users']) {
    this.#db = db;
    this.#tables = tables;
    this.#row = db.prepare(`SELECT ${SEARCHABLE} FROM ${tables.users} u WHERE u.rowid = ?`);
    this.#counts = counts;
    this.#summaries = summaries;
  }

  search(query: string, filter: UserFilter, page: SearchPage, now: number): SearchResults {
    const statements = this.#statementsOf(filter);
    if (query.trim() === '') {
      const rowids = statements.everyone.all({ now, limit: page.limit, offset: page.offset });
      return { users: this.#summaries(rowids, now), total: cappedTotal(statements.count.get({ now, cap: COUNT_CAP + 1 })!) };
    }
    const plan = planQuery(query);
    if (!plan) return { users: [], total: { count: 0, exact: true } };
    const byFilter =
      !this.#narrow(plan) && statements.count.get({ now, cap: FILTER_DRIVEN_MAX + 1 })! <= FILTER_DRIVEN_MAX;
    const { rowids, exact } = byFilter ? this.#fromFilter(statements, plan, now) : this.#fromRanges(statements, plan, page, now);
    const total = cappedTotal(rowids.length, exact);
    return { users: this.#summaries(rowids.slice(page.offset, page.offset + page.limit), now), total };
  }

  #statementsOf(filter: UserFilter): FilterStatements {
    const key = filterKey(filter);
    let statements = this.#statements.get(key);
    if (!statements) {
      statements = new FilterStatements(this.#db, this.#tables, filter);
      this.#statements.set(key, statements);
    }
    return statements;
  }

  /** Whether every range of the text is small enough to read whole. */
  #narrow(plan: QueryPlan): boolean {
    const { name, keys } = rangesOf(plan);
    if (name !== null && this.#counts.nameUsers(name, prefixEnd(name)) > COUNT_CAP) return false;
    return keys.every((key) => this.#counts.keyRows(key, prefixEnd(key)) < NARROW_ROWS);
  }

  /**
   * The ranges in their usual order, keeping the users that pass, until there
   * are enough for the page and the count (COUNT_CAP + 1) or the ranges end.
   * Exactly the unfiltered results that pass the filter, in the same order.
   */
  #fromRanges(statements: FilterStatements, plan: QueryPlan, page: SearchPage, now: number): Matches {
    // The page's rows whatever they cost (bounded by the offset asked for); past them, counting on up to the cap
    // reads at most COUNT_ROWS more rows, then says "more than" what it found.
    const scan: Scan = { found: new Set(), want: Math.max(page.offset + page.limit, COUNT_CAP + 1), page: page.offset + page.limit, rows: 0, cut: false };
    addPassing(() => statements.exact.iterate({ now, raw: plan.raw }), scan);
    const { name, keys } = rangesOf(plan);
    if (name !== null) addPassing(() => statements.byName.iterate({ now, from: name, to: prefixEnd(name) }), scan);
    for (const key of keys) addPassing(() => statements.keys.iterate({ now, from: key, to: prefixEnd(key) }), scan);
    const found = scan.found;
    // As without a filter: every word on its own only when the ranges hold nobody at all (not only nobody in that state).
    if (scan.rows > 0 || plan.terms.length < 2) return { rowids: [...found], exact: !scan.cut };
    // Several words no single key holds: candidates that pass, by the longest word, each checked for all words.
    const [longest, ...others] = [...plan.terms].sort((a, b) => b.length - a.length);
    const candidates: Scan = { found: new Set(), want: MAX_WORD_CANDIDATES, page: MAX_WORD_CANDIDATES, rows: 0, cut: false };
    addPassing(() => statements.keys.iterate({ now, from: longest!, to: prefixEnd(longest!) }), candidates);
    const whole = candidates.found.size < MAX_WORD_CANDIDATES;
    for (const rowid of candidates.found) {
      const candidate = this.#row.get(rowid);
      if (candidate && hasEveryWord(others, searchableOf(candidate))) found.add(rowid);
    }
    return { rowids: [...found], exact: whole };
  }

  /** The filter's users (at most FILTER_DRIVEN_MAX), those the text matches: exact, then name, then other keys. */
  #fromFilter(statements: FilterStatements, plan: QueryPlan, now: number): Matches {
    const members = statements.members.all({ now, cap: FILTER_DRIVEN_MAX }).map((row) => ({ rowid: row.rowid, user: searchableOf(row) }));
    const classes: number[][] = [[], [], []];
    for (const { rowid, user } of members) {
      const match = matchClassOf(plan, user);
      if (match !== null) classes[match]!.push(rowid);
    }
    // The text is broad here (its ranges hold many), so the every-word fallback never applies.
    return { rowids: classes.flat(), exact: true };
  }
}

interface Matches {
  /** In result order, up to what the page and the count need. */
  rowids: number[];
  /** False when a bounded step may have left some out. */
  exact: boolean;
}

/** A scan over one or more ranges: what it found, how far it may go, and whether it stopped before their end. */
interface Scan {
  found: Set<number>;
  /** Enough: the page and the count. */
  want: number;
  /** The users the page needs, read whatever it costs. */
  page: number;
  rows: number;
  /** Stopped on the row budget, past the page: the count is "more than". */
  cut: boolean;
}

/** Adds the rowids that pass until the scan has what it wants, or has the page and spent COUNT_ROWS. */
function addPassing(rows: () => Iterable<Checked>, scan: Scan): void {
  const done = () => scan.found.size >= scan.want || (scan.found.size >= scan.page && scan.rows >= COUNT_ROWS);
  // The scan starts only when needed: a statement iterated and not finished stays busy.
  if (done()) {
    scan.cut ||= scan.found.size < scan.want;
    return;
  }
  for (const [rowid, passes] of rows()) {
    scan.rows++;
    if (passes) scan.found.add(rowid);
    if (done()) {
      scan.cut ||= scan.found.size < scan.want;
      return;
    }
  }
}
