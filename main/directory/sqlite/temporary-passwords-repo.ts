import type { Database, Statement } from 'better-sqlite3';
import type { TemporaryPasswordIssue, TemporaryPasswordRecord } from '../../domain/stores';
import { temporaryPasswordOf, type TemporaryPasswordRow } from '../../domain/stores/rows';

// "Open": the partial index temporary_passwords_open covers exactly this condition.
const OPEN = 'changed_at IS NULL AND superseded_at IS NULL';

/**
 * Every temporary password from issue to its end (table temporary_passwords,
 * migration v7). Ids of users are copied, not referenced: the same rows serve
 * users of Active Directory and OpenLDAP. The issue and the supersede of the
 * previous one are one transaction; inside a transaction already open (the
 * embedded reset's) that is a savepoint of it, so the reset, its audit and
 * this row commit together or not at all.
 */
export class TemporaryPasswordsRepo {
  readonly #db: Database;
  readonly #insert: Statement;
  readonly #supersede: Statement<[number, string]>;
  readonly #latest: Statement<[string], TemporaryPasswordRow>;
  readonly #open: Statement<[number, number], TemporaryPasswordRow>;
  readonly #countOpen: Statement<[], { n: number }>;
  readonly #openTargets: Statement<[number], string>;
  readonly #firstUse: Statement<[number, string]>;
  readonly #changed: Statement<[number, string]>;

  constructor(db: Database) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO temporary_passwords (target_id, target_upn, issued_at, issued_by_id, issued_by_upn, expires_at, delivered_to, force_change)
       VALUES (@targetId, @targetUpn, @issuedAt, @issuedById, @issuedByUpn, @expiresAt, @deliveredTo, @forceChange)`,
    );
    this.#supersede = db.prepare(`UPDATE temporary_passwords SET superseded_at = ? WHERE target_id = ? AND ${OPEN}`);
    // id breaks ties: two resets in the same millisecond (a test's clock standing still) keep their order.
    this.#latest = db.prepare('SELECT * FROM temporary_passwords WHERE target_id = ? ORDER BY issued_at DESC, id DESC LIMIT 1');
    this.#open = db.prepare(`SELECT * FROM temporary_passwords WHERE ${OPEN} ORDER BY issued_at, id LIMIT ? OFFSET ?`);
    this.#countOpen = db.prepare(`SELECT count(*) AS n FROM temporary_passwords WHERE ${OPEN}`);
    // One open row per user at most (an issue supersedes the open one), so no DISTINCT.
    this.#openTargets = db
      .prepare(`SELECT target_id FROM temporary_passwords WHERE ${OPEN} ORDER BY issued_at, id LIMIT ?`)
      .pluck() as Statement<[number], string>;
    this.#firstUse = db.prepare(
      `UPDATE temporary_passwords SET first_used_at = ? WHERE target_id = ? AND ${OPEN} AND first_used_at IS NULL`,
    );
    this.#changed = db.prepare(`UPDATE temporary_passwords SET changed_at = ? WHERE target_id = ? AND ${OPEN}`);
  }

  issue(entry: TemporaryPasswordIssue): number {
    return this.#db.transaction(() => {
      this.#supersede.run(entry.issuedAt, entry.targetId);
      return Number(this.#insert.run({ ...entry, forceChange: entry.forceChange ? 1 : 0 }).lastInsertRowid);
    })();
  }

  latest(targetId: string): TemporaryPasswordRecord | null {
    const row = this.#latest.get(targetId);
    return row ? temporaryPasswordOf(row) : null;
  }

  open({ limit, offset }: { limit: number; offset: number }): TemporaryPasswordRecord[] {
    return this.#open.all(limit, offset).map(temporaryPasswordOf);
  }

  countOpen(): number {
    return this.#countOpen.get()!.n;
  }

  openTargetIds(max: number): string[] {
    return this.#openTargets.all(max);
  }

  markFirstUse(targetId: string, at: number): boolean {
    return this.#firstUse.run(at, targetId).changes > 0;
  }

  markChanged(targetId: string, at: number): boolean {
    return this.#changed.run(at, targetId).changes > 0;
  }
}
