import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../../main/directory/sqlite/database';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion, type Migration } from '../../../main/directory/sqlite/migrations';
import { DomainError } from '../../../main/domain/errors';
import { APPLICATION_ID } from '../../../main/directory/sqlite/file-check';
import { AuditRepo } from '../../../main/directory/sqlite/audit-repo';
import { ProfilesRepo } from '../../../main/directory/sqlite/profiles-repo';
import { TenantRepo } from '../../../main/directory/sqlite/tenant-repo';
import { tempDir } from '../../support/fixtures';

const dir = tempDir();
after(() => dir.cleanup());
let n = 0;
const freshPath = () => join(dir.path, `db-${++n}.sqlite`);

/** A raw file at a given version: only the migrations up to it applied. */
function databaseAt(version: number): { path: string; db: BetterSqlite3.Database } {
  const path = freshPath();
  const db = new BetterSqlite3(path);
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  );
  return { path, db };
}

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

const insertTenantAndUser = (db: BetterSqlite3.Database, upn: string, displayName: string, mobile: string) => {
  db.prepare("INSERT INTO domains (name, type, is_default) VALUES ('contoso.com', 'managed', 1)").run();
  db.prepare(
    `INSERT INTO users (object_id, upn, display_name, source, user_type, domain, mobile_phone, created_at, updated_at)
     VALUES ('00000000-0000-4000-8000-000000000001', ?, ?, 'cloud', 'member', 'contoso.com', ?, 0, 0)`,
  ).run(upn, displayName, mobile);
};

