/** The state filters as LDAP clauses (state-clauses.ts), written out as RFC 4515 strings. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toFilterString, type FilterNode } from '../../../../main/directory/ldap/filter';
import { adStateClauses, openLdapStateClauses, type StateClauseContext } from '../../../../main/directory/ldap/state-clauses';

const context: StateClauseContext = {
  roleGroups: { 'CN=Helpdesk,DC=x': 'Helpdesk Administrator', 'CN=Global (Admins),DC=x': 'Global Administrator' },
  openTemporaryIds: ['u-1', 'bad id'],
  refFilter: (ref) => ('id' in ref && ref.id.startsWith('u-') ? { equals: 'entryUUID', value: ref.id } : null),
};
const written = (clauses: FilterNode[] | null) => clauses?.map(toFilterString) ?? null;

test('Active Directory: lockoutTime set, the disabled bit, the role groups, the open temporary passwords', () => {
  assert.deepEqual(written(adStateClauses({ locked: true, disabled: true }, context)), [
    '(lockoutTime>=1)',
    '(userAccountControl:1.2.840.113556.1.4.803:=2)',
  ]);
  assert.deepEqual(written(adStateClauses({ admins: true }, context)), ['(|(memberOf=CN=Helpdesk,DC=x)(memberOf=CN=Global \\28Admins\\29,DC=x))']);
  assert.deepEqual(written(adStateClauses({ temporaryPassword: true }, context)), ['(entryUUID=u-1)'], 'an id it cannot name is left out');
  assert.deepEqual(written(adStateClauses({ temporaryPassword: true }, { ...context, openTemporaryIds: null })), [], 'too many: checked after');
  assert.deepEqual(written(adStateClauses({ source: 'onPremises' }, context)), []);
});

test('OpenLDAP: a lock time other than the administrative one, and the administrative one for disabled', () => {
  assert.deepEqual(written(openLdapStateClauses({ locked: true }, context)), ['(&(pwdAccountLockedTime=*)(!(pwdAccountLockedTime=000001010000Z)))']);
  assert.deepEqual(written(openLdapStateClauses({ disabled: true }, context)), ['(pwdAccountLockedTime=000001010000Z)']);
});

test('nothing is asked where no user can be in that state', () => {
  for (const clauses of [adStateClauses, openLdapStateClauses]) {
    assert.equal(clauses({ guests: true }, context), null);
    assert.equal(clauses({ source: 'cloud' }, context), null);
    assert.equal(clauses({ admins: true }, { ...context, roleGroups: {} }), null);
    assert.equal(clauses({ temporaryPassword: true }, { ...context, openTemporaryIds: [] }), null);
  }
});
