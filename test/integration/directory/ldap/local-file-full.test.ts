/**
 * Issue 16, L, on the real servers: the local file filling up on the LDAP
 * path. Its intent cannot be written: LOCAL_FILE_FULL and the modify is never
 * sent (the server still takes the old password). Its outcome cannot be
 * written after the server made the change: LOCAL_FILE_FULL saying so, and
 * the intent stays open for the directory to settle.
 *
 * The local file is filled with SQLite's own limit (PRAGMA max_page_count set
 * to the pages it has, then audit rows until SQLite answers SQLITE_FULL), on
 * a real file: the same error a full disk gives, at the exact moment the test
 * picks (between the intent and the modify), which a full tmpfs cannot give
 * in-process (test/integration/local-file/full-disk.test.ts proves the disk).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import type { LdapProfile } from '../../../../main/directory/ldap/profile';
import type { DirectoryStore } from '../../../../main/directory/sqlite/store';
import { DomainError } from '../../../../main/domain/errors';
import { Secret } from '../../../../main/domain/secret';
import { ResetEngine } from '../../../../main/reset/engine';
import { bindDn, holdServersForThisFile, localStore, profileOf, resetCases, serversOrSkip, tryBind, type Kind, type Servers } from './servers';

holdServersForThisFile();

const TEMP = 'Full-Disk-Reset-5821!';

/** The file as full as SQLite lets it be: no page more, and none of its audit pages with room for another event. */
function fill(store: DirectoryStore): void {
  store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true }) as number}`);
  for (const size of [1000, 100, 1]) {
    try {
      for (;;) {
        store.audit.append(
          { actorId: null, actorUpn: null, targetId: null, targetUpn: null, action: 'signin', result: 'failure', errorCode: null, detail: 'x'.repeat(size) },
          Date.now(),
        );
      }
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'LOCAL_FILE_FULL')) throw error;
    }
  }
}

const room = (store: DirectoryStore) => store.db.pragma('max_page_count = 1073741823');

async function setUp(servers: Servers, kind: Kind, store: DirectoryStore, afterIntent?: () => Promise<void>) {
  const side = servers[kind];
  const profile: LdapProfile = profileOf(servers, kind);
  const directory = new LdapUserDirectory({ profile, stores: store.stores, ...(afterIntent ? { afterIntent } : {}) });
  const signIn = await new LdapAuthenticator({ profile, stores: store.stores, directory }).signIn(side.users.helpdesk!, new Secret(side.userPassword));
  const actor = { id: signIn.user!.id, upn: signIn.user!.upn, roles: signIn.user!.roles, credential: signIn.credential! };
  return { engine: new ResetEngine(directory, { generate: () => new Secret(TEMP) }), actor, target: side.users.plain! };
}

/** What the server answers to the user's old password and to the one the reset would set. */
async function serverSees(servers: Servers, kind: Kind, upn: string) {
  const dn = bindDn(servers, kind, upn);
  const old = await tryBind(servers, kind, dn, servers[kind].userPassword);
  const temp = await tryBind(servers, kind, dn, TEMP);
  const tempSet = kind === 'ad' ? /data 773/.test(temp.error?.message ?? '') : temp.error === null;
  return { oldWorks: old.error === null, tempSet };
}

const refused = (promise: Promise<unknown>) =>
  promise.then(
    () => assert.fail('expected a refusal'),
    (error: unknown) => {
      assert.ok(error instanceof DomainError, String(error));
      return error;
    },
  );

for (const kind of ['ad', 'openldap'] as const) {
  test(`${kind}: no room for the intent: LOCAL_FILE_FULL, and nothing is sent to the directory`, async (t) => {
    const servers = serversOrSkip(t);
    if (!servers) return;
    resetCases();
    const store = localStore(t);
    const { engine, actor, target } = await setUp(servers, kind, store);
    const events = await store.stores.audit.count({});
    fill(store);
    const error = await refused(engine.resetPassword(actor, { target: { upn: target } }));
    assert.equal(error.code, 'LOCAL_FILE_FULL');
    assert.match(error.message, /Nothing was changed/);
    assert.doesNotMatch(error.message, /[\r\n]/);
    assert.deepEqual(await serverSees(servers, kind, target), { oldWorks: true, tempSet: false }, 'the modify was never sent');
    room(store);
    assert.deepEqual(await store.stores.audit.openIntents(), [], 'no intent half-written');
    assert.ok((await store.stores.audit.count({})) > events);
  });

  test(`${kind}: no room for the outcome after the server changed it: LOCAL_FILE_FULL saying so, the intent left open`, async (t) => {
    const servers = serversOrSkip(t);
    if (!servers) return;
    resetCases();
    const store = localStore(t);
    const { engine, actor, target } = await setUp(servers, kind, store, async () => fill(store));
    const error = await refused(engine.resetPassword(actor, { target: { upn: target } }));
    assert.equal(error.code, 'LOCAL_FILE_FULL');
    assert.match(error.message, /The directory did make the change/);
    assert.doesNotMatch(error.message, /Nothing was changed/);
    assert.deepEqual(await serverSees(servers, kind, target), { oldWorks: false, tempSet: true }, 'the server did change it');
    room(store);
    const open = await store.stores.audit.openIntents();
    assert.equal(open.length, 1, 'the intent waits for the directory to settle it');
    assert.equal(open[0]!.targetUpn?.toLowerCase(), target.toLowerCase());
  });
}
