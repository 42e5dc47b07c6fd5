import type { Database, Statement } from 'better-sqlite3';
import { DomainError } from '../../domain/errors';
import type { StoredProfile } from '../../domain/stores';

interface ProfileRow {
  name: string;
  type: StoredProfile['type'];
  config: string;
  created_at: number;
  updated_at: number;
}

const toProfile = (row: ProfileRow): StoredProfile => ({
  name: row.name,
  type: row.type,
  config: JSON.parse(row.config) as unknown,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** Connection profiles, by name (case-insensitive). What a config means is the LDAP provider's business. */
export class ProfilesRepo {
  readonly #list: Statement<[], ProfileRow>;
  readonly #get: Statement<[string], ProfileRow>;
  readonly #insert: Statement;
  readonly #update: Statement;
  readonly #remove: Statement<[string]>;
  readonly #active: Statement<[], { value: string }>;
  readonly #setActive: Statement<[string]>;
  readonly #clearActive: Statement<[]>;
  readonly #retire: Statement<[string]>;
  readonly #forgetFailure: Statement<[string]>;

  constructor(db: Database) {
    this.#list = db.prepare('SELECT * FROM directory_profiles ORDER BY name');
    this.#get = db.prepare('SELECT * FROM directory_profiles WHERE name = ?');
    this.#insert = db.prepare(
      'INSERT INTO directory_profiles (name, type, config, created_at, updated_at) VALUES (@name, @type, @config, @now, @now)',
    );
    this.#update = db.prepare('UPDATE directory_profiles SET type = @type, config = @config, updated_at = @now WHERE name = @name');
    this.#remove = db.prepare('DELETE FROM directory_profiles WHERE name = ?');
    this.#retire = db.prepare("UPDATE replicas SET state = 'retired' WHERE profile = ? AND state <> 'retired'");
    this.#forgetFailure = db.prepare('DELETE FROM replica_failures WHERE profile = ?');
    this.#active = db.prepare("SELECT value FROM app_settings WHERE key = 'activeDirectory'");
    this.#setActive = db.prepare(
      "INSERT INTO app_settings (key, value) VALUES ('activeDirectory', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    this.#clearActive = db.prepare("DELETE FROM app_settings WHERE key = 'activeDirectory'");
  }

  /** The profile the app signs in to; null: the embedded directory. A removed profile is not active. */
  active(): string | null {
    const name = this.#active.get()?.value ?? null;
    return name !== null && this.#get.get(name) ? this.#get.get(name)!.name : null;
  }

  setActive(name: string | null): void {
    if (name === null) {
      this.#clearActive.run();
      return;
    }
    const row = this.#get.get(name);
    if (!row) throw new DomainError('DIRECTORY_PROFILE_NOT_FOUND');
    this.#setActive.run(row.name);
  }

  list(): StoredProfile[] {
    return this.#list.all().map(toProfile);
  }

  get(name: string): StoredProfile | null {
    const row = this.#get.get(name);
    return row ? toProfile(row) : null;
  }

  add(profile: Pick<StoredProfile, 'name' | 'type' | 'config'>, now: number): void {
    if (this.#get.get(profile.name)) {
      throw new DomainError('INVALID_INPUT', 'A directory connection by that name already exists: choose another name, or remove it first.');
    }
    this.#insert.run({ name: profile.name, type: profile.type, config: JSON.stringify(profile.config), now });
  }

  replace(profile: Pick<StoredProfile, 'name' | 'type' | 'config'>, now: number): void {
    const { changes } = this.#update.run({ name: profile.name, type: profile.type, config: JSON.stringify(profile.config), now });
    if (changes === 0) throw new DomainError('DIRECTORY_PROFILE_NOT_FOUND');
    // Another server, base or mapping: the local copy of the old one must not answer for the new (read again at the next sync).
    this.#retireReplica(profile.name);
  }

  remove(name: string): boolean {
    const removed = this.#remove.run(name).changes > 0;
    if (removed) this.#retireReplica(name);
    return removed;
  }

  /** The profile's replica (migration 11) retired: its rows are deleted in small steps by the next sync (replica-store.ts). */
  #retireReplica(name: string): void {
    this.#retire.run(name);
    this.#forgetFailure.run(name);
  }
}
