/**
 * The team's shared state, as the local file keeps it (main/directory/sqlite/
 * migrations.ts 1–9, the same columns and checks), with two differences:
 * - The audit is append-only in the database itself: the server's role may
 *   insert and read events, never update or delete them (and it may not
 *   truncate or alter any table). Each event carries its place in the chain
 *   (seq, contiguous: ids of a sequence skip on rollback, so they cannot show
 *   a removal) and the hash chained to the one before (main/domain/audit-chain.ts);
 *   audit_head holds the newest link, updated in the insert's transaction
 *   under its row lock, which also orders concurrent appends from several servers.
 * - Times are bigint milliseconds since the epoch, as the ports give them.
 */
import type { PostgresMigration } from '../migrate';

export const m001TeamStore: PostgresMigration = {
  version: 1,
  name: 'tenant settings, audit (append-only, hash-chained), profiles, verifications, temporary passwords, history, app values, kept outbox',
  async up(c, { app }) {
    await c.query(`
      CREATE TABLE tenant (
        singleton smallint PRIMARY KEY CHECK (singleton = 1),
        tenant_id text NOT NULL,
        name text NOT NULL CHECK (length(name) > 0),
        password_writeback boolean NOT NULL DEFAULT false,
        temp_password_lifetime_days integer CHECK (temp_password_lifetime_days IS NULL OR temp_password_lifetime_days > 0),
        password_min_length integer NOT NULL DEFAULT 8,
        password_max_length integer NOT NULL DEFAULT 256,
        password_required_categories integer NOT NULL DEFAULT 3 CHECK (password_required_categories BETWEEN 1 AND 4),
        lockout_threshold integer NOT NULL DEFAULT 10 CHECK (lockout_threshold > 0),
        lockout_duration_seconds integer NOT NULL DEFAULT 60 CHECK (lockout_duration_seconds > 0),
        caller_verification text NOT NULL DEFAULT 'required-for-admins'
          CHECK (caller_verification IN ('off', 'recommended', 'required', 'required-for-admins')),
        password_history_count integer NOT NULL DEFAULT 1 CHECK (password_history_count BETWEEN 0 AND 24),
        delivery jsonb NOT NULL DEFAULT '{"smtp":null,"sms":null,"localOutbox":null}',
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL
      );
      -- Names and terms as given, unique whatever their case (the local file's COLLATE NOCASE).
      CREATE TABLE domains (
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('managed', 'federated')),
        is_default boolean NOT NULL DEFAULT false
      );
      CREATE UNIQUE INDEX domains_name ON domains (lower(name));
      CREATE TABLE banned_terms (
        term text NOT NULL CHECK (length(term) BETWEEN 4 AND 64),
        added_at bigint NOT NULL
      );
      CREATE UNIQUE INDEX banned_terms_term ON banned_terms (lower(term));

      CREATE TABLE audit_events (
        id bigint PRIMARY KEY,
        seq bigint NOT NULL UNIQUE CHECK (seq > 0),
        at bigint NOT NULL,
        actor_id text,
        actor_upn text,
        target_id text,
        target_upn text,
        action text NOT NULL,
        result text NOT NULL CHECK (result IN ('success', 'failure', 'intent')),
        error_code text,
        detail text,
        intent_id bigint REFERENCES audit_events(id),
        directory text,
        owner_host text,
        owner_pid integer,
        settle_after bigint,
        previous_hash text NOT NULL CHECK (length(previous_hash) = 64),
        hash text NOT NULL CHECK (length(hash) = 64),
        CHECK (intent_id IS NULL OR result <> 'intent'),
        CHECK (id = seq)
      );
      CREATE INDEX audit_events_at ON audit_events (at);
      CREATE INDEX audit_events_target ON audit_events (lower(target_upn), at);
      CREATE INDEX audit_events_actor ON audit_events (lower(actor_upn), at);
      CREATE INDEX audit_events_intent ON audit_events (intent_id) WHERE intent_id IS NOT NULL;
      CREATE INDEX audit_events_open ON audit_events (id) WHERE result = 'intent';

      -- The newest link of the chain: one row, locked by every append.
      CREATE TABLE audit_head (
        singleton smallint PRIMARY KEY CHECK (singleton = 1),
        seq bigint NOT NULL,
        hash text NOT NULL CHECK (length(hash) = 64)
      );
      INSERT INTO audit_head VALUES (1, 0, repeat('0', 64));

      -- The one outcome of each intent: its primary key refuses a second, whoever writes it.
      CREATE TABLE audit_outcomes (
        intent_id bigint PRIMARY KEY REFERENCES audit_events(id),
        outcome_id bigint NOT NULL UNIQUE REFERENCES audit_events(id)
      );
      CREATE FUNCTION audit_outcome_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_outcomes (intent_id, outcome_id) VALUES (NEW.intent_id, NEW.id);
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_outcome_once AFTER INSERT ON audit_events
        FOR EACH ROW WHEN (NEW.intent_id IS NOT NULL) EXECUTE FUNCTION audit_outcome_once();

      CREATE TABLE app_settings (
        key text PRIMARY KEY,
        value text NOT NULL
      );
      CREATE TABLE directory_profiles (
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
        type text NOT NULL CHECK (type IN ('ad', 'openldap')),
        config jsonb NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL
      );
      CREATE UNIQUE INDEX directory_profiles_name ON directory_profiles (lower(name));

      CREATE TABLE verification_challenges (
        id text PRIMARY KEY,
        -- The order of sends in one millisecond (the local file's rowid).
        n bigint GENERATED ALWAYS AS IDENTITY,
        agent_id text NOT NULL,
        target_id text NOT NULL,
        target_upn text NOT NULL,
        method text NOT NULL CHECK (method IN ('email', 'sms', 'totp')),
        destination text,
        code_hmac text,
        salt text,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        status text NOT NULL CHECK (status IN ('pending', 'verified', 'failed', 'superseded')),
        verified_at bigint,
        CHECK ((status = 'verified') = (verified_at IS NOT NULL)),
        CHECK (method = 'totp' OR (code_hmac IS NOT NULL AND salt IS NOT NULL))
      );
      CREATE INDEX verification_pair ON verification_challenges (agent_id, target_id, created_at);
      CREATE INDEX verification_sent ON verification_challenges (target_id, method, created_at);

      CREATE TABLE temporary_passwords (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        target_id text NOT NULL,
        target_upn text NOT NULL,
        issued_at bigint NOT NULL,
        issued_by_id text NOT NULL,
        issued_by_upn text NOT NULL,
        expires_at bigint,
        delivered_to text,
        force_change boolean NOT NULL DEFAULT true,
        first_used_at bigint,
        changed_at bigint,
        superseded_at bigint,
        CHECK (changed_at IS NULL OR superseded_at IS NULL)
      );
      CREATE INDEX temporary_passwords_target ON temporary_passwords (target_id, issued_at);
      CREATE INDEX temporary_passwords_open ON temporary_passwords (issued_at)
        WHERE changed_at IS NULL AND superseded_at IS NULL;
      -- At most one open temporary password per user, whoever issues the next.
      CREATE UNIQUE INDEX temporary_passwords_one_open ON temporary_passwords (target_id)
        WHERE changed_at IS NULL AND superseded_at IS NULL;

      CREATE TABLE password_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id text NOT NULL,
        hash text NOT NULL,
        set_at bigint NOT NULL
      );
      CREATE INDEX password_history_user ON password_history (user_id, set_at);

      CREATE TABLE outbox_messages (
        id text PRIMARY KEY,
        n bigint GENERATED ALWAYS AS IDENTITY,
        received_at bigint NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        sealed text NOT NULL CHECK (sealed LIKE 'v1.%')
      );
      CREATE INDEX outbox_messages_received ON outbox_messages (received_at);
    `);
    // The server's role: the audit read and appended to, never changed; the rest read and written.
    await c.query(`
      GRANT SELECT, INSERT ON audit_events, audit_outcomes TO ${app};
      GRANT SELECT, UPDATE ON audit_head TO ${app};
      GRANT SELECT, INSERT, UPDATE, DELETE ON tenant, domains, banned_terms, app_settings, directory_profiles,
        verification_challenges, temporary_passwords, password_history, outbox_messages TO ${app};
    `);
  },
};

/** Every migration of the team database, in order. */
export const TEAM_STORE_MIGRATIONS: readonly PostgresMigration[] = [m001TeamStore];
