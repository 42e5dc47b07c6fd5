import type { Database } from 'better-sqlite3';
import { DomainError } from '../../domain/errors';
import { APPLICATION_ID } from './file-check';
import { bulkLoadSearchIndex, searchIndexWriter } from './search-index';
import { sortName, type SearchableUser } from './search-keys';
import { v11Replicas } from './migration-11-replicas';
import { v12AuditChain } from './migration-12-audit-chain';
import type { Migration } from './migration';

/**
 * Schema migrations, numbered through `PRAGMA user_version` as Signal Desktop's
 * sql layer does. All pending migrations run in ONE transaction together with
 * the version bump, so a failure leaves the file exactly as it was.
 *
 * Rules for adding one: never edit a shipped migration; append the next number;
 * add a test in test/integration/directory/migrations.test.ts that opens a
 * database at the previous version and checks what the new one changes.
 *
 * Times are INTEGER milliseconds since the epoch (UTC); booleans are 0/1.
 */
export type { Migration };

const v1CoreSchema: Migration = {
  version: 1,
  name: 'core schema: tenant, domains, users, roles, groups, auth methods, audit',
  up(db) {
    db.exec(`
      CREATE TABLE tenant (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        tenant_id TEXT NOT NULL,
        name TEXT NOT NULL CHECK (length(name) > 0),
        password_writeback INTEGER NOT NULL DEFAULT 0 CHECK (password_writeback IN (0, 1)),
        temp_password_lifetime_days INTEGER CHECK (temp_password_lifetime_days IS NULL OR temp_password_lifetime_days > 0),
        password_min_length INTEGER NOT NULL DEFAULT 8,
        password_max_length INTEGER NOT NULL DEFAULT 256,
        password_required_categories INTEGER NOT NULL DEFAULT 3 CHECK (password_required_categories BETWEEN 1 AND 4),
        lockout_threshold INTEGER NOT NULL DEFAULT 10 CHECK (lockout_threshold > 0),
        lockout_duration_seconds INTEGER NOT NULL DEFAULT 60 CHECK (lockout_duration_seconds > 0),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE domains (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        type TEXT NOT NULL CHECK (type IN ('managed', 'federated')),
        is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))
      ) STRICT;

      -- rowid is the FTS key; object_id is the immutable id every boundary shows.
      CREATE TABLE users (
        rowid INTEGER PRIMARY KEY,
        object_id TEXT NOT NULL UNIQUE,
        upn TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        given_name TEXT,
        surname TEXT,
        mail TEXT COLLATE NOCASE,
        mobile_phone TEXT,
        business_phone TEXT,
        department TEXT,
        job_title TEXT,
        source TEXT NOT NULL CHECK (source IN ('cloud', 'onPremises', 'externalAzureAD')),
        user_type TEXT NOT NULL CHECK (user_type IN ('member', 'guest')),
        guest_home TEXT CHECK (guest_home IN ('otherTenant', 'microsoftAccount', 'google')),
        domain TEXT NOT NULL REFERENCES domains(name),
        admin_count INTEGER NOT NULL DEFAULT 0 CHECK (admin_count IN (0, 1)),
        account_enabled INTEGER NOT NULL DEFAULT 1 CHECK (account_enabled IN (0, 1)),
        password_hash TEXT,
        password_last_set INTEGER,
        force_change_next_sign_in INTEGER NOT NULL DEFAULT 0 CHECK (force_change_next_sign_in IN (0, 1)),
        password_never_expires INTEGER NOT NULL DEFAULT 0 CHECK (password_never_expires IN (0, 1)),
        temp_password_expires_at INTEGER,
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until INTEGER,
        lockout_count INTEGER NOT NULL DEFAULT 0 CHECK (lockout_count >= 0),
        -- JSON array of the scrypt digests of the last 3 wrong passwords, so a repeated
        -- wrong password does not count again (Entra smart lockout). As strong as the hash.
        recent_bad_digests TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (user_type = 'guest' OR guest_home IS NULL)
      ) STRICT;
      CREATE INDEX users_mail ON users(mail);
      CREATE INDEX users_display_name ON users(display_name COLLATE NOCASE, rowid);

      CREATE TABLE role_assignments (
        user_rowid INTEGER NOT NULL REFERENCES users(rowid) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (length(role) > 0),
        PRIMARY KEY (user_rowid, role)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        description TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE group_members (
        group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        user_rowid INTEGER NOT NULL REFERENCES users(rowid) ON DELETE CASCADE,
        PRIMARY KEY (group_id, user_rowid)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX group_members_user ON group_members(user_rowid);

      -- Registered authentication methods (self-service reset uses them later).
      -- value: the phone number, e-mail address, device name or question text;
      -- answer_hash: scrypt PHC string of a security question's answer, else NULL.
      CREATE TABLE auth_methods (
        id INTEGER PRIMARY KEY,
        user_rowid INTEGER NOT NULL REFERENCES users(rowid) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('mobilePhone', 'officePhone', 'alternateEmail', 'authenticatorApp', 'securityQuestion')),
        value TEXT NOT NULL,
        answer_hash TEXT,
        created_at INTEGER NOT NULL,
        CHECK ((kind = 'securityQuestion') = (answer_hash IS NOT NULL))
      ) STRICT;
      CREATE INDEX auth_methods_user ON auth_methods(user_rowid);

      -- Who did what to whom. Never a password. Ids and UPNs are copied, not
      -- referenced, so the trail outlives deleted users.
      CREATE TABLE audit_events (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor_id TEXT,
        actor_upn TEXT,
        target_id TEXT,
        target_upn TEXT COLLATE NOCASE,
        action TEXT NOT NULL,
        result TEXT NOT NULL CHECK (result IN ('success', 'failure')),
        error_code TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX audit_events_at ON audit_events(at);
      CREATE INDEX audit_events_target ON audit_events(target_upn, at);
    `);
  },
};

