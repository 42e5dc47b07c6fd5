/**
 * Issue 16, A: a modify that reaches the server while its answer is lost. A
 * TLS pass-through proxy (test/support/tcp-proxy.ts) sits between the product
 * and the real Samba AD DC / slapd; armed right after the intent is written,
 * it forwards the modify, drops the server's answer and closes. The server
 * keeps the change. The audit must not say "failed": the agent hears that the
 * outcome is unknown (no password), the intent stays open, nobody settles it
 * while it may be in flight, and a later settlement records the change by the
 * right marker. When the server is still up, the process reads the user again
 * at once and the reset is simply a success.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { Secret } from '../../../../main/domain/secret';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import { resolveOpenIntents } from '../../../../main/directory/ldap/settlement';
import { ResetEngine, type Actor } from '../../../../main/reset/engine';
import { refusal } from '../../../support/refusal';
import { startProxy, targetOf, type DropOptions } from '../../../support/tcp-proxy';
import { bindDn, holdServersForThisFile, localStore, profileOf, resetCases, serversOrSkip, tryBind, type Kind } from './servers';

const TEMP = 'Answer-Lost-7730!';
const MARKER = { ad: 'unicodePwd version', openldap: 'pwdChangedTime' } as const;
const LOCK_MARKER = { ad: 'lockoutTime version', openldap: 'pwdAccountLockedTime' } as const;

holdServersForThisFile();

/** The product through the proxy, signed in as the helpdesk agent; the proxy drops the answer to the modify. */
async function setup(t: TestContext, kind: Kind, drop: DropOptions) {
  const servers = serversOrSkip(t);
  if (!servers) return null;
  resetCases();
  const casesWritten = Date.now();
  const side = servers[kind];
  const proxy = await startProxy({ target: targetOf(side.urls[0]!) });
  t.after(() => proxy.close());
  let offset = 0;
  const store = localStore(t, { clock: () => Date.now() + offset });
  const profile = profileOf(servers, kind, { urls: [proxy.url], connectTimeoutMs: 2000, timeoutMs: 5000 });
  // The seam runs after the intent is written, just before the modify goes out.
  const directory = new LdapUserDirectory({ profile, stores: store.stores, afterIntent: async () => proxy.dropNextAnswer(drop) });
  const signIn = await new LdapAuthenticator({ profile, stores: store.stores, directory }).signIn(side.users.helpdesk!, new Secret(side.userPassword));
  assert.equal(signIn.result, 'ok');
  const actor: Actor = { id: signIn.user!.id, upn: signIn.user!.upn, roles: signIn.user!.roles, credential: signIn.credential! };
  const engine = new ResetEngine(directory, { generate: () => new Secret(TEMP) });
  const admin = { dn: side.admin.dn, password: new Secret(side.admin.password) };
  /**
   * Until the second after resetCases() set the users' passwords: OpenLDAP's pwdChangedTime counts whole
   * seconds, so a reset within that same second leaves it where it was and the settlement rightly says
   * "uncertain" (change-markers.test.ts pins that case). These tests are about the change that shows.
   * Server and test share this machine's clock (loopback).
   */
  const afterCasesSecond = () =>
    new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, (Math.floor(casesWritten / 1000) + 1) * 1000 + 20 - Date.now())));
  return { servers, side, proxy, store, profile, directory, actor, engine, admin, afterCasesSecond, later: (ms: number) => (offset = ms) };
}

