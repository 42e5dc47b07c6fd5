/**
 * `resetdesk store migrate` on the real test PostgreSQL: the schema brought
 * up once as its owner, the password never on the command line, a wrong CA or
 * a password in the URL refused with nothing done.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAST_HASHER } from '../../support/fixtures';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { runInProcess } from '../../support/cli-process';
import { freshDatabase, postgresOrSkip } from '../../support/postgres';

const storeUrl = (info: { host: string; port: number }, user: string, db: string) => `postgres://${user}@${info.host}:${info.port}/${db}`;

test('store migrate: the schema once, as the owner; again: nothing to do', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const db = await freshDatabase(t, info);
  const argv = ['store', 'migrate', '--store', storeUrl(info, info.owner.user, db.name), '--store-ca', info.ca, '--json'];
  const env = { RESETDESK_STORE_PASSWORD: info.owner.password };
  const first = await runInProcess(argv, { env, hasher: FAST_HASHER });
  assert.equal(first.status, 0, first.stdout + first.stderr);
  assert.deepEqual({ from: first.json.from, to: first.json.to, appRole: first.json.appRole }, { from: 0, to: 1, appRole: 'resetdesk_app' });
  const again = await runInProcess(argv, { env, hasher: FAST_HASHER });
  assert.deepEqual(again.json.applied, []);
  // What the server's role may do is what the migration granted.
  await db.app.query('SELECT count(*) FROM audit_events');
  await assert.rejects(db.app.query('DELETE FROM audit_events'), (e: { code?: string }) => e.code === '42501');
});

test('store migrate: the password from stdin or the keychain; none given is a one-line refusal', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const db = await freshDatabase(t, info);
  const url = storeUrl(info, info.owner.user, db.name);
  const stdin = await runInProcess(['store', 'migrate', '--store', url, '--store-ca', info.ca, '--password-stdin', '--json'], {
    stdin: [info.owner.password],
    hasher: FAST_HASHER,
  });
  assert.equal(stdin.status, 0, stdin.stdout);
  const secrets = new MemorySecretStore();
  await secrets.set(`store:${info.owner.user}@${info.host}:${info.port}/${db.name}`, info.owner.password);
  const kept = await runInProcess(['store', 'migrate', '--store', url, '--store-ca', info.ca, '--json'], { hasher: FAST_HASHER, secrets });
  assert.equal(kept.status, 0, kept.stdout);
  const none = await runInProcess(['store', 'migrate', '--store', url, '--store-ca', info.ca, '--json'], { hasher: FAST_HASHER, secrets: new MemorySecretStore() });
  assert.equal(none.status, 2);
  assert.match(none.json.error.message, /RESETDESK_STORE_PASSWORD/);
});

test('store migrate refuses a password in the URL, a missing CA and a CA that did not sign the server, changing nothing', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const db = await freshDatabase(t, info);
  const env = { RESETDESK_STORE_PASSWORD: info.owner.password };
  const inUrl = await runInProcess(
    ['store', 'migrate', '--store', `postgres://${info.owner.user}:${info.owner.password}@${info.host}:${info.port}/${db.name}`, '--store-ca', info.ca, '--json'],
    { env, hasher: FAST_HASHER },
  );
  assert.equal(inUrl.status, 2);
  assert.ok(!inUrl.stdout.includes(info.owner.password), 'the password is not echoed');
  const noCa = await runInProcess(['store', 'migrate', '--store', storeUrl(info, info.owner.user, db.name), '--json'], { env, hasher: FAST_HASHER });
  assert.equal(noCa.json.error.code, 'INVALID_INPUT');
  const wrongCa = await runInProcess(['store', 'migrate', '--store', storeUrl(info, info.owner.user, db.name), '--store-ca', info.otherCa, '--json'], {
    env,
    hasher: FAST_HASHER,
  });
  assert.equal(wrongCa.status, 1);
  assert.equal(wrongCa.json.error.code, 'STORE_TLS_FAILED');
  const tables = await db.owner.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
  assert.equal(tables.rows[0].n, 0, 'nothing was created');
});
