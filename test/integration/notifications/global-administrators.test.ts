/**
 * globalAdministrators(): who hears of an administrator's reset. The embedded
 * file (users holding the role, enabled, at most 100), and the real Samba AD
 * DC and slapd (members of the profile's Global Administrator role group, as
 * sign-in maps roles; disabled members left out).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Change, Attribute } from 'ldapts';
import { initDirectory } from '../../../main/app/init-directory';
import { LdapAuthenticator } from '../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../main/directory/ldap/ldap-directory';
import { SqliteUserDirectory } from '../../../main/directory/sqlite/sqlite-directory';
import type { NewUser } from '../../../main/domain/new-user';
import { ROLES } from '../../../main/domain/roles';
import { Secret } from '../../../main/domain/secret';
import { FAST_HASHER, sampleDirectory, tempDir } from '../../support/fixtures';
import { adminRead, holdServersForThisFile, localStore, profileOf, rawClient, serversOrSkip, type Kind, type Servers } from '../directory/ldap/servers';

holdServersForThisFile();

function newUser(n: number, overrides: Partial<NewUser>): NewUser {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    upn: `admin${String(n).padStart(3, '0')}@fabrikam.com`,
    displayName: `Admin ${n}`,
    givenName: 'Admin', surname: String(n), mail: `admin${n}@mail.fabrikam.com`,
    mobilePhone: null, businessPhone: null, department: null, jobTitle: null,
    source: 'cloud', userType: 'member', guestHome: null, adminCount: 0, enabled: true,
    passwordNeverExpires: false, forceChangeNextSignIn: false,
    passwordLastSet: null, createdAt: '2026-01-01T00:00:00.000Z',
    lockedUntil: null, failedAttempts: 0, lockoutCount: 0,
    roles: [ROLES.globalAdministrator], groups: [], authMethods: [],
    ...overrides,
  };
}

test('embedded: the sample tenant\'s Global Administrators, with their mail', async () => {
  const sample = await sampleDirectory();
  try {
    const admins = await sample.services.directory.as(null).globalAdministrators();
    const expected = [...sample.accounts.values()].filter((a) => a.roles.includes(ROLES.globalAdministrator));
    assert.ok(expected.length > 0);
    assert.deepEqual(admins.map((a) => a.upn).sort(), expected.map((a) => a.upn).sort());
    for (const admin of admins) {
      const user = await sample.services.directory.as(null).getUser({ upn: admin.upn });
      assert.equal(admin.displayName, user!.displayName);
      assert.ok(admin.mail === null || /@/.test(admin.mail));
    }
    // A Helpdesk Administrator is an administrator, not a Global one.
    assert.ok(!admins.some((a) => a.upn === 'helpdesk.admin@contoso.com'));
  } finally {
    sample.close();
  }
});

test('embedded: enabled holders only, no mail means null, and at most 100 of them', async () => {
  const dir = tempDir();
  const { store } = await initDirectory(join(dir.path, 'd.sqlite'), { kind: 'empty', tenantName: 'Fabrikam', domain: 'fabrikam.com' }, { hasher: FAST_HASHER });
  try {
    store.transaction(() => {
      const writer = store.users.bulkWriter();
      for (let n = 1; n <= 104; n++) writer.insert(newUser(n, {}), null);
      writer.insert(newUser(200, { upn: 'aaa.disabled@fabrikam.com', enabled: false }), null);
      writer.insert(newUser(201, { upn: 'aaa.nomail@fabrikam.com', mail: null }), null);
      writer.insert(newUser(202, { upn: 'aaa.helpdesk@fabrikam.com', roles: [ROLES.helpdeskAdministrator] }), null);
      writer.flush();
    });
    const admins = await new SqliteUserDirectory(store, FAST_HASHER).globalAdministrators();
    assert.equal(admins.length, 100, 'capped at 100');
    assert.ok(!admins.some((a) => a.upn === 'aaa.disabled@fabrikam.com'), 'a disabled Global Administrator is left out');
    assert.ok(!admins.some((a) => a.upn === 'aaa.helpdesk@fabrikam.com'), 'another role is left out');
    assert.deepEqual(admins[0], { upn: 'aaa.nomail@fabrikam.com', displayName: 'Admin 201', mail: null });
    assert.deepEqual(admins[1], { upn: 'admin001@fabrikam.com', displayName: 'Admin 1', mail: 'admin1@mail.fabrikam.com' });
  } finally {
    store.close();
    dir.cleanup();
  }
});

/** The DN of a seeded case user, from the server's side. */
function caseDn(servers: Servers, kind: Kind, local: string, given: string, sn: string): string {
  return kind === 'ad' ? `CN=${given} ${sn},${servers.ad.usersDn}` : `uid=${local},${servers.openldap.usersDn}`;
}

async function membership(servers: Servers, kind: Kind, group: string, member: string, operation: 'add' | 'delete'): Promise<void> {
  const client = rawClient(servers, kind);
  try {
    await client.bind(servers[kind].admin.dn, servers[kind].admin.password);
    await client.modify(group, [new Change({ operation, modification: new Attribute({ type: 'member', values: [member] }) })]);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

for (const kind of ['ad', 'openldap'] as const satisfies Kind[]) {
  test(`${kind}: the members of the Global Administrator role group, enabled ones, read as an agent`, async (t) => {
    const servers = serversOrSkip(t);
    if (!servers) return;
    const side = servers[kind];
    const store = localStore(t);
    const profile = profileOf(servers, kind);
    const directory = new LdapUserDirectory({ profile, stores: store.stores });
    const outcome = await new LdapAuthenticator({ profile, stores: store.stores, directory }).signIn(side.users.helpdesk!, new Secret(side.userPassword));
    assert.equal(outcome.result, 'ok');
    const view = directory.as(outcome.credential!);

    const seeded = await view.globalAdministrators();
    const entry = await adminRead(servers, kind, side.users.globaladmin!, ['mail', 'displayName']);
    assert.deepEqual(seeded, [{ upn: side.users.globaladmin!, displayName: 'Global Admin', mail: String(entry.mail) }]);

    const group = Object.entries(side.roleGroups).find(([, role]) => role === ROLES.globalAdministrator)![0];
    const adele = caseDn(servers, kind, 'adele.vance', 'Adele', 'Vance');
    const disabled = caseDn(servers, kind, 'disabled.user', 'Disabled', 'User');
    await membership(servers, kind, group, adele, 'add');
    await membership(servers, kind, group, disabled, 'add');
    try {
      const upns = (await view.globalAdministrators()).map((a) => a.upn);
      assert.deepEqual(upns, [side.users.plain!, side.users.globaladmin!].sort(), 'a new member is one; a disabled member is not');
    } finally {
      await membership(servers, kind, group, adele, 'delete');
      await membership(servers, kind, group, disabled, 'delete');
    }

    // A profile that maps no group to the role has no Global Administrators to tell.
    const unmapped = Object.fromEntries(Object.entries(side.roleGroups).filter(([, role]) => role !== ROLES.globalAdministrator));
    const bare = new LdapUserDirectory({ profile: profileOf(servers, kind, { roleGroups: unmapped }), stores: store.stores });
    assert.deepEqual(await bare.as(outcome.credential!).globalAdministrators(), []);
  });
}
