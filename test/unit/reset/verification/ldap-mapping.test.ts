import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapAdUser } from '../../../../main/directory/ldap/ad-mapping';
import { mapOpenLdapUser } from '../../../../main/directory/ldap/openldap-mapping';
import { parseLdapProfile, verificationAttributes } from '../../../../main/directory/ldap/profile';
import { schemaFor } from '../../../../main/directory/ldap/schema';
import { entryContactPoints } from '../../../../main/directory/ldap/verification-mapping';

const base = { name: 'p', urls: ['ldaps://dc.x.test'], baseDn: 'DC=x,DC=test' };

test('default verification attributes: AD otherMailbox + mobile; OpenLDAP mobile only; a profile may name its own', () => {
  assert.deepEqual(verificationAttributes(parseLdapProfile({ ...base, type: 'ad' })), { email: ['otherMailbox'], sms: ['mobile'] });
  assert.deepEqual(verificationAttributes(parseLdapProfile({ ...base, type: 'openldap' })), { email: [], sms: ['mobile'] });
  const custom = parseLdapProfile({ ...base, type: 'openldap', verification: { email: ['mail'] } });
  assert.deepEqual(verificationAttributes(custom), { email: ['mail'], sms: ['mobile'] });
  assert.throws(() => parseLdapProfile({ ...base, type: 'ad', verification: { email: ['bad)(attr'] } }));
  assert.throws(() => parseLdapProfile({ ...base, type: 'ad', verification: { voice: ['x'] } }), 'strict: unknown kinds are refused');
  // The attributes are read with every user.
  assert.ok(schemaFor(custom).attributes.includes('mail'));
  assert.ok(schemaFor(parseLdapProfile({ ...base, type: 'ad' })).attributes.includes('otherMailbox'));
});

const adEntry = {
  dn: 'CN=A,OU=U,DC=x',
  objectGUID: Buffer.alloc(16, 1),
  userPrincipalName: 'adele@x.test',
  mail: 'adele@x.test',
  mobile: '+1 206 555 0143',
  otherMailbox: ['adele.home@example.net'],
  userAccountControl: '512',
};

test('AD: otherMailbox and mobile become masked verification methods; the mobile field is masked too; main gets them in clear', () => {
  const user = mapAdUser(adEntry, {}, 0, null, { email: ['otherMailbox'], sms: ['mobile'] })!;
  assert.deepEqual(
    user.contactMethods.map((c) => [c.kind, c.value, c.verification]),
    [
      ['email', 'adele@x.test', false],
      ['mobilePhone', '+1 ••• ••• 0143', true],
      ['alternateEmail', 'a•••@example.net', true],
    ],
  );
  assert.equal(user.mobilePhone, '+1 ••• ••• 0143');
  assert.equal(user.mail, 'adele@x.test', 'the work mailbox is no verification method: shown as it is');
  const points = entryContactPoints(adEntry, { email: ['otherMailbox'], sms: ['mobile'] });
  assert.deepEqual(points.emails, [
    { address: 'adele@x.test', verification: false },
    { address: 'adele.home@example.net', verification: true },
  ]);
  assert.deepEqual(points.phones, [{ number: '+1 206 555 0143', verification: true }]);
  assert.equal(points.authenticator, null);
});

test('without a mapping nothing is a verification method (as before)', () => {
  const user = mapAdUser(adEntry, {}, 0, null)!;
  assert.ok(user.contactMethods.every((c) => !c.verification));
  assert.equal(user.mobilePhone, '+1 206 555 0143');
  const ol = mapOpenLdapUser({ dn: 'uid=a', entryUUID: 'u-1', mail: 'a@x.test', mobile: '+1 206 555 0143' }, 'mail', {}, 0, null, {
    email: [],
    sms: ['mobile'],
  })!;
  assert.deepEqual(ol.contactMethods.filter((c) => c.verification).map((c) => c.kind), ['mobilePhone']);
});
