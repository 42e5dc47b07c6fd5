import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingDetail, requirementFor, statusOf } from '../../../../main/reset/verification/requirement';

const admin = { roles: ['Helpdesk Administrator'] };
const user = { roles: [] };
const NOW = Date.parse('2026-06-01T10:42:00Z');
const TEN_MIN = 600_000;

test('the four rules: off, recommended, required, required-for-admins (2 methods for admins, else recommended)', () => {
  assert.deepEqual(requirementFor('off', admin), { level: 'none', methodsRequired: 0 });
  assert.deepEqual(requirementFor('recommended', admin), { level: 'recommended', methodsRequired: 1 });
  assert.deepEqual(requirementFor('required', user), { level: 'required', methodsRequired: 1 });
  assert.deepEqual(requirementFor('required', admin), { level: 'required', methodsRequired: 1 });
  assert.deepEqual(requirementFor('required-for-admins', admin), { level: 'required', methodsRequired: 2 });
  assert.deepEqual(requirementFor('required-for-admins', user), { level: 'recommended', methodsRequired: 1 });
});

test('a verification counts for 10 minutes: at exactly 10:00 yes, 1 ms later no', () => {
  const req = requirementFor('required', user);
  const at = NOW - TEN_MIN;
  assert.equal(statusOf(req, [{ method: 'sms', verifiedAt: at }], NOW).satisfied, true);
  const later = statusOf(req, [{ method: 'sms', verifiedAt: at }], NOW + 1);
  assert.equal(later.satisfied, false);
  assert.deepEqual(later.verified, []);
});

test('administrators need two DIFFERENT methods: two email codes are one', () => {
  const req = requirementFor('required-for-admins', admin);
  const twice = statusOf(req, [{ method: 'email', verifiedAt: NOW - 2000 }, { method: 'email', verifiedAt: NOW - 1000 }], NOW);
  assert.equal(twice.satisfied, false);
  assert.equal(twice.verified.length, 1);
  assert.equal(twice.verified[0]!.verifiedAt, new Date(NOW - 1000).toISOString(), 'the latest success of a method');
  assert.equal(missingDetail(twice, true), 'Administrators need 2 methods verified; 1 is verified.');
  const both = statusOf(req, [{ method: 'email', verifiedAt: NOW - 2000 }, { method: 'sms', verifiedAt: NOW - 1000 }], NOW);
  assert.equal(both.satisfied, true);
  assert.deepEqual(both.verified.map((v) => v.method), ['email', 'sms']);
  assert.equal(both.verified[1]!.validUntil, new Date(NOW - 1000 + TEN_MIN).toISOString());
  assert.equal(missingDetail(both, true), null);
});

test('recommended never refuses; required with nothing verified says so', () => {
  const rec = statusOf(requirementFor('recommended', user), [], NOW);
  assert.equal(rec.satisfied, false);
  assert.equal(missingDetail(rec, false), null);
  const req = statusOf(requirementFor('required', user), [], NOW);
  assert.equal(missingDetail(req, false), 'This tenant requires 1 method verified; 0 are verified.');
  // An administrator under 'required' needs one method like everyone: the words are the tenant's rule, not the admin one.
  assert.equal(missingDetail(req, true), 'This tenant requires 1 method verified; 0 are verified.');
});
