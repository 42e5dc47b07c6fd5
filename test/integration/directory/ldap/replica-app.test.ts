/**
 * Issue 18 in the app's main process, on the real servers: at sign-in the
 * sync thread reads the directory into the local replica (its own thread, its
 * own connections); from then on search-as-you-type opens no connection to
 * the server and finds what the server finds; a user added with the admin
 * tools is found after the next sync; the session's end stops the thread.
 * On an ordinary slapd that refuses a full read, the refusal is recorded once
 * with the setting to change and a 30 s backoff, and typing costs the server
 * only its own searches: no full read per keystroke.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, type TestContext } from 'node:test';
import { Client, type ClientOptions } from 'ldapts';
import { replicatedDirectory } from '../../../../main/app/replica/replicated-services';
import { storedProfileOf } from '../../../../main/app/ldap-users';
import { ReplicaStore } from '../../../../main/directory/sqlite/replica-store';
import type { DirectoryStore } from '../../../../main/directory/sqlite/store';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import type { LdapProfile } from '../../../../main/directory/ldap/profile';
import { ERROR_MESSAGES } from '../../../../main/domain/errors';
import { Secret } from '../../../../main/domain/secret';
import { sambaAdmin, slapdAdmin } from '../../../support/directory-admin';
import { slapdSearchCount } from '../../../support/slapd-searches';
import { bindDn, holdServersForThisFile, localStore, profileOf, serversOrSkip, withBoundClient, type Servers, type Side } from './servers';

holdServersForThisFile();

/** Every match: the two rank a page's first rows differently (the server by name), but find the same users. */
const PAGE = { limit: 1000, offset: 0 };

/** A user's mobile number as the server holds it, read by a bind of our own as the helpdesk agent. */
async function rawMobile(servers: Servers, side: Side, upn: string): Promise<string> {
  const facts = servers[side];
  const attribute = side === 'ad' ? 'userPrincipalName' : (facts.upnAttribute ?? 'mail');
  return withBoundClient(servers, side, bindDn(servers, side, facts.users.helpdesk!), facts.userPassword, async (client) => {
    const { searchEntries } = await client.search(facts.usersDn, { scope: 'sub', filter: `(${attribute}=${upn})`, attributes: ['mobile'] });
    return String(searchEntries[0]?.mobile ?? '');
  });
}

