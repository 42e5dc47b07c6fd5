/**
 * Issue 16, B: what tells whether a change landed must move on every write.
 * The verdicts on the values Samba and slapd keep, including the cases the old
 * comparison (AD pwdLastSet) got wrong, and a "not changed" read on another
 * server, which tells nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adMarkers, openLdapMarkers, replicationVersions, verdictOf, type ChangeMarkers, type VerdictInput } from '../../../../main/directory/ldap/change-markers';

/** A REPLPROPERTYMETADATABLOB as Samba returns it: version 1, then 48 bytes per attribute. */
function metadata(entries: [attid: number, version: number][]): Buffer {
  const blob = Buffer.alloc(16 + entries.length * 48);
  blob.writeUInt32LE(1, 0);
  blob.writeUInt32LE(entries.length, 8);
  entries.forEach(([attid, version], i) => {
    blob.writeUInt32LE(attid, 16 + i * 48);
    blob.writeUInt32LE(version, 16 + i * 48 + 4);
  });
  return blob;
}

const UNICODE_PWD = 0x9005a;
const LOCKOUT_TIME = 0x90296;

test('replPropertyMetaData: the version of each attribute; anything else is not read', () => {
  const versions = replicationVersions(metadata([[0x3, 1], [UNICODE_PWD, 7], [LOCKOUT_TIME, 2]]));
  assert.equal(versions?.get(UNICODE_PWD), 7);
  assert.equal(versions?.get(LOCKOUT_TIME), 2);
  assert.equal(replicationVersions(null), null);
  assert.equal(replicationVersions(Buffer.from('not a blob')), null);
  const truncated = metadata([[UNICODE_PWD, 7]]).subarray(0, 40);
  assert.equal(replicationVersions(truncated), null);
});

test('AD markers: pwdLastSet, lockoutTime and the versions of unicodePwd and lockoutTime; uSNChanged', () => {
  const entry = {
    dn: 'CN=A',
    pwdLastSet: '0',
    lockoutTime: '0',
    badPwdCount: '2',
    uSNChanged: '4361',
    replPropertyMetaData: metadata([[UNICODE_PWD, 7], [LOCKOUT_TIME, 1]]),
  };
  assert.deepEqual(adMarkers(entry), { password: '0', lock: '0', failures: 2, passwordVersion: 7, lockVersion: 1, stamp: '4361' });
  // A user whose password was never set has no unicodePwd metadata; a reader denied the metadata gets none.
  assert.equal(adMarkers({ ...entry, replPropertyMetaData: metadata([[0x3, 1]]) }).passwordVersion, 0);
  assert.equal(adMarkers({ dn: 'CN=A', pwdLastSet: '0' }).passwordVersion, null);
});

test('OpenLDAP markers: pwdChangedTime, pwdAccountLockedTime, failures, entryCSN', () => {
  const entry = { dn: 'uid=a', pwdChangedTime: '20261207164537Z', pwdFailureTime: ['20261207164540Z', '20261207164541Z'], entryCSN: '20261207164541.000001Z#000000#000#000000' };
  assert.deepEqual(openLdapMarkers(entry), { password: '20261207164537Z', lock: null, failures: 2, stamp: '20261207164541.000001Z#000000#000#000000' });
});

const sentAt = Date.UTC(2026, 11, 7, 16, 50, 0);
const ad = (before: ChangeMarkers, after: ChangeMarkers, more: Partial<VerdictInput> = {}) =>
  verdictOf({ kind: 'ad', action: 'password.reset', before, after, sameServer: true, sentAt, ...more });

test('AD: a second forced reset moves the unicodePwd version though pwdLastSet stays 0 (B)', () => {
  const before = { password: '0', lock: '0', failures: 0, passwordVersion: 8, lockVersion: 1, stamp: '100' };
  assert.deepEqual(ad(before, { ...before, passwordVersion: 9, stamp: '101' }), { changed: true, by: 'unicodePwd version' });
  assert.deepEqual(ad(before, { ...before, stamp: '101' }), { changed: false, by: 'unicodePwd version' }, 'another write (a bad password) is not a reset');
  assert.equal(ad(before, before, { sameServer: false }), null, '"not changed" on another DC may be replication not yet done');
  assert.deepEqual(ad(before, { ...before, passwordVersion: 9 }, { sameServer: false }), { changed: true, by: 'unicodePwd version' }, 'a change seen anywhere is a change');
});

