/**
 * Issue 17, item 8: the audit's date range, on a real SQLite file. From and To
 * are included (a day from its first to its last millisecond in the local time
 * zone; an ISO time as that instant), list, count and the export's each()
 * agree, and the range is an index range on audit_events(at), not a scan of
 * the trail.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { auditFilterOf } from '../../../main/domain/stores/audit-filter';
import { AUDIT_LIST_SQL, filterParams } from '../../../main/directory/sqlite/audit-repo';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { tempDir } from '../../support/fixtures';

const dir = tempDir('resetdesk-audit-range-');
let store: DirectoryStore;

/** Local midnight of 2026-12-day, plus `ms`. */
const local = (day: number, ms = 0) => new Date(2026, 11, day).getTime() + ms;

before(() => {
  store = DirectoryStore.open(join(dir.path, 'range.sqlite'), { create: true });
  const at = [
    local(4, 23 * 3600_000 + 59 * 60_000 + 59_999), // the last millisecond of Dec 4
    local(5), // the first of Dec 5
    local(5, 12 * 3600_000),
    local(6, 24 * 3600_000 - 1), // the last of Dec 6
    local(7), // the first of Dec 7
  ];
  store.transaction(() => {
    at.forEach((ms, i) =>
      store.audit.append({ actorId: null, actorUpn: 'agent@contoso.com', targetId: null, targetUpn: `user${i}@contoso.com`, action: 'signin', result: 'success', errorCode: null }, ms),
    );
  });
});
after(() => {
  store.close();
  dir.cleanup();
});

const targets = async (filter: Parameters<typeof auditFilterOf>[0]) =>
  (await store.stores.audit.list({ ...auditFilterOf(filter), limit: 100 })).map((e) => e.targetUpn);

test('From and To days are included whole, in the local time zone', async () => {
  assert.deepEqual(await targets({ from: '2026-12-05', to: '2026-12-06' }), ['user3@contoso.com', 'user2@contoso.com', 'user1@contoso.com']);
  assert.deepEqual(await targets({ from: '2026-12-05' }), ['user4@contoso.com', 'user3@contoso.com', 'user2@contoso.com', 'user1@contoso.com']);
  assert.deepEqual(await targets({ to: '2026-12-04' }), ['user0@contoso.com']);
  assert.deepEqual(await targets({ from: '2026-12-06', to: '2026-12-06' }), ['user3@contoso.com']);
  assert.deepEqual(await targets({ from: '2026-11-01', to: '2026-11-30' }), []);
});

test('an ISO time is that instant; list, count and the export read the same events', async () => {
  const noon = new Date(local(5, 12 * 3600_000)).toISOString();
  assert.deepEqual(await targets({ from: noon, to: noon }), ['user2@contoso.com']);
  const filter = auditFilterOf({ from: '2026-12-05', to: noon, agent: 'AGENT' });
  assert.equal(await store.stores.audit.count(filter), 2);
  const exported: string[] = [];
  for await (const event of store.stores.audit.each(filter)) exported.push(event.targetUpn ?? '');
  assert.deepEqual(exported, ['user2@contoso.com', 'user1@contoso.com']);
});

test('the range is an index range on audit_events(at)', () => {
  const params = { ...filterParams(auditFilterOf({ from: '2026-12-05', to: '2026-12-06' })), limit: 100, offset: 0 };
  const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${AUDIT_LIST_SQL}`).all(params) as { detail: string }[];
  assert.ok(plan.some((row) => /USING INDEX audit_events_at \(at>\? AND at<\?\)/.test(row.detail)), JSON.stringify(plan));
});

test('a reversed range and a date that is not one are INVALID_INPUT, in one line', () => {
  assert.throws(() => auditFilterOf({ from: '2026-12-07', to: '2026-12-05' }), (e: Error & { code?: string }) => e.code === 'INVALID_INPUT' && /From date is after the To date/.test(e.message));
  for (const bad of ['2026-02-30', '07/12/2026', '2026-12-07T10:00', 'yesterday']) {
    assert.throws(() => auditFilterOf({ to: bad }), (e: Error & { code?: string }) => e.code === 'INVALID_INPUT' && !e.message.includes('\n'), bad);
  }
});
