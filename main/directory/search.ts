import type { Database, Statement } from 'better-sqlite3';
import { USER_COLUMNS, USER_FROM, toPublicUser, toRecord, type UserRow } from './users-repo';
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

/**
 * Turns what the agent typed into an FTS5 query: every word becomes a quoted
 * prefix term, all must match. Quoting makes FTS syntax in the input (AND, *,
 * quotes, column filters) plain text. A query that looks like a phone number
 * also matches the digits-only phone column, so "+1 (425) 555-01" finds
 * "+1 425 555 0143".
 */
export function toFtsQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  const all = words.map((w) => `"${w}"*`).join(' ');
  const digits = input.replace(/[\s+\-().]/g, '');
  if (/^\d{3,}$/.test(digits) && words.length > 1) return `(${all}) OR phone_digits : "${digits}"*`;
  return all;
}

/**
 * Search-as-you-type. Ranking, most useful first: an exact UPN or mail match
 * (the agent pasted an address), an exact display name, then FTS5's bm25 with
 * names and UPN weighted above mail and phones, then alphabetical.
 *
 * An empty query lists everyone alphabetically, walking the display-name index;
 * one of only punctuation finds nobody.
 */
export class UserSearch {
  readonly #match: Statement<Record<string, unknown>, UserRow>;
  readonly #all: Statement<Record<string, unknown>, UserRow>;
  readonly #countMatch: Statement<Record<string, unknown>, { n: number }>;
  readonly #countAll: Statement<Record<string, unknown>, { n: number }>;

  constructor(db: Database) {
    this.#match = db.prepare(`
      SELECT ${USER_COLUMNS}
      FROM users_fts f JOIN users u ON u.rowid = f.rowid JOIN domains d ON d.name = u.domain
      WHERE users_fts MATCH @fts
      ORDER BY (u.upn = @raw OR u.mail = @raw) DESC,
               (u.display_name = @raw COLLATE NOCASE) DESC,
               bm25(users_fts, 10.0, 5.0, 5.0, 8.0, 6.0, 2.0, 2.0),
               u.display_name COLLATE NOCASE, u.rowid
      LIMIT @limit OFFSET @offset`);
    this.#all = db.prepare(`
      SELECT ${USER_COLUMNS} FROM ${USER_FROM}
      ORDER BY u.display_name COLLATE NOCASE, u.rowid
      LIMIT @limit OFFSET @offset`);
    // Bounded counts: the inner LIMIT stops the scan one row past the cap, so
    // the cost never grows with the directory beyond COUNT_CAP + 1 rows.
    this.#countMatch = db.prepare(`
      SELECT count(*) AS n FROM (
        SELECT 1 FROM users_fts f JOIN users u ON u.rowid = f.rowid JOIN domains d ON d.name = u.domain
        WHERE users_fts MATCH @fts LIMIT @cap)`);
    this.#countAll = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${USER_FROM} LIMIT @cap)`);
  }

  search(query: string, page: SearchPage, now: number): SearchResults {
    const raw = query.trim();
    const fts = toFtsQuery(raw);
    // Only punctuation: nothing to look for.
    if (raw !== '' && fts === null) return { users: [], total: { count: 0, exact: true } };
    const rows =
      fts === null
        ? this.#all.all({ limit: page.limit, offset: page.offset })
        : this.#match.all({ fts, raw, limit: page.limit, offset: page.offset });
    const users = rows.map((row) => toPublicUser(toRecord(row, now)));
    return { users, total: this.#total(fts, page, users.length) };
  }

  #total(fts: string | null, page: SearchPage, found: number): SearchTotal {
    // A page that is not full (and not past the end) already tells the total.
    if (found < page.limit && (found > 0 || page.offset === 0)) return { count: page.offset + found, exact: true };
    const params = { cap: COUNT_CAP + 1 };
    const n = (fts === null ? this.#countAll.get(params) : this.#countMatch.get({ ...params, fts }))?.n ?? 0;
    return n > COUNT_CAP ? { count: COUNT_CAP, exact: false } : { count: n, exact: true };
  }
}
