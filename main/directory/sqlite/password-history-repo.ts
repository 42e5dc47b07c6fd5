import type { Database, Statement } from 'better-sqlite3';

/**
 * The last passwords of each user, as scrypt hashes (never a password), for
 * the tenant's history rule. Kept in the local file whatever the directory:
 * OpenLDAP's ppolicy and AD skip their own history for privileged writers, so
 * Resetdesk checks before it writes. Pruned to the tenant's count on every
 * write, so old hashes do not pile up.
 */
export class PasswordHistoryRepo {
  readonly #recent: Statement<[string, number], { hash: string }>;
  readonly #insert: Statement<[string, string, number]>;
  readonly #prune: Statement<[string, string, number]>;
  readonly #current: Statement<[string], { password_hash: string | null }>;

  constructor(db: Database) {
    this.#recent = db.prepare('SELECT hash FROM password_history WHERE user_id = ? ORDER BY set_at DESC, id DESC LIMIT ?');
    this.#insert = db.prepare('INSERT INTO password_history (user_id, hash, set_at) VALUES (?, ?, ?)');
    this.#prune = db.prepare(`
      DELETE FROM password_history WHERE user_id = ? AND id NOT IN (
        SELECT id FROM password_history WHERE user_id = ? ORDER BY set_at DESC, id DESC LIMIT ?
      )`);
    // The embedded directory's own user, when there is one: their current password counts too.
    this.#current = db.prepare('SELECT password_hash FROM users WHERE object_id = ?');
  }

  recent(userId: string, limit: number): string[] {
    if (limit <= 0) return [];
    return this.#recent.all(userId, limit).map((row) => row.hash);
  }

  /** Call inside a transaction: the insert and the prune go together. */
  add(userId: string, hash: string, setAt: number, keep: number): void {
    this.#insert.run(userId, hash, setAt);
    this.#prune.run(userId, userId, Math.max(0, keep));
  }

  currentHash(userId: string): string | null {
    return this.#current.get(userId)?.password_hash ?? null;
  }
}
