/**
 * The team database's migration runner (main/postgres/migrate.ts) against the
 * real test PostgreSQL: steps in order, each in one transaction, once even
 * when two servers start together, and a newer schema refused untouched.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type pg from 'pg';
import { DomainError } from '../../../main/domain/errors';
import { migrate, requireSchema, type PostgresMigration } from '../../../main/postgres/migrate';
import { freshDatabase, postgresOrSkip } from '../../support/postgres';

/** Three steps: a table, a row counting how often step 2 ran, a table the server's role may only read and insert into. */
const STEPS: PostgresMigration[] = [
  { version: 1, name: 'notes', up: async (c) => void (await c.query('CREATE TABLE notes (id serial PRIMARY KEY, text text NOT NULL)')) },
  {
    version: 2,
    name: 'runs',
    up: async (c) => {
      await c.query('CREATE TABLE IF NOT EXISTS runs (step integer NOT NULL)');
      // Slow enough that a second migrator arriving meanwhile would apply it too, were it not for the lock.
      await c.query('SELECT pg_sleep(0.3)');
      await c.query('INSERT INTO runs VALUES (2)');
    },
  },
  {
    version: 3,
    name: 'events',
    up: async (c, roles) => {
      await c.query('CREATE TABLE events (id serial PRIMARY KEY, text text NOT NULL)');
      await c.query(`GRANT SELECT, INSERT ON events TO ${roles.app}`);
      await c.query(`GRANT USAGE ON SEQUENCE events_id_seq TO ${roles.app}`);
    },
  },
];

const tables = async (pool: pg.Pool) =>
  (await pool.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((r) => r.tablename as string);

const refusedWith = (code: string) => (error: unknown) => error instanceof DomainError && error.code === code;

test('applies every step once, in order, and a second run applies nothing', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const db = await freshDatabase(t, info);
  const first = await migrate(db.owner, STEPS, { appRole: info.app.user });
  assert.deepEqual(first, { from: 0, to: 3, applied: [1, 2, 3] });
  assert.deepEqual(await migrate(db.owner, STEPS, { appRole: info.app.user }), { from: 3, to: 3, applied: [] });
  assert.deepEqual(await tables(db.owner), ['events', 'notes', 'resetdesk_schema', 'runs']);
  await requireSchema(db.app, 3);
});

test('two servers starting at once: each step runs exactly once', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const db = await freshDatabase(t, info);
  const { openPool } = await import('../../../main/postgres/connection');
  const { optionsFor } = await import('../../support/postgres');
  const second = openPool(optionsFor(info, 'owner', db.name));
  t.after(() => second.end());
  const [a, b] = await Promise.all([
    migrate(db.owner, STEPS, { appRole: info.app.user }),
    migrate(second, STEPS, { appRole: info.app.user }),
  ]);
  assert.deepEqual([...a.applied, ...b.applied].sort(), [1, 2, 3], 'every step applied by one of them');
  assert.equal((await db.owner.query('SELECT count(*)::int AS n FROM runs')).rows[0].n, 1);
});

test('a failing step is rolled back whole; the steps before it stay', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const db = await freshDatabase(t, info);
  const broken: PostgresMigration = {
    version: 4,
    name: 'broken',
    up: async (c) => {
      await c.query('CREATE TABLE half (id integer)');
      await c.query('SELECT * FROM no_such_table');
    },
  };
  await assert.rejects(migrate(db.owner, [...STEPS, broken], { appRole: info.app.user }));
  assert.ok(!(await tables(db.owner)).includes('half'), 'the failed step left nothing');
  assert.equal((await db.owner.query('SELECT max(version)::int AS v FROM resetdesk_schema')).rows[0].v, 3);
});

test('a schema newer than the code is refused before anything is written', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const db = await freshDatabase(t, info);
  await migrate(db.owner, STEPS.slice(0, 1), { appRole: info.app.user });
  await db.owner.query("INSERT INTO resetdesk_schema (version, name) VALUES (9, 'from a newer Resetdesk')");
  await assert.rejects(migrate(db.owner, STEPS, { appRole: info.app.user }), refusedWith('STORE_SCHEMA_NEWER'));
  assert.ok(!(await tables(db.owner)).includes('runs'), 'no later step ran');
  await assert.rejects(requireSchema(db.app, 3), refusedWith('STORE_SCHEMA_NEWER'));
});

test('the server refuses a database not yet migrated, saying how to migrate', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const db = await freshDatabase(t, info);
  await assert.rejects(requireSchema(db.app, 3), (e: unknown) => refusedWith('INVALID_INPUT')(e) && /resetdesk store migrate/.test((e as Error).message));
  await migrate(db.owner, STEPS.slice(0, 2), { appRole: info.app.user });
  await assert.rejects(requireSchema(db.app, 3), /schema 2 and this server needs 3/);
});

test("the server's role gets only what a step grants: insert and read, never update or delete", async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const db = await freshDatabase(t, info);
  await migrate(db.owner, STEPS, { appRole: info.app.user });
  await db.app.query("INSERT INTO events (text) VALUES ('kept')");
  assert.equal((await db.app.query('SELECT text FROM events')).rows[0].text, 'kept');
  for (const sql of ["UPDATE events SET text = 'changed'", 'DELETE FROM events', 'TRUNCATE events', "INSERT INTO notes (text) VALUES ('x')"]) {
    await assert.rejects(db.app.query(sql), (e: { code?: string }) => e.code === '42501', sql);
  }
  assert.equal((await db.owner.query('SELECT text FROM events')).rows[0].text, 'kept');
});
