/**
 * The app's search on a real directory, answered from an in-memory index of
 * the users one paged read as the agent gave: after that read, typing asks the
 * server nothing (no connection is opened), finds the same users, and the
 * pane and every change still go to the server.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, type ClientOptions } from 'ldapts';
import { CachedSearchDirectory } from '../../../../main/app/search-cache/cached-directory';
import { Secret } from '../../../../main/domain/secret';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import { holdServersForThisFile, localStore, profileOf, serversOrSkip, type Kind } from './servers';

holdServersForThisFile();

for (const kind of ['ad', 'openldap'] as const satisfies Kind[]) {
  test(`${kind}: after one read, search-as-you-type asks the server nothing and finds the same users`, async (t) => {
    const servers = serversOrSkip(t);
    if (!servers) return;
    const side = servers[kind];
    const store = localStore(t);
    const profile = profileOf(servers, kind);
    let connections = 0;
    const connection = { createClient: (options: ClientOptions) => (connections++, new Client(options)) };
    const inner = new LdapUserDirectory({ profile, local: store.local, connection });
    const auth = new LdapAuthenticator({ profile, local: store.local, directory: inner, connection });
    const { credential } = await auth.signIn(side.users.helpdesk!, new Secret(side.userPassword));
    const cached = new CachedSearchDirectory(inner);
    const live = await inner.as(credential!).searchUsers('ade', { limit: 20, offset: 0 });
    await cached.ready(credential!);
    const before = connections;
    const fromIndex = await cached.as(credential!).searchUsers('ade', { limit: 20, offset: 0 });
    assert.equal(connections, before, 'no connection: answered from the index');
    assert.ok(fromIndex.users.some((u) => u.upn.toLowerCase() === side.users.plain), 'Adele found by "ade"');
    assert.deepEqual(new Set(fromIndex.users.map((u) => u.id)), new Set(live.users.map((u) => u.id)), 'the users the server finds');
    const adele = fromIndex.users.find((u) => u.upn.toLowerCase() === side.users.plain)!;
    assert.equal((await cached.as(credential!).getUser({ id: adele.id }))?.upn.toLowerCase(), side.users.plain);
    assert.ok(connections > before, 'the pane is read live');
  });
}