test('AD without the metadata (older intents): pwdLastSet, then uSNChanged on the same server, else uncertain', () => {
  const before = { password: '0', lock: '0', failures: 0 };
  assert.deepEqual(ad(before, { ...before, password: '134411355379673200' }), { changed: true, by: 'pwdLastSet' });
  assert.deepEqual(ad(before, before), { changed: true, by: 'pwdLastSet', uncertain: true }, '0 → 0 cannot say no');
  assert.deepEqual(ad({ ...before, password: '1344' }, { ...before, password: '1344' }), { changed: false, by: 'pwdLastSet' });
  assert.deepEqual(ad({ ...before, stamp: '5' }, { ...before, stamp: '5' }), { changed: false, by: 'uSNChanged' });
  assert.deepEqual(ad({ ...before, stamp: '5' }, { ...before, stamp: '6' }), { changed: true, by: 'uSNChanged', uncertain: true });
});

test('AD unlock: the lockoutTime version', () => {
  const before = { password: '1', lock: '134411355379673200', failures: 5, passwordVersion: 3, lockVersion: 4 };
  const unlock = (after: ChangeMarkers) => verdictOf({ kind: 'ad', action: 'account.unlock', before, after, sameServer: true, sentAt });
  assert.deepEqual(unlock({ ...before, lock: '0', lockVersion: 5 }), { changed: true, by: 'lockoutTime version' });
  assert.deepEqual(unlock(before), { changed: false, by: 'lockoutTime version' });
});

const ol = (before: ChangeMarkers, after: ChangeMarkers, at = sentAt) =>
  verdictOf({ kind: 'openldap', action: 'password.reset', before, after, sameServer: true, sentAt: at });

test('OpenLDAP: pwdChangedTime moved, or did not long after the last change (a failed bind since changes nothing)', () => {
  const before = { password: '20261207120000Z', lock: null, failures: 0, stamp: '20261207120000.100000Z#000000#000#000000' };
  assert.deepEqual(ol(before, { ...before, password: '20261207165000Z' }), { changed: true, by: 'pwdChangedTime' });
  const failedBind = { ...before, failures: 1, stamp: '20261207165001.000000Z#000000#000#000000' };
  assert.deepEqual(ol(before, failedBind), { changed: false, by: 'pwdChangedTime' });
  assert.deepEqual(ol({ ...before, password: null }, { ...failedBind, password: null }), { changed: false, by: 'pwdChangedTime' }, 'our change would have set it');
});

test('OpenLDAP: within the second of the last password change, entryCSN tells what it can; else counted as made, uncertain', () => {
  const last = '20261207165000Z';
  const at = Date.UTC(2026, 11, 7, 16, 50, 0, 400);
  const before = { password: last, lock: null, failures: 0, stamp: '20261207165000.300000Z#000000#000#000000' };
  assert.deepEqual(ol(before, before, at), { changed: false, by: 'pwdChangedTime' }, 'nothing written since');
  assert.deepEqual(ol(before, { ...before, stamp: '20261207165000.600000Z#000000#000#000000' }, at), { changed: true, by: 'pwdChangedTime', uncertain: true });
  const laterWrite = { ...before, stamp: '20261207165001.000000Z#000000#000#000000' };
  assert.deepEqual(ol(laterWrite, { ...laterWrite, stamp: '20261207165002.000000Z#000000#000#000000' }, at), { changed: false, by: 'pwdChangedTime' }, 'the intent came after a write in a later second');
});

test('OpenLDAP unlock: pwdAccountLockedTime gone or set anew', () => {
  const before = { password: null, lock: '20261207120000Z', failures: 5 };
  const unlock = (after: ChangeMarkers) => verdictOf({ kind: 'openldap', action: 'account.unlock', before, after, sameServer: true, sentAt });
  assert.deepEqual(unlock({ ...before, lock: null }), { changed: true, by: 'pwdAccountLockedTime' });
  assert.deepEqual(unlock({ ...before, lock: '20261207170000Z' }), { changed: true, by: 'pwdAccountLockedTime' });
  assert.deepEqual(unlock(before), { changed: false, by: 'pwdAccountLockedTime' });
});