describe('migrations', () => {
  it('a new file ends at the latest version, in WAL mode with foreign keys on', () => {
    const path = freshPath();
    assert.throws(() => openDatabase(path), (e: DomainError) => e.code === 'DIRECTORY_NOT_FOUND');
    assert.equal(existsSync(path), false, 'opening without create makes no file');
    const db = openDatabase(path, { create: true });
    assert.equal(schemaVersion(db), LATEST_VERSION);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    db.close();
  });

  it('v1 creates the core tables and enforces their rules', () => {
    const { db } = databaseAt(1);
    assert.equal(schemaVersion(db), 1);
    for (const table of ['tenant', 'domains', 'users', 'role_assignments', 'groups', 'group_members', 'auth_methods', 'audit_events']) {
      assert.ok(tables(db).includes(table), `${table} exists`);
    }
    assert.equal(tables(db).includes('users_fts'), false, 'search index comes with v2');
    db.pragma('foreign_keys = ON');
    insertTenantAndUser(db, 'a@contoso.com', 'A', '+1 425 555 0100');
    // A member cannot have a guest home; a user must be in a known domain; upn is unique whatever the case.
    assert.throws(() => db.prepare("UPDATE users SET guest_home = 'google'").run(), /CHECK constraint/);
    assert.throws(() => db.prepare("UPDATE users SET domain = 'unknown.example'").run(), /FOREIGN KEY/);
    assert.throws(
      () =>
        db.prepare(
          `INSERT INTO users (object_id, upn, display_name, source, user_type, domain, created_at, updated_at)
           VALUES ('x', 'A@CONTOSO.COM', 'A', 'cloud', 'member', 'contoso.com', 0, 0)`,
        ).run(),
      /UNIQUE/,
    );
    db.close();
  });

  it('v2 indexes users that existed before it, and keeps the index in step', () => {
    const { path, db } = databaseAt(1);
    insertTenantAndUser(db, 'zoe.adams@contoso.com', 'Zoë Adams', '+1 (425) 555-0199');
    db.close();

    const upgraded = new BetterSqlite3(path);
    migrate(upgraded, MIGRATIONS.filter((m) => m.version <= 2));
    assert.equal(schemaVersion(upgraded), 2);
    const find = (q: string) =>
      (upgraded.prepare('SELECT rowid FROM users_fts WHERE users_fts MATCH ?').all(q) as unknown[]).length;
    assert.equal(find('"zoe"*'), 1, 'diacritics folded, pre-existing row indexed');
    assert.equal(find('phone_digits : "1425555"*'), 1, 'phone digits indexed');
    upgraded.prepare("UPDATE users SET display_name = 'Zoe Brown', surname = 'Brown'").run();
    assert.equal(find('"brown"*'), 1);
    upgraded.prepare('DELETE FROM users').run();
    assert.equal(find('"brown"*'), 0);
    upgraded.close();
  });

  it('refuses a file written by a newer version, and leaves it untouched', () => {
    const { path, db } = databaseAt(LATEST_VERSION);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const bytes = readFileSync(path);
    assert.throws(() => openDatabase(path), (e: DomainError) => e.code === 'DATABASE_NEWER');
    assert.deepEqual(readFileSync(path), bytes);
  });

  it('applies pending migrations in one transaction: a failing one leaves the file as it was', () => {
    const path = freshPath();
    const db = new BetterSqlite3(path);
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'broken',
      up: (d) => d.exec('CREATE TABLE half_done (x); SELECT * FROM no_such_table;'),
    };
    assert.throws(() => migrate(db, [...MIGRATIONS, broken]), /no such table/);
    assert.equal(schemaVersion(db), 0);
    assert.deepEqual(tables(db), []);
    db.close();
  });

  it('v4 replaces the FTS index with search keys and folded names, for users that existed before it', () => {
    const { path, db } = databaseAt(3);
    insertTenantAndUser(db, 'zoe.adams@contoso.com', 'Zoë Adams', '+1 (425) 555-0199');
    db.close();
    const upgraded = openDatabase(path);
    assert.equal(tables(upgraded).includes('users_fts'), false, 'the FTS5 table is gone');
    const keys = (upgraded.prepare('SELECT key FROM search_keys').all() as { key: string }[]).map((r) => r.key);
    for (const key of ['zoe', 'adams', 'zoe.adams', 'zoe.adams@contoso.com', 'tel:14255550199', 'tel:4255550199']) {
      assert.ok(keys.includes(key), `key ${key}`);
    }
    assert.equal(keys.includes('contoso'), false, 'the domain of an address is not a word');
    assert.equal((upgraded.prepare('SELECT sort_name FROM users').get() as { sort_name: string }).sort_name, 'zoe adams');
    upgraded.prepare('DELETE FROM users').run();
    assert.equal((upgraded.prepare('SELECT count(*) AS n FROM search_keys').get() as { n: number }).n, 0, 'a deleted user leaves no keys');
    upgraded.close();
  });

  it('v3 stamps a directory made before it with our application_id, keeping its users', () => {
    const { path, db } = databaseAt(2);
    insertTenantAndUser(db, 'old@contoso.com', 'Old Timer', '+1 425 555 0101');
    db.close();
    const opened = openDatabase(path);
    assert.equal(schemaVersion(opened), LATEST_VERSION);
    assert.equal(opened.pragma('application_id', { simple: true }), APPLICATION_ID);
    assert.equal((opened.prepare('SELECT upn FROM users').get() as { upn: string }).upn, 'old@contoso.com');
    opened.close();
  });

  it('a file with a schema version but not our tables is not taken for an old directory', () => {
    const path = freshPath();
    const db = new BetterSqlite3(path);
    db.exec('CREATE TABLE tenant (x); CREATE TABLE notes (y)');
    db.pragma('user_version = 2');
    db.close();
    const bytes = readFileSync(path);
    assert.throws(() => openDatabase(path), (e: DomainError) => e.code === 'NOT_A_DIRECTORY');
    assert.deepEqual(readFileSync(path), bytes, 'left exactly as it was');
  });

  it('a file stamped by another application is refused before SQLite opens it', () => {
    const path = freshPath();
    const db = new BetterSqlite3(path);
    db.exec('CREATE TABLE tenant (x)');
    db.pragma('application_id = 42');
    db.pragma('user_version = 1');
    db.close();
    assert.throws(() => openDatabase(path), (e: DomainError) => e.code === 'NOT_A_DIRECTORY');
  });

  it('v5 keeps every v4 audit event and adds intents that an outcome resolves', () => {
    const { db } = databaseAt(4);
    const insert = db.prepare(
      `INSERT INTO audit_events (at, actor_upn, target_upn, action, result, error_code) VALUES (?, 'a@contoso.com', 't@contoso.com', 'password.reset', ?, ?)`,
    );
    insert.run(1, 'success', null);
    insert.run(2, 'failure', 'INSUFFICIENT_ROLE');
    assert.throws(() => insert.run(3, 'intent', null), /CHECK constraint/, "v4 has no 'intent'");
    migrate(db);
    const audit = new AuditRepo(db);
    assert.deepEqual(
      audit.list({ limit: 10 }).map((e) => [e.result, e.errorCode, e.intentId]),
      [['failure', 'INSUFFICIENT_ROLE', null], ['success', null, null]],
      'old events kept, newest first, no intent',
    );
    const draft = { actorId: null, actorUpn: 'a@contoso.com', targetId: null, targetUpn: 't@contoso.com', action: 'password.reset', result: 'success', errorCode: null } as const;
    const cut = audit.intend(draft, 10);
    const done = audit.intend(draft, 11);
    audit.append({ ...draft, intentId: done }, 12);
    assert.deepEqual(audit.openIntents().map((e) => [e.id, e.result]), [[cut, 'intent']], 'only the intent no outcome names is open');
    assert.throws(
      // With a place and hashes of its own (v12), so the rule refusing it is the one under test.
      () =>
        db
          .prepare("INSERT INTO audit_events (at, action, result, intent_id, seq, previous_hash, hash) VALUES (13, 'password.reset', 'intent', ?, 999, ?, ?)")
          .run(cut, 'a'.repeat(64), 'a'.repeat(64)),
      /CHECK constraint/,
      'an intent cannot be the outcome of another',
    );
    db.close();
  });

  it('v6 adds connection profiles and the active one: by name whatever its case, JSON configs only, AD or OpenLDAP only', () => {
    const { db } = databaseAt(5);
    assert.equal(tables(db).includes('directory_profiles'), false);
    migrate(db);
    const profiles = new ProfilesRepo(db);
    profiles.add({ name: 'Corp AD', type: 'ad', config: { urls: ['ldaps://dc1.corp:636'] } }, 1);
    assert.deepEqual(profiles.get('corp ad')?.config, { urls: ['ldaps://dc1.corp:636'] }, 'found whatever the case');
    assert.throws(() => profiles.add({ name: 'CORP AD', type: 'openldap', config: {} }, 2), { code: 'INVALID_INPUT' });
    assert.throws(
      () => db.prepare("INSERT INTO directory_profiles VALUES ('x', 'novell', '{}', 0, 0)").run(),
      /CHECK constraint/,
    );
    assert.throws(() => db.prepare("INSERT INTO directory_profiles VALUES ('y', 'ad', 'not json', 0, 0)").run(), /CHECK constraint/);
    assert.equal(profiles.active(), null, 'the embedded directory until one is chosen');
    profiles.setActive('corp ad');
    assert.equal(profiles.active(), 'Corp AD');
    assert.throws(() => profiles.setActive('nowhere'), { code: 'DIRECTORY_PROFILE_NOT_FOUND' });
    assert.equal(profiles.remove('Corp AD'), true);
    assert.equal(profiles.active(), null, 'a removed profile is not active');
    assert.deepEqual(profiles.list(), []);
    db.close();
  });

  it('v7 adds the caller-verification rule, history count, delivery, banned terms, challenges, temporary passwords and history, keeping the tenant', () => {
    const { db } = databaseAt(6);
    db.prepare(
      `INSERT INTO tenant (singleton, tenant_id, name, created_at, updated_at) VALUES (1, 't-1', 'Fabrikam', 0, 0)`,
    ).run();
    migrate(db);
    const tenant = new TenantRepo(db).get();
    assert.equal(tenant.name, 'Fabrikam', 'the tenant row survives');
    assert.equal(tenant.callerVerification, 'required-for-admins', "Entra's two-method rule for admins is the default");
    assert.equal(tenant.passwordHistoryCount, 1, 'the current password cannot be reused, as in Entra');
    assert.deepEqual(tenant.delivery, { smtp: null, sms: null, localOutbox: null }, 'nothing is sent until delivery is set up');
    assert.deepEqual(tenant.bannedPasswords, []);
    assert.throws(() => db.prepare("UPDATE tenant SET caller_verification = 'sometimes'").run(), /CHECK constraint/);
    assert.throws(() => db.prepare('UPDATE tenant SET password_history_count = 25').run(), /CHECK constraint/);
    assert.throws(() => db.prepare("UPDATE tenant SET delivery = 'not json'").run(), /CHECK constraint/);
    assert.throws(() => db.prepare("INSERT INTO banned_terms VALUES ('abc', 0)").run(), /CHECK constraint/, 'terms of 4+ characters');
    for (const table of ['verification_challenges', 'temporary_passwords', 'password_history']) {
      assert.ok(tables(db).includes(table), table);
    }
    const challenge = db.prepare(
      `INSERT INTO verification_challenges (id, agent_id, target_id, target_upn, method, code_hmac, salt, created_at, expires_at, status, verified_at)
       VALUES (?, 'a', 'u', 'u@x', ?, ?, ?, 0, 600000, ?, ?)`,
    );
    assert.throws(() => challenge.run('c1', 'email', null, null, 'pending', null), /CHECK constraint/, 'a sent code is kept as an HMAC');
    assert.throws(() => challenge.run('c2', 'sms', 'h', 's', 'verified', null), /CHECK constraint/, 'verified means a time');
    challenge.run('c3', 'totp', null, null, 'verified', 5);
    assert.throws(
      () => db.prepare("INSERT INTO temporary_passwords (target_id, target_upn, issued_at, issued_by_id, issued_by_upn, changed_at, superseded_at) VALUES ('u', 'u@x', 0, 'a', 'a@x', 1, 1)").run(),
      /CHECK constraint/,
      'a temporary password ends one way',
    );
    db.close();
  });

  it("v8 keeps the sample outbox's messages sealed only, and moves the sample's SMS (no other) from http to https with its certificate", () => {
    const { db } = databaseAt(7);
    const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const sample = {
      smtp: { host: '127.0.0.1', port: 20001, security: 'starttls', from: 'helpdesk@contoso.com', username: null, caPem: PEM },
      sms: { url: 'http://127.0.0.1:20002/sms', from: 'Contoso', fields: { to: 'to', text: 'text', from: 'from' }, caPem: null },
      localOutbox: { smtpPort: 20001, smsPort: 20002 },
    };
    db.prepare(`INSERT INTO tenant (singleton, tenant_id, name, created_at, updated_at, delivery) VALUES (1, 't-1', 'Contoso', 0, 0, ?)`).run(
      JSON.stringify(sample),
    );
    migrate(db);
    const { delivery } = new TenantRepo(db).get();
    assert.equal(delivery.sms?.url, 'https://127.0.0.1:20002/sms');
    assert.equal(delivery.sms?.caPem, PEM);
    assert.deepEqual({ ...delivery, sms: sample.sms }, sample, 'nothing else changes');
    const insert = db.prepare('INSERT INTO outbox_messages (id, received_at, channel, sealed) VALUES (?, 0, ?, ?)');
    insert.run('m1', 'sms', 'v1.iv.body.tag');
    assert.throws(() => insert.run('m2', 'email', '{"text":"482913"}'), /CHECK constraint/, 'a message is kept sealed');
    assert.throws(() => insert.run('m3', 'fax', 'v1.a.b.c'), /CHECK constraint/);
    db.close();

    // Another tenant's http URL (not the sample's endpoint) is left alone: the sender refuses it, saying why.
    const other = databaseAt(7).db;
    const own = { ...sample, sms: { ...sample.sms, url: 'http://127.0.0.1:9999/sms' } };
    other.prepare(`INSERT INTO tenant (singleton, tenant_id, name, created_at, updated_at, delivery) VALUES (1, 't-2', 'Fabrikam', 0, 0, ?)`).run(
      JSON.stringify(own),
    );
    migrate(other);
    assert.equal(new TenantRepo(other).get().delivery.sms?.url, 'http://127.0.0.1:9999/sms');
    other.close();
  });

  it('v9 gives each intent one outcome, keeping the duplicates an older file holds, and intents their profile, owner and settle time', async () => {
    const { db } = databaseAt(8);
    const event = db.prepare(
      `INSERT INTO audit_events (at, actor_upn, target_upn, action, result, error_code, intent_id) VALUES (?, 'a@x', 't@x', 'password.reset', ?, ?, ?)`,
    );
    // What issue 16 (D) found in files: one intent with a failure (a settlement) and then a success (its own process).
    const twice = Number(event.run(1, 'intent', null, null).lastInsertRowid);
    event.run(2, 'failure', 'DIRECTORY_CONNECTION_LOST', twice);
    event.run(3, 'success', null, twice);
    const open = Number(event.run(4, 'intent', null, null).lastInsertRowid);
    migrate(db);
    const audit = new AuditRepo(db);

    assert.equal(audit.list({ limit: 10 }).length, 4, 'append-only: every row kept');
    assert.deepEqual(
      audit.list({ limit: 10 }).filter((e) => e.result === 'intent').map((e) => [e.id, e.outcomeId]),
      [[open, null], [twice, twice + 1]],
      'the first outcome is the one that counts; the other intent is being checked',
    );
    assert.deepEqual(audit.openIntents().map((i) => [i.id, i.lease]), [[open, null]], 'an older intent has no lease');

    const draft = { actorId: null, actorUpn: 'a@x', targetId: 't', targetUpn: 't@x', action: 'password.reset', result: 'failure', errorCode: 'DIRECTORY_CONNECTION_LOST' } as const;
    const chainedEvent = db.prepare(
      `INSERT INTO audit_events (at, actor_upn, target_upn, action, result, error_code, intent_id, seq, previous_hash, hash)
       VALUES (?, 'a@x', 't@x', 'password.reset', ?, ?, ?, 999, '${'a'.repeat(64)}', '${'a'.repeat(64)}')`,
    );
    assert.throws(() => chainedEvent.run(5, 'success', null, twice), /UNIQUE constraint failed: audit_outcomes\.intent_id/, 'a third outcome is refused by the file');
    const first = audit.settle({ ...draft, result: 'success', errorCode: null, intentId: open }, 6);
    assert.equal(first.recorded, true);
    const second = audit.settle({ ...draft, intentId: open }, 7);
    assert.deepEqual([second.recorded, second.outcome.id, second.outcome.result], [false, first.outcome.id, 'success'], 'the loser writes nothing and learns what stands');
    assert.equal(audit.list({ limit: 10 }).length, 5);

    const lease = { directory: 'corp', ownerHost: 'desk-1', ownerPid: 4242, settleAfter: 99 };
    const leased = audit.intend({ ...draft, result: 'intent', errorCode: null }, 8, lease);
    assert.deepEqual(audit.openIntents().map((i) => [i.id, i.lease]), [[leased, lease]]);
    db.close();
  });

  it('v10 indexes the users of each filter state in name order, for users that existed before it', () => {
    const { db } = databaseAt(9);
    insertTenantAndUser(db, 'adele.vance@contoso.com', 'Adele Vance', '+1 425 555 0101');
    db.prepare("UPDATE users SET sort_name = 'adele vance', locked_until = 1, account_enabled = 0").run();
    migrate(db);
    const plan = (where: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM users u WHERE ${where} ORDER BY u.sort_name, u.rowid`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join(' ');
    assert.match(plan('u.locked_until IS NOT NULL AND u.locked_until > 0'), /users_locked_by_name/);
    assert.match(plan('u.account_enabled = 0'), /users_disabled_by_name/);
    assert.match(plan("u.user_type = 'guest'"), /users_guests_by_name/);
    assert.match(plan("u.source = 'onPremises'"), /users_by_source/);
    assert.deepEqual(db.prepare('SELECT rowid FROM users u INDEXED BY users_disabled_by_name WHERE u.account_enabled = 0').pluck().all(), [1]);
    db.close();
  });

  it('v11 keeps each replica apart: its users by folded name and its keys as one range, one live build per profile', () => {
    const { db } = databaseAt(10);
    insertTenantAndUser(db, 'adele.vance@contoso.com', 'Adele Vance', '+1 425 555 0101');
    migrate(db);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    assert.match(plan("SELECT rowid FROM replica_users WHERE replica_id = 2 AND sort_name >= 'a' AND sort_name < 'b' ORDER BY sort_name, rowid"), /replica_users_sort_name/);
    assert.doesNotMatch(plan("SELECT user_rowid FROM replica_search_keys WHERE replica_id = 2 AND key >= 'a' AND key < 'b' ORDER BY key, user_rowid"), /TEMP B-TREE|SCAN/, 'one range of the key B-tree, in order');
    assert.match(plan("SELECT rowid FROM replica_users u WHERE u.replica_id = 2 AND u.roles_json <> '[]' ORDER BY u.sort_name, u.rowid"), /replica_users_admins_by_name/);
    const insert = db.prepare("INSERT INTO replicas (profile, state, started_at) VALUES (?, ?, 1)");
    insert.run('corp', 'live');
    insert.run('corp', 'building');
    insert.run('corp', 'retired');
    insert.run('corp', 'retired');
    assert.throws(() => insert.run('CORP', 'live'), /UNIQUE constraint failed/, 'one live replica per profile, whatever the case');
    assert.throws(() => insert.run('corp', 'building'), /UNIQUE constraint failed/, 'one build at a time');
    assert.throws(() => insert.run('corp', 'stale'), /CHECK constraint failed/);
    assert.equal(db.prepare('SELECT count(*) FROM users').pluck().get(), 1, 'the embedded users are untouched');
    db.close();
  });

  it("v12 chains the events a file already holds, in id order, and every event after takes the chain's next place", async () => {
    const { db } = databaseAt(11);
    const event = db.prepare(`INSERT INTO audit_events (at, actor_upn, target_upn, action, result) VALUES (?, 'a@x', ?, 'password.reset', 'success')`);
    for (const [at, target] of [[5, 't1@x'], [3, 't2@x'], [9, 't3@x']] as const) event.run(at, target);
    migrate(db);
    const rows = db.prepare('SELECT id, seq, previous_hash, hash FROM audit_events ORDER BY id').all() as { id: number; seq: number; previous_hash: string; hash: string }[];
    assert.deepEqual(rows.map((r) => [r.id, r.seq]), [[1, 1], [2, 2], [3, 3]], 'chained in id order, not by time');
    assert.equal(rows[0]!.previous_hash, '0'.repeat(64));
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.previous_hash, rows[i - 1]!.hash, 'each link names the one before');
    assert.deepEqual(db.prepare('SELECT seq, hash FROM audit_head').get(), { seq: 3, hash: rows[2]!.hash });

    const audit = new AuditRepo(db);
    audit.append({ actorId: null, actorUpn: 'a@x', targetId: null, targetUpn: 't4@x', action: 'account.unlock', result: 'success', errorCode: null }, 10);
    assert.deepEqual(audit.head()?.seq, 4);
    assert.throws(() => event.run(11, 't5@x'), /takes its place in the chain/, 'a row written around the chain is refused');
    db.close();
  });

  it('versions are numbered 1, 2, 3… without gaps', () => {
    assert.deepEqual(
      MIGRATIONS.map((m) => m.version),
      MIGRATIONS.map((_, i) => i + 1),
    );
  });
});
