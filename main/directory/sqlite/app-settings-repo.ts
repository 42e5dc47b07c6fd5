import type { Database, Statement } from 'better-sqlite3';

/**
 * The app's own values in the local file (app_settings, migration v6), by key.
 * profiles-repo.ts keeps the active directory there under its own key; this
 * repo serves the others (the sample outbox's loopback-only TLS key).
 */
export class AppSettingsRepo {
  readonly #get: Statement<[string], { value: string }>;
  readonly #set: Statement<[string, string]>;
  readonly #delete: Statement<[string]>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT value FROM app_settings WHERE key = ?');
    this.#set = db.prepare('INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.#delete = db.prepare('DELETE FROM app_settings WHERE key = ?');
  }

  get(key: string): string | null {
    return this.#get.get(key)?.value ?? null;
  }

  set(key: string, value: string | null): void {
    if (value === null) this.#delete.run(key);
    else this.#set.run(key, value);
  }
}
