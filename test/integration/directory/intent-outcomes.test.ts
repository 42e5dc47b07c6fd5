/**
 * Issue 16, D: an intent has exactly one outcome, and the file itself holds to
 * it (audit_outcomes, migration 9), whoever writes. Several processes record
 * an outcome for the same intent at the same moment, as settling processes
 * and the one that sent the change could: one wins, the others write nothing
 * and learn the outcome that stands.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { tempDir } from '../../support/fixtures';
import { INTENT_DRAFT } from '../../support/audit-events';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = tempDir('resetdesk-outcomes-');
after(() => dir.cleanup());

const draft = INTENT_DRAFT;

function openFile(name: string) {
  const store = DirectoryStore.open(join(dir.path, name), { create: true });
  const intent = store.audit.intend(draft, Date.now(), { directory: 'corp', ownerHost: 'desk-1', ownerPid: 1, settleAfter: 0 });
  // Into the file itself: another process checks the file's header before it opens it.
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return { store, intent };
}

test('a second outcome for one intent is refused by the file, from any writer', async () => {
  const { store, intent } = openFile('one.sqlite');
  const first = await store.stores.audit.settle({ ...draft, result: 'success', intentId: intent }, Date.now());
  assert.equal(first.recorded, true);
  assert.throws(
    // Raw SQL with a place and hashes of its own (the chain's rule, v12, is not the one under test).
    () =>
      store.db
        .prepare(`INSERT INTO audit_events (at, action, result, intent_id, seq, previous_hash, hash) VALUES (1, 'password.reset', 'failure', ?, 999, ?, ?)`)
        .run(intent, 'a'.repeat(64), 'a'.repeat(64)),
    /UNIQUE constraint failed: audit_outcomes\.intent_id/,
  );
  assert.throws(() => store.audit.append({ ...draft, result: 'failure', intentId: intent }, 2), /UNIQUE constraint/);
  const lost = await store.stores.audit.settle({ ...draft, result: 'failure', errorCode: 'DIRECTORY_CONNECTION_LOST', intentId: intent }, Date.now());
  assert.deepEqual([lost.recorded, lost.outcome.id, lost.outcome.result], [false, first.outcome.id, 'success']);
  assert.equal((await store.stores.audit.list({ limit: 10 })).filter((e) => e.intentId === intent).length, 1);
  store.close();
});

test('eight processes record an outcome for the same intent at once: exactly one is written', async () => {
  const { store, intent } = openFile('race.sqlite');
  const file = store.path;
  const children = Array.from({ length: 8 }, (_, i) =>
    spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/integration/directory/settle-child.ts'), file, String(intent), i % 2 ? 'success' : 'failure'], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const lines = children.map((child) => createInterface({ input: child.stdout! })[Symbol.asyncIterator]());
  // All ready, then all told to go at once.
  for (const line of lines) assert.equal((await line.next()).value, 'READY');
  for (const child of children) child.stdin!.write('go\n');
  const answers = await Promise.all(lines.map(async (line) => JSON.parse((await line.next()).value as string) as { recorded: boolean; outcome: number }));

  assert.equal(answers.filter((a) => a.recorded).length, 1, 'one winner');
  const outcomes = (await store.stores.audit.list({ limit: 20 })).filter((e) => e.intentId === intent);
  assert.equal(outcomes.length, 1, 'one outcome row');
  assert.ok(answers.every((a) => a.outcome === outcomes[0]!.id), 'every loser learned the outcome that stands');
  assert.equal((await store.stores.audit.list({ limit: 20 })).find((e) => e.id === intent)?.outcomeId, outcomes[0]!.id);
  store.close();
});
