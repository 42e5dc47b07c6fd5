import type { Database, Statement } from 'better-sqlite3';
import { USER_COLUMNS, USER_FROM, toPublicUser, toRecord, type UserRow } from './users-repo';
import type { DirectoryUser } from './types';

export interface SearchPage {
  limit: number;
  offset: number;
}

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
  }

  search(query: string, page: SearchPage, now: number): DirectoryUser[] {
    const raw = query.trim();
    const fts = toFtsQuery(raw);
    if (raw !== '' && fts === null) return []; // only punctuation: nothing to look for
    const rows =
      fts === null
        ? this.#all.all({ limit: page.limit, offset: page.offset })
        : this.#match.all({ fts, raw, limit: page.limit, offset: page.offset });
    return rows.map((row) => toPublicUser(toRecord(row, now)));
  }
}
