/**
 * Issue 16, C and D: who may settle an open intent, and when. Nobody but its
 * process while the change may be in flight (its lease); a dead process's
 * change that the directory shows at once; another directory's intent never.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpenIntent } from '../../../../main/domain/stores';
import { auditEvent } from '../../../support/audit-events';
import { belongsTo, LEASE_MARGIN_MS, LEGACY_LEASE_MS, leaseFor, settleRight } from '../../../../main/directory/ldap/intent-lease';

const AT = Date.UTC(2026, 11, 7, 16, 50, 0);
const owner = { host: 'desk-1', pid: 4242 };

function intent(lease: OpenIntent['lease']): OpenIntent {
  return auditEvent<OpenIntent>({ id: 7, at: new Date(AT).toISOString(), outcomeId: null, lease });
}


test('the lease: the profile, the owner, and every step the unit may still take after the intent, with a margin', () => {
  const lease = leaseFor({ name: 'corp', connectTimeoutMs: 5000, timeoutMs: 10_000 }, AT, owner);
  assert.deepEqual(lease, { directory: 'corp', ownerHost: 'desk-1', ownerPid: 4242, settleAfter: AT + 5000 + 3 * 10_000 + LEASE_MARGIN_MS });
});

test('before its lease ends an intent is in flight: no other running process settles it, not even this one', () => {
  const open = intent(leaseFor({ name: 'corp', connectTimeoutMs: 5000, timeoutMs: 10_000 }, AT, owner));
  const soon = AT + 1000;
  assert.equal(settleRight(open, soon, { host: 'desk-1', pid: 1 }, () => true), 'none', 'its process still runs');
  assert.equal(settleRight(open, soon, owner, () => false), 'none', 'this process is its owner: its unit may be running');
  assert.equal(settleRight(open, soon, { host: 'desk-2', pid: 1 }, () => false), 'none', 'another computer cannot see the process');
  assert.equal(settleRight(open, soon, { host: 'desk-1', pid: 1 }, () => false), 'changed-only', 'its process is gone: a change seen is recorded');
  assert.equal(settleRight(open, open.lease!.settleAfter, { host: 'desk-2', pid: 1 }, () => true), 'any', 'after the lease the directory tells');
});

test('an intent from before leases: settled by anyone once the default timeouts have passed', () => {
  const old = intent(null);
  assert.equal(settleRight(old, AT + LEGACY_LEASE_MS - 1, owner, () => false), 'none');
  assert.equal(settleRight(old, AT + LEGACY_LEASE_MS, owner, () => false), 'any');
});

test('an intent belongs to its profile (whatever the case); an older one to whichever directory holds its user', () => {
  const open = intent(leaseFor({ name: 'Corp', connectTimeoutMs: 5000, timeoutMs: 10_000 }, AT, owner));
  assert.equal(belongsTo(open, 'corp'), 'own');
  assert.equal(belongsTo(open, 'ol'), 'other');
  assert.equal(belongsTo(intent(null), 'ol'), 'unnamed');
});