for (const kind of ['ad', 'openldap'] as const) {
  test(`${kind}: reset, answer lost, server down: "outcome unknown" and no password; the intent stays open until a settlement after its lease records the change`, async (t) => {
    const ctx = await setup(t, kind, { then: 'down' });
    if (!ctx) return;
    const { servers, side, proxy, store, profile, directory, actor, engine, admin } = ctx;
    const target = side.users.plain!;
    await ctx.afterCasesSecond();

    const error = await refusal(engine.resetPassword(actor, { target: { upn: target } }), 'DIRECTORY_OUTCOME_UNKNOWN');
    assert.equal(proxy.dropped, 1, 'the answer to the modify was dropped');
    assert.match(error.message, /may or may not have been made/);
    assert.match(error.message, /No temporary password is shown/);
    assert.ok(!error.message.includes(TEMP));

    // The server made the change: the temporary password binds (AD: "must change", 773).
    const bind = await tryBind(servers, kind, bindDn(servers, kind, target), TEMP);
    if (kind === 'ad') assert.match(bind.error?.message ?? '', /data 773/);
    else assert.equal(bind.error, null);

    // The audit says "sent", not "failed": one intent, open, naming its profile.
    const events = await store.stores.audit.list({ limit: 10, action: 'password.reset' });
    assert.deepEqual(events.map((e) => [e.result, e.errorCode, e.outcomeId]), [['intent', null, null]]);
    const [open] = await store.stores.audit.openIntents();
    assert.equal(open?.lease?.directory, profile.name);

    // The server is back. While the change may still be in flight nobody settles it: not this process,
    // not another one whose owner still runs.
    proxy.up();
    assert.deepEqual(await resolveOpenIntents(store.stores, directory, admin), []);
    assert.deepEqual(await resolveOpenIntents(store.stores, directory, admin, { self: { host: open!.lease!.ownerHost, pid: 1 }, alive: () => true }), []);
    assert.equal((await store.stores.audit.openIntents()).length, 1);

    // After its lease, the directory tells: changed, by the marker that moves on every write.
    ctx.later(open!.lease!.settleAfter - Date.now() + 1);
    assert.deepEqual(await resolveOpenIntents(store.stores, directory, admin), [{ intentId: open!.id, changed: true }]);
    const outcome = (await store.stores.audit.list({ limit: 10 })).find((e) => e.intentId === open!.id)!;
    assert.equal(outcome.result, 'success');
    assert.deepEqual(JSON.parse(outcome.detail!), { resolvedAtStart: true, changed: true, by: MARKER[kind] });
    assert.equal((await store.stores.audit.list({ limit: 10 })).find((e) => e.id === open!.id)?.outcomeId, outcome.id);
    assert.deepEqual(await store.stores.audit.openIntents(), []);
  });

  test(`${kind}: reset, answer lost, server still up: the user is read again at once, the change is seen, and the reset succeeds`, async (t) => {
    const ctx = await setup(t, kind, {});
    if (!ctx) return;
    const { servers, side, proxy, store, actor, engine } = ctx;
    const target = side.users.plain!;
    await ctx.afterCasesSecond();

    const done = await engine.resetPassword(actor, { target: { upn: target } });
    assert.equal(proxy.dropped, 1);
    assert.equal(done.temporaryPassword.reveal(), TEMP);
    const bind = await tryBind(servers, kind, bindDn(servers, kind, target), TEMP);
    if (kind === 'ad') assert.match(bind.error?.message ?? '', /data 773/);
    else assert.equal(bind.error, null);

    const [outcome, intent] = await store.stores.audit.list({ limit: 10, action: 'password.reset' });
    assert.equal(intent?.result, 'intent');
    assert.equal(outcome?.result, 'success');
    assert.equal(outcome?.intentId, intent?.id);
    assert.equal(intent?.outcomeId, outcome?.id);
    const detail = JSON.parse(outcome!.detail!);
    assert.equal(detail.answerLost, true);
    assert.equal(detail.confirmedBy, MARKER[kind]);
    assert.deepEqual(await store.stores.audit.openIntents(), []);
  });

  test(`${kind}: unlock, answer lost, server down: "outcome unknown"; settled after its lease as unlocked`, async (t) => {
    const ctx = await setup(t, kind, { then: 'down' });
    if (!ctx) return;
    const { servers, side, proxy, store, directory, actor, engine, admin } = ctx;
    const locked = side.users.locked!;
    assert.notEqual((await tryBind(servers, kind, bindDn(servers, kind, locked), side.userPassword)).error, null, 'locked before');

    const error = await refusal(engine.unlock(actor, { upn: locked }), 'DIRECTORY_OUTCOME_UNKNOWN');
    assert.match(error.message, /Check whether the account is unlocked/);
    assert.equal((await tryBind(servers, kind, bindDn(servers, kind, locked), side.userPassword)).error, null, 'the server unlocked it');
    const [open] = await store.stores.audit.openIntents();
    assert.equal(open?.action, 'account.unlock');
    assert.equal((await store.stores.audit.list({ limit: 10, action: 'account.unlock' })).length, 1, 'no outcome');

    proxy.up();
    ctx.later(open!.lease!.settleAfter - Date.now() + 1);
    assert.deepEqual(await resolveOpenIntents(store.stores, directory, admin), [{ intentId: open!.id, changed: true }]);
    const outcome = (await store.stores.audit.list({ limit: 10, action: 'account.unlock' })).find((e) => e.intentId === open!.id)!;
    assert.equal(outcome.result, 'success');
    assert.equal(JSON.parse(outcome.detail!).by, LOCK_MARKER[kind]);
  });
}