/**
 * Search-as-you-type index. A contentless FTS5 table (contentless_delete so rows
 * can be updated and removed) keeps only the index, not a second copy of every
 * user: at a million users that copy would double the file. prefix='2 3' keeps
 * short prefixes fast. `phone_digits` holds phone numbers as bare digits so
 * "4255550143" finds "+1 425 555 0143".
 */
/** SQL for a phone column with its punctuation removed (plain SQL, no custom function,
 *  so the triggers also work from the sqlite3 shell). */
function digitsOnly(column: string): string {
  let expr = column;
  for (const ch of [' ', '+', '-', '(', ')', '.']) expr = `replace(${expr}, '${ch}', '')`;
  return expr;
}

const v2SearchIndex: Migration = {
  version: 2,
  name: 'FTS5 search index over names, UPN, mail and phones',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE users_fts USING fts5(
        display_name, given_name, surname, upn, mail, phones, phone_digits,
        content = '', contentless_delete = 1,
        prefix = '2 3',
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN
        INSERT INTO users_fts(rowid, display_name, given_name, surname, upn, mail, phones, phone_digits)
        VALUES (new.rowid, new.display_name, new.given_name, new.surname, new.upn, new.mail,
                concat_ws(' ', new.mobile_phone, new.business_phone),
                concat_ws(' ', ${digitsOnly('new.mobile_phone')}, ${digitsOnly('new.business_phone')}));
      END;

      CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN
        DELETE FROM users_fts WHERE rowid = old.rowid;
      END;

      -- Only re-index when a searched column changes: password and lockout
      -- updates (the hot path) leave the index alone.
      CREATE TRIGGER users_fts_update AFTER UPDATE OF display_name, given_name, surname, upn, mail, mobile_phone, business_phone ON users BEGIN
        DELETE FROM users_fts WHERE rowid = old.rowid;
        INSERT INTO users_fts(rowid, display_name, given_name, surname, upn, mail, phones, phone_digits)
        VALUES (new.rowid, new.display_name, new.given_name, new.surname, new.upn, new.mail,
                concat_ws(' ', new.mobile_phone, new.business_phone),
                concat_ws(' ', ${digitsOnly('new.mobile_phone')}, ${digitsOnly('new.business_phone')}));
      END;

      INSERT INTO users_fts(rowid, display_name, given_name, surname, upn, mail, phones, phone_digits)
      SELECT rowid, display_name, given_name, surname, upn, mail,
             concat_ws(' ', mobile_phone, business_phone),
             concat_ws(' ', ${digitsOnly('mobile_phone')}, ${digitsOnly('business_phone')})
      FROM users;
    `);
  },
};

/**
 * Marks the file as a Resetdesk directory in its header, so that only such a
 * file is ever opened for writing (database.ts checks the mark before SQLite
 * touches a file). Files made before this version had application_id 0.
 */
const v3ApplicationId: Migration = {
  version: 3,
  name: 'application_id marks the file as a Resetdesk directory',
  up(db) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
  },
};

/**
 * Search at a million users: B-tree range scans instead of FTS5. FTS5 ranked
 * and sorted every match before LIMIT (a one-letter query touched most of the
 * directory) and indexed the domain of every address as a word ("contoso",
 * "com" matched everyone). Now:
 * - users.sort_name: the folded display name, indexed, so "sofia g" is one
 *   ordered range scan that stops at the page size;
 * - search_keys: one row per (key, user): name, department and job-title
 *   words, "surname given", whole addresses, their local parts and words,
 *   phone digits with and without the country code and reversed (search-keys.ts).
 * Keys are computed in JS (folding needs Unicode normalisation), so the store
 * writes them, not triggers; a trigger only removes a deleted user's keys.
 */
const v4SearchKeys: Migration = {
  version: 4,
  name: 'search keys and folded display names in B-tree indexes, replacing FTS5',
  up(db) {
    db.exec(`
      DROP TRIGGER users_fts_insert;
      DROP TRIGGER users_fts_delete;
      DROP TRIGGER users_fts_update;
      DROP TABLE users_fts;

      ALTER TABLE users ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
      CREATE TABLE search_keys (
        key TEXT NOT NULL,
        user_rowid INTEGER NOT NULL,
        PRIMARY KEY (key, user_rowid)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER search_keys_delete AFTER DELETE ON users BEGIN
        DELETE FROM search_keys WHERE user_rowid = old.rowid;
      END;
    `);
    const setSortName = db.prepare('UPDATE users SET sort_name = ? WHERE rowid = ?');
    const users = db
      .prepare(
        `SELECT rowid, display_name AS displayName, given_name AS givenName, surname, upn, mail, department,
                job_title AS jobTitle, mobile_phone AS mobilePhone, business_phone AS businessPhone FROM users`,
      )
      .all() as (SearchableUser & { rowid: number })[];
    bulkLoadSearchIndex(db, () => {
      const writer = searchIndexWriter(db);
      for (const user of users) {
        setSortName.run(sortName(user.displayName), user.rowid);
        writer.index(user.rowid, user);
      }
    });
    db.exec('CREATE INDEX users_sort_name ON users(sort_name, rowid)');
  },
};

/**
 * Real directories: a change made on an LDAP server cannot share a transaction
 * with the local audit, so it is recorded as an intent before the modify and an
 * outcome after it that names the intent (intent_id). An intent no outcome
 * names was cut short and is resolved at the next start. SQLite cannot widen a
 * CHECK in place, so the table is rebuilt (ids kept).
 */
const v5AuditIntents: Migration = {
  version: 5,
  name: "audit intents: result 'intent' and the outcome's intent_id",
  up(db) {
    db.exec(`
      CREATE TABLE audit_events_v5 (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor_id TEXT,
        actor_upn TEXT,
        target_id TEXT,
        target_upn TEXT COLLATE NOCASE,
        action TEXT NOT NULL,
        result TEXT NOT NULL CHECK (result IN ('success', 'failure', 'intent')),
        error_code TEXT,
        detail TEXT,
        intent_id INTEGER REFERENCES audit_events_v5(id),
        CHECK (intent_id IS NULL OR result <> 'intent')
      ) STRICT;
      INSERT INTO audit_events_v5 (id, at, actor_id, actor_upn, target_id, target_upn, action, result, error_code, detail)
        SELECT id, at, actor_id, actor_upn, target_id, target_upn, action, result, error_code, detail FROM audit_events;
      DROP TABLE audit_events;
      ALTER TABLE audit_events_v5 RENAME TO audit_events;
      CREATE INDEX audit_events_at ON audit_events(at);
      CREATE INDEX audit_events_target ON audit_events(target_upn, at);
      CREATE INDEX audit_events_intent ON audit_events(intent_id) WHERE intent_id IS NOT NULL;
      CREATE INDEX audit_events_open ON audit_events(id) WHERE result = 'intent';
    `);
  },
};

/**
 * Connection profiles for real directories (Active Directory, OpenLDAP) live in
 * the local file beside the settings and the audit. A profile is settings, never
 * a secret: a service account's password goes to the OS keychain. The config is
 * the profile as JSON, checked by its schema whenever it is read, so a profile
 * written by a newer version is refused rather than half understood.
 * app_settings holds the app's own choices (which directory it signs in to).
 */
const v6DirectoryProfiles: Migration = {
  version: 6,
  name: 'connection profiles for Active Directory and OpenLDAP, and which directory the app uses',
  up(db) {
    db.exec(`
      CREATE TABLE app_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      CREATE TABLE directory_profiles (
        name TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 64),
        type TEXT NOT NULL CHECK (type IN ('ad', 'openldap')),
        config TEXT NOT NULL CHECK (json_valid(config)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

/**
 * Issue 11: caller verification, delivery, temporary-password life, banned
 * passwords and history. New tenant settings are columns of the one tenant
 * row (delivery as checked JSON: it is read and written whole). Codes are
 * never stored, only an HMAC of them under a per-challenge salt; an
 * authenticator app's TOTP secret is sealed (AES-256-GCM) with a key kept in
 * the OS keychain, so the file alone does not give it. Password history keeps
 * scrypt hashes only. Ids of users are copied, not referenced: the same tables
 * serve users that live in Active Directory or OpenLDAP.
 */
const v7VerificationAndPolicy: Migration = {
  version: 7,
  name: 'caller verification, delivery settings, temporary-password life, banned terms, password history',
  up(db) {
    db.exec(`
      ALTER TABLE tenant ADD COLUMN caller_verification TEXT NOT NULL DEFAULT 'required-for-admins'
        CHECK (caller_verification IN ('off', 'recommended', 'required', 'required-for-admins'));
      ALTER TABLE tenant ADD COLUMN password_history_count INTEGER NOT NULL DEFAULT 1
        CHECK (password_history_count BETWEEN 0 AND 24);
      ALTER TABLE tenant ADD COLUMN delivery TEXT NOT NULL
        DEFAULT '{"smtp":null,"sms":null,"localOutbox":null}' CHECK (json_valid(delivery));

      CREATE TABLE banned_terms (
        term TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(term) BETWEEN 4 AND 64),
        added_at INTEGER NOT NULL
      ) STRICT;

      -- The TOTP secret of an authenticatorApp method, sealed; NULL for other kinds.
      ALTER TABLE auth_methods ADD COLUMN secret_sealed TEXT
        CHECK (secret_sealed IS NULL OR kind = 'authenticatorApp');

      -- One code sent to a caller (or one TOTP check), by one agent, for one user.
      CREATE TABLE verification_challenges (
        id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL,
        target_id TEXT NOT NULL,
        target_upn TEXT NOT NULL COLLATE NOCASE,
        method TEXT NOT NULL CHECK (method IN ('email', 'sms', 'totp')),
        destination TEXT,
        code_hmac TEXT,
        salt TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        status TEXT NOT NULL CHECK (status IN ('pending', 'verified', 'failed', 'superseded')),
        verified_at INTEGER,
        CHECK ((status = 'verified') = (verified_at IS NOT NULL)),
        CHECK (method = 'totp' OR (code_hmac IS NOT NULL AND salt IS NOT NULL))
      ) STRICT;
      CREATE INDEX verification_pair ON verification_challenges(agent_id, target_id, created_at);

      -- Every temporary password from issue to its end (used, changed, superseded; expiry is its expires_at).
      CREATE TABLE temporary_passwords (
        id INTEGER PRIMARY KEY,
        target_id TEXT NOT NULL,
        target_upn TEXT NOT NULL COLLATE NOCASE,
        issued_at INTEGER NOT NULL,
        issued_by_id TEXT NOT NULL,
        issued_by_upn TEXT NOT NULL,
        expires_at INTEGER,
        delivered_to TEXT,
        -- Whether the reset asked for a change at next sign-in: then a directory that no
        -- longer asks for one (AD pwdLastSet <> 0, OpenLDAP no pwdReset) means the user changed it.
        force_change INTEGER NOT NULL DEFAULT 1 CHECK (force_change IN (0, 1)),
        first_used_at INTEGER,
        changed_at INTEGER,
        superseded_at INTEGER,
        CHECK (changed_at IS NULL OR superseded_at IS NULL)
      ) STRICT;
      CREATE INDEX temporary_passwords_target ON temporary_passwords(target_id, issued_at);
      CREATE INDEX temporary_passwords_open ON temporary_passwords(issued_at)
        WHERE changed_at IS NULL AND superseded_at IS NULL;

      -- The user's earlier passwords, as scrypt PHC strings, newest first by set_at.
      CREATE TABLE password_history (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        hash TEXT NOT NULL,
        set_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX password_history_user ON password_history(user_id, set_at);
    `);
  },
};

/**
 * Issue 16 (K, 7): the sample outbox's messages kept in the local file, so the
 * sample works from the CLI alone and the app shows, when it opens, what was
 * sent while it was closed. Each message is sealed whole (sender, recipients,
 * subject, text: AES-256-GCM under a key in the OS keychain), so no code or
 * temporary password is ever in the file in clear; only when it arrived and by
 * which channel are plain, for the bound (newest 200, none older than 7 days).
 * The sample's SMS endpoint moves from plain http to HTTPS with the outbox's
 * own certificate: the sample's http URL is rewritten (no other is touched).
 */
const v8KeptOutbox: Migration = {
  version: 8,
  name: "the sample outbox's messages, sealed; the sample's SMS endpoint over HTTPS",
  up(db) {
    db.exec(`
      CREATE TABLE outbox_messages (
        id TEXT PRIMARY KEY,
        received_at INTEGER NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
        sealed TEXT NOT NULL CHECK (sealed LIKE 'v1.%')
      ) STRICT;
      CREATE INDEX outbox_messages_received ON outbox_messages(received_at);

      UPDATE tenant SET delivery = json_set(delivery,
          '$.sms.url', 'https://127.0.0.1:' || json_extract(delivery, '$.localOutbox.smsPort') || '/sms',
          '$.sms.caPem', json_extract(delivery, '$.smtp.caPem'))
        WHERE json_type(delivery, '$.localOutbox') = 'object'
          AND json_type(delivery, '$.smtp.caPem') = 'text'
          AND json_extract(delivery, '$.sms.url') = 'http://127.0.0.1:' || json_extract(delivery, '$.localOutbox.smsPort') || '/sms';
    `);
  },
};

/**
 * Issue 16: an intent (a change sent to AD or OpenLDAP) has exactly one
 * outcome, and only the right process and directory settle it.
 * - audit_outcomes names the one outcome of each intent; its primary key makes
 *   a second one fail, and the trigger fills it in the same statement as the
 *   outcome's row, so every writer (the engine, a settlement, raw SQL) is held
 *   to it. Files may already hold several outcomes for one intent (the bug
 *   this fixes): the audit is append-only, so those rows stay, and the first
 *   of them is the one that counts.
 * - On the intent: the connection profile its change went to (only that
 *   directory settles it), the process that sent it (host and pid) and the
 *   time after which the change can no longer land (settle_after): before it,
 *   nobody but that process settles the intent while it may be in flight.
 *   NULL on older intents.
 */
const v9IntentOutcomes: Migration = {
  version: 9,
  name: 'one outcome per intent; the directory, owner and settle time of each intent',
  up(db) {
    db.exec(`
      ALTER TABLE audit_events ADD COLUMN directory TEXT;
      ALTER TABLE audit_events ADD COLUMN owner_host TEXT;
      ALTER TABLE audit_events ADD COLUMN owner_pid INTEGER;
      ALTER TABLE audit_events ADD COLUMN settle_after INTEGER;

      CREATE TABLE audit_outcomes (
        intent_id INTEGER PRIMARY KEY REFERENCES audit_events(id),
        outcome_id INTEGER NOT NULL UNIQUE REFERENCES audit_events(id)
      ) STRICT;
      INSERT INTO audit_outcomes (intent_id, outcome_id)
        SELECT intent_id, min(id) FROM audit_events WHERE intent_id IS NOT NULL GROUP BY intent_id;
      CREATE TRIGGER audit_outcome_once AFTER INSERT ON audit_events WHEN NEW.intent_id IS NOT NULL BEGIN
        INSERT INTO audit_outcomes (intent_id, outcome_id) VALUES (NEW.intent_id, NEW.id);
      END;
    `);
  },
};

/**
 * Issue 17: browsing by state, as Entra's "All users" filters. Each filter's
 * users in name order, so the list of the locked-out (or disabled, guests,
 * cloud or synced users) reads only them, a page at a time, however large the
 * directory: partial indexes hold just the rows of their state (a few percent
 * of the users), the source index all of them by source. Admin-role holders
 * and open temporary passwords are read from their own tables (few rows).
 * search-filtered.ts writes its conditions to match these WHERE clauses.
 */
const v10FilterIndexes: Migration = {
  version: 10,
  name: 'users by state in name order: locked, disabled, guests, and by source',
  up(db) {
    db.exec(`
      CREATE INDEX users_locked_by_name ON users(sort_name, rowid) WHERE locked_until IS NOT NULL;
      CREATE INDEX users_disabled_by_name ON users(sort_name, rowid) WHERE account_enabled = 0;
      CREATE INDEX users_guests_by_name ON users(sort_name, rowid) WHERE user_type = 'guest';
      CREATE INDEX users_by_source ON users(source, sort_name, rowid);
    `);
  },
};

export const MIGRATIONS: readonly Migration[] = [
  v1CoreSchema,
  v2SearchIndex,
  v3ApplicationId,
  v4SearchKeys,
  v5AuditIntents,
  v6DirectoryProfiles,
  v7VerificationAndPolicy,
  v8KeptOutbox,
  v9IntentOutcomes,
  v10FilterIndexes,
  v11Replicas,
  v12AuditChain,
];

/** Tables every Resetdesk directory has had since v1: how an unstamped (pre-v3) file is recognised. */
export const LEGACY_TABLES = ['tenant', 'domains', 'users', 'audit_events'] as const;

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws DATABASE_NEWER for a schema version from a newer Resetdesk, read from the file's header or from SQLite. */
export function assertKnownSchema(version: number, latest: number = LATEST_VERSION): number {
  if (version > latest) {
    throw new DomainError('DATABASE_NEWER', `(file schema ${version}, this version knows up to ${latest})`);
  }
  return version;
}

/** Throws DATABASE_NEWER, before anything is written, for a file from a newer Resetdesk. */
export function assertKnownVersion(db: Database, latest: number = LATEST_VERSION): number {
  return assertKnownSchema(schemaVersion(db), latest);
}

/**
 * Brings the file to the latest version. Refuses a file written by a newer
 * Resetdesk rather than guessing at tables it does not know.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = assertKnownVersion(db, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
}
