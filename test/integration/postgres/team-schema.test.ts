/**
 * Migration 1 of the team database (main/postgres/migrations/001-team-store.ts)
 * on the real test PostgreSQL: the server's role may append to the audit and
 * read it, never change or remove an event; an intent takes one outcome,
 * whoever writes it; a user has at most one open temporary password.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type pg from 'pg';
import { migrate } from '../../../main/postgres/migrate';
import { TEAM_STORE_MIGRATIONS } from '../../../main/postgres/migrations/001-team-store';
import { freshDatabase, postgresOrSkip, type TestDatabase } from '../../support/postgres';

async function migrated(t: TestContext): Promise<TestDatabase | null> {
  const info = postgresOrSkip(t);
  if (!info) return null;
  const db = await freshDatabase(t, info);
  await migrate(db.owner, TEAM_STORE_MIGRATIONS, { appRole: info.app.user });
  return db;
}

const HASH = 'a'.repeat(64);
const insertEvent = (pool: pg.Pool, id: number, extra: { result?: string; intentId?: number } = {}) =>
  pool.query(
    `INSERT INTO audit_events (id, seq, at, action, result, intent_id, previous_hash, hash) VALUES ($1, $1, $2, 'password.reset', $3, $4, $5, $5)`,
    [id, Date.now(), extra.result ?? 'success', extra.intentId ?? null, HASH],
  );
const denied = (e: { code?: string }) => e.code === '42501';

test("the server's role appends to the audit and reads it; it cannot update, delete or truncate an event", async (t) => {
  const db = await migrated(t);
  if (!db) return;
  await insertEvent(db.app, 1);
  assert.equal((await db.app.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n, 1);
  await assert.rejects(db.app.query("UPDATE audit_events SET result = 'failure'"), denied);
  await assert.rejects(db.app.query('DELETE FROM audit_events'), denied);
  await assert.rejects(db.app.query('TRUNCATE audit_events'), denied);
  await assert.rejects(db.app.query('DELETE FROM audit_outcomes'), denied);
  await assert.rejects(db.app.query('ALTER TABLE audit_events DROP COLUMN hash'), (e: { code?: string }) => e.code === '42501' || e.code === '42P01');
  await assert.rejects(db.app.query('DROP TABLE audit_events'), (e: { code?: string }) => e.code === '42501');
  assert.equal((await db.owner.query('SELECT result FROM audit_events')).rows[0].result, 'success');
});

test('an intent takes one outcome: a second one is refused, whoever writes it', async (t) => {
  const db = await migrated(t);
  if (!db) return;
  await insertEvent(db.app, 1, { result: 'intent' });
  await insertEvent(db.app, 2, { intentId: 1 });
  await assert.rejects(insertEvent(db.app, 3, { intentId: 1 }), (e: { code?: string }) => e.code === '23505');
  await assert.rejects(insertEvent(db.owner, 3, { intentId: 1 }), (e: { code?: string }) => e.code === '23505');
  assert.deepEqual((await db.app.query('SELECT intent_id, outcome_id FROM audit_outcomes')).rows, [{ intent_id: 1, outcome_id: 2 }]);
});

test('a user has at most one open temporary password', async (t) => {
  const db = await migrated(t);
  if (!db) return;
  const issue = () =>
    db.app.query(
      `INSERT INTO temporary_passwords (target_id, target_upn, issued_at, issued_by_id, issued_by_upn) VALUES ('u1', 'adele@contoso.com', 1, 'a', 'agent@contoso.com')`,
    );
  await issue();
  await assert.rejects(issue(), (e: { code?: string }) => e.code === '23505');
  await db.app.query("UPDATE temporary_passwords SET superseded_at = 2 WHERE target_id = 'u1'");
  await issue();
  assert.equal((await db.app.query('SELECT count(*)::int AS n FROM temporary_passwords')).rows[0].n, 2);
});
