import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidCredentialsError, InsufficientAccessError, ConstraintViolationError, UnwillingToPerformError } from 'ldapts';
import { guidToBytes, guidToString, mapAdUser } from '../../../../main/directory/ldap/ad-mapping';
import { fileTimeToMs, generalizedTimeToMs, msToFileTime, rolesOf } from '../../../../main/directory/ldap/entry';
import { toDirectoryError, adDataCode, signInResultOfAdCode } from '../../../../main/directory/ldap/ldap-errors';
import { lockStateOf, ADMIN_LOCKED_TIME } from '../../../../main/directory/ldap/openldap-mapping';
import { parseLdapProfile, signInDnRule, userDnOf, profileIsEncrypted } from '../../../../main/directory/ldap/profile';

test('objectGUID bytes and text round-trip (Samba: d1 14 00 e8 8c 90 80 42 …)', () => {
  const bytes = Buffer.from('d11400e88c908042a385cf1f0f7fb69f', 'hex');
  assert.equal(guidToString(bytes), 'e80014d1-908c-4280-a385-cf1f0f7fb69f');
  assert.deepEqual(guidToBytes('e80014d1-908c-4280-a385-cf1f0f7fb69f'), bytes);
  assert.equal(guidToBytes('*'), null);
});

test('FILETIME and GeneralizedTime', () => {
  assert.equal(fileTimeToMs(0n), null);
  assert.equal(fileTimeToMs(0x7fffffffffffffffn), null);
  assert.equal(fileTimeToMs(msToFileTime(1_700_000_000_000)), 1_700_000_000_000);
  assert.equal(generalizedTimeToMs('20261201115220.0Z'), Date.UTC(2026, 11, 1, 11, 52, 20));
  assert.equal(generalizedTimeToMs('20261201115306Z'), Date.UTC(2026, 11, 1, 11, 53, 6));
});

test('AD entry: disabled, never-expires overrides pwdLastSet=0, lock from the computed flag, roles case-insensitively', () => {
  const user = mapAdUser(
    {
      dn: 'CN=A,OU=U,DC=x',
      objectGUID: Buffer.alloc(16, 1),
      userPrincipalName: 'a@x.test',
      userAccountControl: String(0x2 | 0x10000 | 0x200),
      'msDS-User-Account-Control-Computed': '16',
      lockoutTime: String(msToFileTime(1000)),
      pwdLastSet: '0',
      badPwdCount: '5',
      memberOf: ['cn=helpdesk,ou=g,dc=x'],
    },
    { 'CN=Helpdesk, OU=G, DC=x': 'Helpdesk Administrator' },
    2000,
    { lockoutDurationMs: 1800_000, lockoutThreshold: 5, minPwdLength: 8, pwdHistoryLength: 5, complexity: true },
  )!;
  assert.equal(user.enabled, false);
  assert.equal(user.passwordNeverExpires, true);
  assert.equal(user.forceChangeNextSignIn, false);
  assert.equal(user.locked, true);
  assert.equal(user.lockedUntil, new Date(1000 + 1800_000).toISOString());
  assert.equal(user.failedAttempts, 5);
  assert.deepEqual(user.roles, ['Helpdesk Administrator']);
  assert.equal(user.domain, 'x.test');
  assert.deepEqual(rolesOf(['CN=other'], {}), []);
});

test('ppolicy lock: administrative (disabled), timed, run out, permanent', () => {
  const policy = { dn: 'p', minLength: 8, inHistory: 5, maxFailure: 5, lockoutDuration: 60, maxAge: 0, lockout: true };
  const at = Date.UTC(2026, 0, 1, 0, 0, 0);
  assert.deepEqual(lockStateOf(ADMIN_LOCKED_TIME, policy, at), { administrative: true, locked: false, lockedUntil: null });
  assert.deepEqual(lockStateOf('20260101000000Z', policy, at + 1000), { administrative: false, locked: true, lockedUntil: at + 60_000 });
  assert.equal(lockStateOf('20260101000000Z', policy, at + 61_000).locked, false);
  assert.equal(lockStateOf('20260101000000Z', { ...policy, lockoutDuration: 0 }, at + 1e9).locked, true);
});

