import type { Migration } from './migration';

/**
 * Migration 11 (issue 18): a local replica of each real directory's searchable
 * attributes, so a search over Active Directory or OpenLDAP is the embedded
 * search's B-tree range scans (search.ts over search-tables.ts's
 * replicaTables) instead of a server search or an in-memory index.
 *
 * - replicas: one row per build of a profile's replica: `state` building
 *   (a full read under way), live (what search reads; one per profile) or
 *   retired (a live one a newer full read replaced, its rows being deleted in
 *   small steps). A full read builds a new one beside the live one and swaps
 *   in one short transaction, so search never sees half a directory and the
 *   writer never holds the file's lock for long (main writes the audit).
 *   Holds the feed's cursor, the count, and when it was built, brought up to
 *   date and last compared for deletions.
 * - replica_failures: per profile, the last failure (its code and the server
 *   setting to change), how many in a row, and when to try again, so a
 *   refusal is said once and retried with backoff.
 * - replica_users: the list row and what the keys are made of (replica-rows.ts).
 * - replica_search_keys: (replica_id, key, user_rowid), the embedded
 *   search_keys with the replica leading: one replica's range is one B-tree
 *   range. No trigger: the writer deletes a user's keys from its old row
 *   (a trigger would need an index on user_rowid, a second copy of every key).
 * Every index leads with replica_id, so replicas never mix.
 */
export const v11Replicas: Migration = {
  version: 11,
  name: 'local replicas of real directories: users, search keys, sync state',
  up(db) {
    db.exec(`
      CREATE TABLE replicas (
        id INTEGER PRIMARY KEY,
        profile TEXT NOT NULL COLLATE NOCASE,
        state TEXT NOT NULL CHECK (state IN ('building', 'live', 'retired')),
        cursor TEXT,
        users INTEGER NOT NULL DEFAULT 0,
        started_at INTEGER NOT NULL,
        built_at INTEGER,
        synced_at INTEGER,
        compared_at INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX replicas_live ON replicas(profile) WHERE state = 'live';
      CREATE UNIQUE INDEX replicas_building ON replicas(profile) WHERE state = 'building';
      CREATE TABLE replica_failures (
        profile TEXT PRIMARY KEY COLLATE NOCASE,
        code TEXT NOT NULL,
        detail TEXT,
        failed_at INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        retry_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE replica_users (
        replica_id INTEGER NOT NULL,
        object_id TEXT NOT NULL,
        upn TEXT NOT NULL COLLATE NOCASE,
        display_name TEXT NOT NULL,
        sort_name TEXT NOT NULL,
        given_name TEXT,
        surname TEXT,
        mail TEXT COLLATE NOCASE,
        mobile_phone TEXT,
        business_phone TEXT,
        department TEXT,
        job_title TEXT,
        source TEXT NOT NULL,
        user_type TEXT NOT NULL,
        domain_type TEXT NOT NULL,
        admin_count INTEGER NOT NULL,
        account_enabled INTEGER NOT NULL,
        locked_until INTEGER,
        roles_json TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX replica_users_id ON replica_users(replica_id, object_id);
      CREATE INDEX replica_users_upn ON replica_users(replica_id, upn);
      CREATE INDEX replica_users_mail ON replica_users(replica_id, mail);
      CREATE INDEX replica_users_sort_name ON replica_users(replica_id, sort_name);
      CREATE INDEX replica_users_locked_by_name ON replica_users(replica_id, sort_name) WHERE locked_until IS NOT NULL;
      CREATE INDEX replica_users_disabled_by_name ON replica_users(replica_id, sort_name) WHERE account_enabled = 0;
      CREATE INDEX replica_users_guests_by_name ON replica_users(replica_id, sort_name) WHERE user_type = 'guest';
      CREATE INDEX replica_users_admins_by_name ON replica_users(replica_id, sort_name) WHERE roles_json <> '[]';
      CREATE INDEX replica_users_by_source ON replica_users(replica_id, source, sort_name);
      CREATE TABLE replica_search_keys (
        replica_id INTEGER NOT NULL,
        key TEXT NOT NULL,
        user_rowid INTEGER NOT NULL,
        PRIMARY KEY (replica_id, key, user_rowid)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
