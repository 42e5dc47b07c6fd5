import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourceLabel } from '../../../renderer/format';
import { userBadges } from '../../../renderer/screens/users/user-badges';
import type { UserSummary } from '../../../main/domain/types';

const synced: UserSummary = {
  id: '00000000-0000-4000-8000-000000000001', upn: 'megan@corp.example', displayName: 'Megan Bowen', mail: null,
  department: null, source: 'onPremises', userType: 'member', domainType: 'managed', adminCount: 0, roles: [],
  enabled: true, locked: false, lockedUntil: null,
};

test('an on-premises user is a synced copy in the embedded directory, and simply AD or OpenLDAP\'s own user there', () => {
  assert.equal(sourceLabel('onPremises', 'embedded'), 'Windows Server AD (synced)');
  assert.equal(sourceLabel('onPremises', 'ad'), 'Windows Server AD');
  assert.equal(sourceLabel('onPremises', 'openldap'), 'OpenLDAP');
  assert.deepEqual(userBadges(synced, 0).map((b) => b.label), ['Synced']);
  assert.deepEqual(userBadges(synced, 0, false).map((b) => b.label), [], 'no "Synced" badge on a real directory');
});
