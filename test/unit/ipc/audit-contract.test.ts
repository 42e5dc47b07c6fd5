/**
 * Issue 17, item 8: the audit list's and export's date range in the IPC
 * contract. Strict as every request: From and To are instants with their
 * offset (the window turns its own days into them), nothing else gets in.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contract } from '../../../main/ipc/contract';

const list = contract.listAudit.request;
const exportAudit = contract.exportAudit.request;

test('From and To are ISO 8601 instants with an offset or Z, on the list and the export', () => {
  for (const schema of [list, exportAudit]) {
    const parsed = schema.parse({ from: '2026-12-05T00:00:00+01:00', to: '2026-12-06T22:59:59.999Z', target: 'adele' });
    assert.equal(parsed.from, '2026-12-05T00:00:00+01:00');
    assert.equal(parsed.to, '2026-12-06T22:59:59.999Z');
    assert.deepEqual(schema.parse({}), list === schema ? { limit: 100, offset: 0 } : {});
  }
});

test('a day without a time, a time without an offset, a number or another key is refused', () => {
  for (const schema of [list, exportAudit]) {
    for (const bad of [
      { from: '2026-12-05' },
      { to: '2026-12-05T10:00:00' },
      { from: 1_796_000_000_000 },
      { to: 'yesterday' },
      { since: '2026-12-05T00:00:00Z' },
    ]) {
      assert.equal(schema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  }
});
