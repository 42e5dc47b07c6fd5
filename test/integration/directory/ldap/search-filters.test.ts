/**
 * Issue 17, item 1 on the real servers: an empty search lists every user by
 * name, and the state filters (locked out, disabled, admin roles, temporary
 * password not yet changed; guests and cloud users, which AD and OpenLDAP do
 * not have) narrow it, on the live LDAP search (filter clauses the server
 * applies, each user checked after) and on the local replica synced from
 * the same server (issue 18), which answer alike, for every query and filter.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replicaSearch, syncOnce } from '../../../../main/app/replica/sync-once';
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
  test(`${kind}: everyone by name with no text, and each state filter, live and from the replica alike`, async (t) => {
    const servers = serversOrSkip(t);
    if (!servers) return;
    const side = servers[kind];
    const store = localStore(t);
    const profile = profileOf(servers, kind);
    const inner = new LdapUserDirectory({ profile, stores: store.stores });
    const auth = new LdapAuthenticator({ profile, stores: store.stores, directory: inner });
    const { credential } = await auth.signIn(side.users.helpdesk!, new Secret(side.userPassword));
    await syncOnce(store, profile, inner, credential!);
    const replica = replicaSearch(store, profile.name)!.search;
    const live = inner.as(credential!);
    const both = async (query: string, filter?: UserFilter) => {
      const fromServer = await live.searchUsers(query, ALL, filter);
      const fromReplica = replica.search(query, ALL, store.stores.clock(), filter);
      const label = `${kind} "${query}" ${JSON.stringify(filter ?? {})}`;
      assert.deepEqual(new Set(upns(fromReplica.users)), new Set(upns(fromServer.users)), `${label}: the replica finds what the server finds`);
      return fromServer.users;
    };

    // Everyone, by name, page after page.
    const everyone = await live.searchUsers('', { limit: 1000, offset: 0 });
    assert.ok(everyone.users.length > 20);
    const names = everyone.users.map((u) => u.displayName);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)), 'by name');
    assert.deepEqual((await live.searchUsers('', { limit: 10, offset: 10 })).users, everyone.users.slice(10, 20), 'pages follow');
    const replicaEveryone = replica.search('', { limit: 1000, offset: 0 }, store.stores.clock());
    assert.deepEqual(new Set(upns(replicaEveryone.users)), new Set(upns(everyone.users)), 'the replica lists the same users');
    // Every word of every seeded user's name, as typed: the same users from both.
    const words = new Set(everyone.users.flatMap((u) => u.displayName.toLowerCase().split(/\s+/)));
    for (const word of words) await both(word);

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
    await store.stores.temporaryPasswords.issue({
      targetId: adele.id,
      targetUpn: adele.upn,
      issuedAt: store.stores.clock(),
      issuedById: 'agent',
      issuedByUpn: side.users.helpdesk!,
      expiresAt: null,
      deliveredTo: null,
      forceChange: true,
    });
    assert.deepEqual(upns(await both('', { temporaryPassword: true })), [adele.upn.toLowerCase()]);
    assert.deepEqual(upns(await both('ade', { temporaryPassword: true, admins: true })), []);
  });
}
