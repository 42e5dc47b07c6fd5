import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ldapProfileSchema } from '../../../main/directory/ldap/profile';
import type { AppState } from '../../../main/ipc/contract';
import { directoryLine, signInTarget } from '../../../renderer/format';
import {
  emptyForm,
  fieldsNamedIn,
  formOf,
  problemsOf,
  profileOf,
  ROLE_NAMES,
  signInDnText,
} from '../../../renderer/screens/directories/profile-form';

const GROUP = 'CN=Helpdesk Admins,OU=Groups,DC=corp,DC=example';

describe('the connection form', () => {
  it('turns what was typed into a profile main accepts, optional fields left out when empty', () => {
    const values = { ...emptyForm('ad'), name: ' Corp AD ', urls: 'ldaps://dc1:636\n\n ldaps://dc2:636 ', baseDn: 'DC=corp,DC=example' };
    values.roleGroups = [{ ...values.roleGroups[0]!, dn: GROUP, role: 'Helpdesk Administrator' }];
    const profile = profileOf(values);
    assert.deepEqual(profile, {
      name: 'Corp AD',
      type: 'ad',
      urls: ['ldaps://dc1:636', 'ldaps://dc2:636'],
      startTls: false,
      baseDn: 'DC=corp,DC=example',
      roleGroups: { [GROUP]: 'Helpdesk Administrator' },
    });
    assert.equal(ldapProfileSchema.safeParse(profile).success, true);
  });

  it('edits a stored profile back to the same profile, keeping what the form does not show', () => {
    const stored = ldapProfileSchema.parse({
      name: 'Lab',
      type: 'openldap',
      urls: ['ldap://ol:389'],
      startTls: true,
      baseDn: 'dc=ol,dc=test',
      usersDn: 'ou=people,dc=ol,dc=test',
      caFile: '/etc/ca.pem',
      upnAttribute: 'uid',
      timeoutMs: 2000,
      roleGroups: { 'cn=a,dc=ol,dc=test': 'Global Administrator' },
    });
    assert.deepEqual(ldapProfileSchema.parse(profileOf(formOf(stored), stored)), stored);
    // An emptied optional field is dropped, so main's default applies.
    const cleared = profileOf({ ...formOf(stored), usersDn: '', caFile: '' }, stored);
    assert.equal(ldapProfileSchema.parse(cleared).usersDn, 'dc=ol,dc=test');
    assert.equal('caFile' in cleared, false);
  });

  it('says what is plainly missing, per field; StartTLS only counts for ldap:// URLs', () => {
    assert.deepEqual(Object.keys(problemsOf(emptyForm('openldap'))).sort(), ['baseDn', 'name', 'urls']);
    assert.match(problemsOf({ ...emptyForm('ad'), urls: 'dc1.corp:636' }).urls ?? '', /ldaps:\/\//);
    const twice = { ...emptyForm('ad'), roleGroups: [...emptyForm('ad').roleGroups, ...emptyForm('ad').roleGroups].map((r, i) => ({ ...r, key: i, dn: GROUP })) };
    assert.match(problemsOf(twice).roleGroups ?? '', /twice/);
    const values = { ...emptyForm('ad'), name: 'x', urls: 'ldaps://dc1:636', baseDn: 'DC=x', startTls: true };
    assert.equal(profileOf(values).startTls, false);
  });

  it('refuses an ldap:// URL without StartTLS next to the URLs, as main\'s schema does (issue 16, M)', () => {
    const plain = { ...emptyForm('openldap'), name: 'ol', urls: 'ldaps://ol1:636\nldap://ol2:389', baseDn: 'dc=x' };
    assert.match(problemsOf(plain).urls ?? '', /ldap:\/\/ URL sends passwords in clear: use ldaps:\/\/, or tick Use StartTLS/);
    const refused = ldapProfileSchema.safeParse(profileOf(plain));
    assert.deepEqual(refused.error?.issues.map((i) => i.path), [['urls']], 'main refuses the same profile, by its URLs');
    assert.equal(problemsOf({ ...plain, startTls: true }).urls, undefined);
    assert.equal(ldapProfileSchema.safeParse(profileOf({ ...plain, startTls: true })).success, true);
  });

  it("offers every role main knows, and maps main's INVALID_INPUT paths to the form's fields", () => {
    assert.ok(ROLE_NAMES.includes('Helpdesk Administrator') && ROLE_NAMES.includes('Global Administrator'));
    assert.deepEqual(fieldsNamedIn('The request is not valid. Check: profile.urls.0, profile.baseDn, profile.roleGroups.x.'), ['urls', 'baseDn', 'roleGroups']);
    assert.deepEqual(fieldsNamedIn('A directory named Corp AD exists.'), []);
  });
});

describe('which directory is in use, in words', () => {
  const base: AppState = { directory: 'ready', location: '/data/local.sqlite', tenantName: 'Contoso', directoryKind: 'embedded', directoryCapabilities: null, directoryName: null, directoryLocation: '/data/local.sqlite' };
  it('status bar: kind · name · where', () => {
    assert.equal(directoryLine(base), 'Embedded · Contoso · /data/local.sqlite');
    assert.equal(
      directoryLine({ ...base, directoryKind: 'ad', directoryName: 'Corp AD', directoryLocation: 'ldaps://dc1:636 ldaps://dc2:636' }),
      'Active Directory · Corp AD · ldaps://dc1:636, ldaps://dc2:636',
    );
    assert.equal(directoryLine({ ...base, directoryKind: 'openldap', directoryName: 'Lab', directoryLocation: 'ldaps://ol:636' }), 'OpenLDAP · Lab · ldaps://ol:636');
  });
  it('sign-in screen: name and kind', () => {
    assert.equal(signInTarget({ ...base, directoryKind: 'ad', directoryName: 'Corp AD' }), 'Corp AD (Active Directory)');
    assert.equal(signInTarget(base), 'Contoso (embedded directory)');
  });
});

describe("the Directories screen's sign-in DN", () => {
  it('says how an agent is found: AD by the UPN, OpenLDAP by a search (anonymous, else the service account) unless a template is set', () => {
    const ol = { type: 'openldap', bind: 'agent', upnAttribute: 'mail' } as const;
    assert.equal(signInDnText({ ...ol, type: 'ad', upnAttribute: 'userPrincipalName' }), 'The UPN itself');
    assert.equal(signInDnText(ol), 'Found by a search on mail under the base DN (anonymously)');
    assert.equal(signInDnText({ ...ol, bind: 'service' }), 'Found by a search on mail under the base DN (anonymously, else as the service account)');
    assert.equal(signInDnText({ ...ol, userDnTemplate: 'uid={local},ou=helpdesk,dc=contoso,dc=com' }), 'From the template uid={local},ou=helpdesk,dc=contoso,dc=com');
  });
});
