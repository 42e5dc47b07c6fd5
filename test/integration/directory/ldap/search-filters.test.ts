/**
 * Issue 17, item 1 on the real servers: an empty search lists every user by
 * name, and the state filters (locked out, disabled, admin roles, temporary
 * password not yet changed; guests and cloud users, which AD and OpenLDAP do
 * not have) narrow it, on the live LDAP search (filter clauses the server
 * applies, each user checked after) and on the app's in-memory index built
 * from the same server, which answer alike.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CachedSearchDirectory } from '../../../../main/app/search-cache/cached-directory';
import { Secret } from '../../../../main/domain/secret';
import type { UserSummary } from '../../../../main/domain/types';
import type { UserFilter } from '../../../../main/domain/user-filter';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import { holdServersForThisFile, localStore, profileOf, serversOrSkip, type Kind } from './servers';

holdServersForThisFile();

const ALL = { limit: 1000, offset: 0 };
const upns = (users: UserSummary[]) => users.map((u) => u.upn.toLowerCase());

for (const kind of ['ad', 'openldap'] as const satisfies Kind[]) {
  test(`${kind}: everyone by name with no text, and each state filter, live and from the index alike`, async (t) => {
    const servers = serversOrSkip(t);
    if (!servers) return;
    const side = servers[kind];
    const store = localStore(t);
    const profile = profileOf(servers, kind);
    const inner = new LdapUserDirectory({ profile, local: store.local });
    const auth = new LdapAuthenticator({ profile, local: store.local, directory: inner });
    const { credential } = await auth.signIn(side.users.helpdesk!, new Secret(side.userPassword));
    const openIds: string[] = [];
    const cached = new CachedSearchDirectory(inner, { openTemporaryIds: () => openIds });
    await cached.ready(credential!);
    const live = inner.as(credential!);
    const indexed = cached.as(credential!);
    const both = async (query: string, filter?: UserFilter) => {
      const fromServer = await live.searchUsers(query, ALL, filter);
      const fromIndex = await indexed.searchUsers(query, ALL, filter);
      const label = `${kind} "${query}" ${JSON.stringify(filter ?? {})}`;
      assert.deepEqual(new Set(upns(fromIndex.users)), new Set(upns(fromServer.users)), `${label}: the index finds what the server finds`);
      return fromServer.users;
    };

    // Everyone, by name, page after page.
    const everyone = await live.searchUsers('', { limit: 1000, offset: 0 });
    assert.ok(everyone.users.length > 20);
    const names = everyone.users.map((u) => u.displayName);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)), 'by name');
    assert.deepEqual((await live.searchUsers('', { limit: 10, offset: 10 })).users, everyone.users.slice(10, 20), 'pages follow');
    const indexedEveryone = await indexed.searchUsers('', { limit: 1000, offset: 0 });
    assert.deepEqual(new Set(upns(indexedEveryone.users)), new Set(upns(everyone.users)), 'the index lists the same users');

    const locked = await both('', { locked: true });
    assert.ok(upns(locked).includes(side.users.locked!.toLowerCase()), 'the locked-out case user');
    assert.ok(locked.every((u) => u.locked));
    const disabled = await both('', { disabled: true });
    assert.ok(upns(disabled).includes(side.users.disabled!.toLowerCase()), 'the disabled case user');
    assert.ok(disabled.every((u) => !u.enabled));
    assert.ok(!upns(disabled).includes(side.users.locked!.toLowerCase()), 'a lockout is not "disabled"');
    const admins = await both('', { admins: true });
    assert.ok(upns(admins).includes(side.users.helpdesk!.toLowerCase()) && upns(admins).includes(side.users.globaladmin!.toLowerCase()));
    assert.ok(admins.every((u) => u.roles.length > 0));
    assert.ok(!upns(admins).includes(side.users.plain!.toLowerCase()));
    assert.deepEqual(await both('', { guests: true }), [], 'no guests in AD or OpenLDAP');
    assert.deepEqual(await both('', { source: 'cloud' }), []);
    assert.equal((await both('', { source: 'onPremises' })).length, everyone.users.length);
    // With text: the filter and the words together.
    assert.deepEqual(upns(await both('locked', { locked: true })), [side.users.locked!.toLowerCase()]);
    assert.deepEqual(await both('adele', { locked: true }), []);

    // Open temporary passwords are the local file's: issued for Adele, she is listed.
    const adele = everyone.users.find((u) => u.upn.toLowerCase() === side.users.plain!.toLowerCase())!;
    assert.deepEqual(await both('', { temporaryPassword: true }), [], 'none issued');
    store.local.temporaryPasswords.issue({
      targetId: adele.id,
      targetUpn: adele.upn,
      issuedAt: store.local.clock(),
      issuedById: 'agent',
      issuedByUpn: side.users.helpdesk!,
      expiresAt: null,
      deliveredTo: null,
      forceChange: true,
    });
    openIds.push(adele.id);
    assert.deepEqual(upns(await both('', { temporaryPassword: true })), [adele.upn.toLowerCase()]);
    assert.deepEqual(upns(await both('ade', { temporaryPassword: true, admins: true })), []);
  });
}
