import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLocked, sourceLabel, type DirectoryShown } from '../../../renderer/format';
import { userBadges } from '../../../renderer/screens/users/user-badges';
import type { UserSummary } from '../../../main/domain/types';

const synced: UserSummary = {
  id: '00000000-0000-4000-8000-000000000001', upn: 'megan@corp.example', displayName: 'Megan Bowen', mail: null,
  department: null, source: 'onPremises', userType: 'member', domainType: 'managed', adminCount: 0, roles: [],
  enabled: true, locked: false, lockedUntil: null,
};

/** What each provider declares (sqlite-directory.ts, ldap-directory.ts), as AppState carries it. */
const ENTRA_LIKE = { syncedFromOnPremises: true, reportsFirstUse: true, readableByFileOwner: true };
const OWN = { syncedFromOnPremises: false, reportsFirstUse: false, readableByFileOwner: false };
const shown = (directoryKind: DirectoryShown['directoryKind'], directoryCapabilities: DirectoryShown['directoryCapabilities']): DirectoryShown => ({
  directoryKind,
  directoryCapabilities,
});

test('an on-premises user is a synced copy in the embedded directory, and simply AD or OpenLDAP\'s own user there', () => {
  assert.equal(sourceLabel('onPremises', shown('embedded', ENTRA_LIKE)), 'Windows Server AD (synced)');
  assert.equal(sourceLabel('onPremises', shown('ad', OWN)), 'Windows Server AD');
  assert.equal(sourceLabel('onPremises', shown('openldap', OWN)), 'OpenLDAP');
  assert.equal(sourceLabel('cloud', shown(null, null)), 'Cloud', 'no directory open yet: the user\'s own source');
  assert.deepEqual(userBadges(synced, 0).map((b) => b.label), ['Synced']);
  assert.deepEqual(userBadges(synced, 0, false).map((b) => b.label), [], 'no "Synced" badge on a real directory');
});

test('a lock with no end main knows of (OpenLDAP without the policy\'s duration) is shown locked, flagged, and can be lifted', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');
  const noEnd = { ...synced, locked: true, lockedUntil: null };
  assert.equal(isLocked(noEnd, now), true);
  assert.deepEqual(userBadges(noEnd, now, false).map((b) => b.label), ['Locked']);
  assert.equal(isLocked({ ...synced, locked: true, lockedUntil: '2026-12-01T09:59:00Z' }, now), false, 'an end that has passed');
  assert.equal(isLocked({ ...synced, locked: false, lockedUntil: null }, now), false);
});

test('the source of authority follows what the directory declares; its kind only names it', () => {
  // An Entra-like directory named "ad" still shows each user's own source; a directory that is the users' own, named "embedded", names itself.
  assert.equal(sourceLabel('onPremises', shown('ad', ENTRA_LIKE)), 'Windows Server AD (synced)');
  assert.equal(sourceLabel('cloud', shown('embedded', OWN)), 'Embedded directory');
});