test('error mapping: Samba bind texts, 50, 19, 53, network and certificate errors', () => {
  const samba = (data: string) => new InvalidCredentialsError(`80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data ${data}, v1db1`);
  assert.equal(adDataCode(samba('773').message), '773');
  assert.deepEqual(['52e', '773', '532', '775', '533'].map((d) => toDirectoryError(samba(d), 'connect').code), [
    'AUTH_FAILED', 'PASSWORD_CHANGE_REQUIRED', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'ACCOUNT_DISABLED',
  ]);
  assert.equal(signInResultOfAdCode('775'), 'locked');
  assert.equal(toDirectoryError(new InsufficientAccessError('x'), 'write').code, 'DIRECTORY_ACCESS_DENIED');
  const policy = toDirectoryError(new ConstraintViolationError('0000052D: Constraint violation - check_password_restrictions: the password is too short.'), 'write');
  assert.equal(policy.code, 'POLICY_VIOLATION');
  assert.match(policy.message, /the password is too short/);
  assert.equal(toDirectoryError(new UnwillingToPerformError('Password modification requires an encrypted connection (TLS)'), 'write').code, 'DIRECTORY_TLS_REQUIRED');
  assert.equal(toDirectoryError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'connect').code, 'DIRECTORY_UNREACHABLE');
  assert.equal(toDirectoryError(Object.assign(new Error('x'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'connect').code, 'DIRECTORY_CERTIFICATE');
  assert.equal(toDirectoryError(new Error('Connection closed before message response was received.'), 'write').code, 'DIRECTORY_CONNECTION_LOST');
  assert.equal(toDirectoryError(new Error('ModifyRequest: Operation timed out'), 'write').code, 'DIRECTORY_CONNECTION_LOST');
  assert.equal(toDirectoryError(new Error('Connection timeout'), 'connect').code, 'DIRECTORY_UNREACHABLE');
});

test('profile: defaults, UPN attribute, service mode needs its DN, URLs and DN templates escape', () => {
  const ad = parseLdapProfile({ name: 'AD', type: 'ad', urls: ['ldaps://dc1.contoso.com'], baseDn: 'DC=contoso,DC=com' });
  assert.equal(ad.upnAttribute, 'userPrincipalName');
  assert.equal(ad.bind, 'agent');
  assert.equal(ad.connectTimeoutMs, 5000);
  assert.equal(ad.timeoutMs, 10000);
  assert.equal(ad.searchSizeLimit, 200);
  assert.equal(profileIsEncrypted(ad), true);
  const ol = parseLdapProfile({ name: 'OL', type: 'openldap', urls: ['ldap://ol:389'], startTls: true, baseDn: 'dc=x', usersDn: 'ou=people,dc=x' });
  assert.equal(ol.upnAttribute, 'mail');
  assert.equal(userDnOf(ol, 'a,b=c@x'), 'uid=a\\,b\\=c,ou=people,dc=x');
  assert.throws(() => parseLdapProfile({ ...ol, bind: 'service' }));
  assert.throws(() => parseLdapProfile({ ...ol, urls: ['http://x'] }));
  assert.throws(() => parseLdapProfile({ ...ad, upnAttribute: 'mail' }));
  assert.equal(profileIsEncrypted({ urls: ['ldap://x'], startTls: false }), false);
});

test("profile: how the sign-in DN is had, in words (directory list): AD the UPN; OpenLDAP a search, unless a template is set", () => {
  const base = { name: 'OL', type: 'openldap', urls: ['ldaps://ol'], baseDn: 'dc=contoso,dc=com' } as const;
  assert.equal(signInDnRule(parseLdapProfile({ ...base, type: 'ad' })), 'the UPN');
  assert.equal(signInDnRule(parseLdapProfile(base)), 'found by mail under dc=contoso,dc=com (anonymously; else uid={local},dc=contoso,dc=com)');
  assert.equal(
    signInDnRule(parseLdapProfile({ ...base, bind: 'service', serviceAccountDn: 'cn=reader,dc=contoso,dc=com', usersDn: 'ou=people,dc=contoso,dc=com' })),
    'found by mail under dc=contoso,dc=com (anonymously, else as the service account; else uid={local},ou=people,dc=contoso,dc=com)',
  );
  assert.equal(signInDnRule(parseLdapProfile({ ...base, userDnTemplate: 'uid={local},ou=helpdesk,dc=contoso,dc=com' })), 'the template uid={local},ou=helpdesk,dc=contoso,dc=com');
});