/** Waits, polling the local file, until `done` holds (the thread writes it): the test's timeout bounds it. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await sleep(50);
}

async function signedIn(t: TestContext, servers: Servers, side: Side, intervalMs?: number) {
  const store: DirectoryStore = localStore(t);
  const profile: LdapProfile = profileOf(servers, side);
  await store.stores.profiles.add(storedProfileOf(profile), store.clock());
  let connections = 0;
  const connection = { createClient: (options: ClientOptions) => (connections++, new Client(options)) };
  const inner = new LdapUserDirectory({ profile, stores: store.stores, connection });
  const auth = new LdapAuthenticator({ profile, stores: store.stores, directory: inner, connection });
  const facts = servers[side];
  const { credential } = await auth.signIn(facts.users.helpdesk!, new Secret(facts.userPassword));
  const directory = replicatedDirectory(store, inner, store.clock, intervalMs);
  t.after(() => directory.close());
  directory.warm(credential!);
  return { store, profile, directory, credential: credential!, replicas: new ReplicaStore(store.db), connections: () => connections };
}

for (const side of ['ad', 'openldap'] as const) {
  test(`${side}: after the sync thread's first read, typing asks the server nothing and finds what it finds; a user added is found after the next sync`, async (t) => {
    const servers = serversOrSkip(t);
    if (!servers) return;
    const { profile, directory, credential, replicas, connections } = await signedIn(t, servers, side, 300);
    // The replica only finds people: what the directory can do is the one it wraps.
    assert.equal(directory.capabilities, directory.inner.capabilities);
    assert.equal(directory.registerAuthenticator, undefined, 'no authenticator secrets in AD or OpenLDAP');
    assert.equal(await directory.settleOpenIntents?.(credential), 0, 'settles as the directory it wraps (nothing open here)');
    await until(() => replicas.live(profile.name) !== null);
    assert.equal(directory.replicaStatus().state, 'ready');
    const view = directory.as(credential);
    const live = directory.inner.as(credential);
    const upnsOf = (users: { upn: string }[]) => new Set(users.map((u) => u.upn.toLowerCase()));
    // Names, surnames, addresses: the same users. A letter or two: the replica finds at least the server's, and
    // also users with a word of their title or department starting so (as the embedded search), where the server
    // matches the start of the attribute's whole value only.
    // A mobile number the pane masks (it is a verification method) is found by the digits the caller gives.
    const mobile = (await live.getUser({ upn: servers[side].users.plain! }))!;
    const digits = (await rawMobile(servers, side, servers[side].users.plain!)).replace(/\D/g, '').slice(-7);
    assert.ok(digits.length === 7 && mobile.mobilePhone !== null);
    for (const [query, same] of [['adele', true], ['vance', true], ['anderson', true], [servers[side].users.helpdesk!, true], ['', true], ['a', false], ['ad', false], [digits, false]] as const) {
      const before = connections();
      const fromReplica = upnsOf((await view.searchUsers(query, PAGE)).users);
      assert.equal(connections(), before, `"${query}": no connection to the server`);
      const fromServer = upnsOf((await live.searchUsers(query, PAGE)).users);
      if (same) assert.deepEqual(fromReplica, fromServer, `"${query}"`);
      else assert.deepEqual([...fromServer].filter((upn) => !fromReplica.has(upn)), [], `"${query}": every user the server finds`);
    }
    // (Samba's own search does not find "5550911" in "+1 425 555 0911"; the copy's phone keys are digits.)
    assert.ok(upnsOf((await view.searchUsers(digits, PAGE)).users).has(servers[side].users.plain!.toLowerCase()), 'found by the last digits of the mobile');

    const admin = side === 'ad' ? sambaAdmin(servers.ad.domain) : slapdAdmin(servers.openldap);
    admin.removeIfThere('quill.marchbanks');
    t.after(() => admin.removeIfThere('quill.marchbanks'));
    const added = admin.addUser('quill.marchbanks', 'Quill', 'Marchbanks');
    const found = async (query = 'marchbanks') => (await view.searchUsers(query, PAGE)).users.map((u) => u.upn.toLowerCase());
    while (!(await found()).includes(added.upn.toLowerCase())) await sleep(100);
    admin.rename(added, 'Quill', 'Oyelaran');
    const named = async (query: string) => (await view.searchUsers(query, PAGE)).users.map((u) => u.displayName);
    while (!(await named('oyelaran')).includes('Quill Oyelaran')) await sleep(100);
    // Still found by the address (quill.marchbanks@…), under the new name only.
    assert.deepEqual(await named('marchbanks'), ['Quill Oyelaran']);

    directory.rest();
    assert.equal(directory.replicaStatus().state, 'ready', 'the replica stays: search keeps answering from it');
    admin.remove(added);
    await sleep(1000);
    assert.ok((await found()).includes(added.upn.toLowerCase()), 'no sync after the session ended');
  });
}

test('openldap, size-limited: the refusal is recorded once with the setting and a backoff, and typing reads nothing but its own searches', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const { profile, directory, credential, replicas } = await signedIn(t, servers, 'limited');
  await until(() => replicas.failure(profile.name) !== null);
  const failure = replicas.failure(profile.name)!;
  assert.equal(failure.code, 'DIRECTORY_READ_LIMITED');
  assert.match(failure.detail ?? '', /size\.prtotal=unlimited/);
  assert.equal(failure.retryAt - failure.failedAt, 30_000, 'one retry after 30 s');
  const status = directory.replicaStatus();
  assert.deepEqual([status.state, status.failure?.message], ['failed', ERROR_MESSAGES.DIRECTORY_READ_LIMITED]);

  const view = directory.as(credential);
  const typed = ['ta', 'tar', 'tara', 'tara a', 'tara an', 'tara and', 'anderson', 'anderson 3', 'ada', 'adele'];
  // The view reads each password policy its users are under once, at the first search that meets it.
  for (const query of typed) await view.searchUsers(query, { limit: 50, offset: 0 });
  const costs: number[] = [];
  // A page of the list, as the window asks: one bounded search each (a query matching more than a page would be read in pages).
  for (const query of typed) {
    const before = await slapdSearchCount();
    await view.searchUsers(query, { limit: 50, offset: 0 });
    costs.push((await slapdSearchCount()) - before);
  }
  // A read of everyone is two paged searches here (500, then the refusal): one more per keystroke would show.
  assert.deepEqual(costs, Array<number>(10).fill(1), 'each keystroke is its own one search on the server, no read of everyone among them');
  assert.deepEqual(replicas.failure(profile.name), failure, 'not tried again before the backoff ends');
});
