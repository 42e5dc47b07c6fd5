/**
 * `resetdesk audit verify` on a real local file: the chain holds after the
 * app's own writes, and an event edited by hand with SQL is named.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { ROLES } from '../../../main/domain/roles';
import { runInProcess } from '../../support/cli-process';
import { FAST_HASHER, sampleDirectory } from '../../support/fixtures';

test('audit verify: 0 while the chain holds, 1 naming the event edited by hand', async (t) => {
  const fx = await sampleDirectory({ size: 40 });
  t.after(() => fx.close());
  const helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
  const adele = (await fx.services.directory.as(null).getUser({ upn: 'adele.vance@contoso.com' }))!;
  await fx.services.engine.resetPassword(helpdesk, { target: { id: adele.id } });
  await fx.services.engine.unlock(helpdesk, { id: adele.id });
  fx.store.close();

  const run = (...argv: string[]) => runInProcess(['audit', 'verify', '--db', fx.dbPath, ...argv], { hasher: FAST_HASHER });
  const holds = await run('--json');
  assert.equal(holds.status, 0, holds.stdout);
  assert.equal(holds.json.broken, null);
  assert.ok(holds.json.checked >= 2, 'the sign-in and the reset at least');
  assert.match((await run()).stdout, /^The audit holds: \d+ events, each chained/);

  const db = new BetterSqlite3(fx.dbPath);
  const reset = db.prepare("SELECT id, seq FROM audit_events WHERE action = 'password.reset' ORDER BY id LIMIT 1").get() as { id: number; seq: number };
  db.prepare("UPDATE audit_events SET actor_upn = 'someone.else@contoso.com' WHERE id = ?").run(reset.id);
  db.close();
  const edited = await run('--json');
  assert.equal(edited.status, 1);
  assert.deepEqual(edited.json.broken, { seq: reset.seq, why: 'edited' });
  assert.match((await run()).stdout, new RegExp(`event ${reset.seq} of the chain was edited`));
});

test('audit verify names an event written around the chain, once the trigger that refuses it was dropped by hand', async (t) => {
  const fx = await sampleDirectory({ size: 40 });
  t.after(() => fx.close());
  await fx.agent(ROLES.helpdeskAdministrator);
  fx.store.close();
  const db = new BetterSqlite3(fx.dbPath);
  assert.throws(
    () => db.prepare("INSERT INTO audit_events (at, action, result) VALUES (1, 'password.reset', 'success')").run(),
    /takes its place in the chain/,
    'refused while the trigger stands',
  );
  db.exec('DROP TRIGGER audit_events_chained');
  const { lastInsertRowid } = db.prepare("INSERT INTO audit_events (at, action, result) VALUES (1, 'password.reset', 'success')").run();
  db.close();
  const run = await runInProcess(['audit', 'verify', '--db', fx.dbPath, '--json'], { hasher: FAST_HASHER });
  assert.equal(run.status, 1);
  assert.equal(run.json.broken.why, 'unchained');
  assert.equal(run.json.broken.eventId, Number(lastInsertRowid));
});
