/**
 * Atomicity, honestly: a process killed (SIGKILL) between the audit intent and
 * the outcome leaves an open intent, settled later by reading the directory.
 * Two kill points, on both real servers: before the modify is sent (nothing
 * changed) and after the server confirmed it (changed). A change the
 * directory shows is recorded as soon as the process that sent it is gone;
 * "not changed" waits for the intent's lease (the modify of a dead process may
 * still be on its way). Issue 16: B, a second reset over a first one is seen
 * (AD's pwdLastSet stays 0; the unicodePwd version moves); C, an intent is
 * settled only by its own profile's directory.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test, type TestContext } from 'node:test';
import { join } from 'node:path';
import { DirectoryStore } from '../../../../main/directory/sqlite/store';
import { LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import { resolveOpenIntents } from '../../../../main/directory/ldap/settlement';
import { Secret } from '../../../../main/domain/secret';
import { adminRead, bindDn, localStore, profileOf, REPO, resetCases, serversOrSkip, tryBind, type Kind, type Servers, holdServersForThisFile } from './servers';

const TEMP = 'Killed-Midway-7316!';
const FIRST = 'First-Reset-5802!';
const MARKER = { ad: 'unicodePwd version', openldap: 'pwdChangedTime' } as const;

holdServersForThisFile();

type Mode = 'before-modify' | 'after-modify' | 'complete';

/** Runs kill-child.ts to `mode` and kills it there (SIGKILL), or lets it finish ('complete'). */
async function runAndKill(kind: Kind, file: string, mode: Mode, env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test/integration/directory/ldap/kill-child.ts'), kind, file, mode], {
    cwd: REPO,
    env: { ...process.env, RESETDESK_TEST_TEMP: TEMP, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for await (const line of lines) {
    if (line === 'DONE') {
      await exited;
      return line;
    }
    if (line.startsWith('INTENT') || line === 'MODIFIED') {
      child.kill('SIGKILL');
      await exited;
      return line;
    }
  }
  throw new Error(`the child ended without reaching ${mode}`);
}

/** The local file made by localStore, closed so a child can use it, and a clock to move past leases. */
function sharedFile(t: TestContext) {
  let offset = 0;
  const clock = () => Date.now() + offset;
  const store = localStore(t, { clock });
  const file = store.path;
  store.close();
  const reopen = () => {
    const next = DirectoryStore.open(file, { clock });
    t.after(() => next.close());
    return next;
  };
  return { file, reopen, later: (ms: number) => (offset = ms) };
}

const adminOf = (servers: Servers, kind: Kind) => ({ dn: servers[kind].admin.dn, password: new Secret(servers[kind].admin.password) });

for (const kind of ['ad', 'openldap'] as const) {
  for (const mode of ['before-modify', 'after-modify'] as const) {
    test(`${kind}: killed ${mode}: the open intent is settled by reading the directory`, async (t) => {
      const servers = serversOrSkip(t);
      if (!servers) return;
      resetCases();
      const shared = sharedFile(t);
      const reached = await runAndKill(kind, shared.file, mode);
      assert.match(reached, mode === 'before-modify' ? /^INTENT \d+$/ : /^MODIFIED$/);

      const next = shared.reopen();
      const open = await next.stores.audit.openIntents();
      assert.equal(open.length, 1, 'one open intent');

      const directory = new LdapUserDirectory({ profile: profileOf(servers, kind), stores: next.stores });
      const admin = adminOf(servers, kind);
      const resolved = await resolveOpenIntents(next.stores, directory, admin);
      if (mode === 'before-modify') {
        // The dead process's modify might still reach the server: "not changed" waits for the lease.
        assert.deepEqual(resolved, []);
        shared.later(open[0]!.lease!.settleAfter - Date.now() + 1);
        assert.deepEqual(await resolveOpenIntents(next.stores, directory, admin), [{ intentId: open[0]!.id, changed: false }]);
      } else {
        assert.deepEqual(resolved, [{ intentId: open[0]!.id, changed: true }], 'a change seen is recorded at once: its process is gone');
      }
      assert.deepEqual(await next.stores.audit.openIntents(), []);
      // The server says whether the reset happened (read after the settlement: a failed bind writes to the entry).
      const bind = await tryBind(servers, kind, bindDn(servers, kind, servers[kind].users.plain!), TEMP);
      const resetHappened = kind === 'ad' ? /data 773/.test(bind.error?.message ?? '') : bind.error === null;
      assert.equal(resetHappened, mode === 'after-modify', 'the server agrees');
      const outcome = (await next.stores.audit.list({ limit: 10 })).find((e) => e.intentId === open[0]!.id);
      assert.equal(outcome?.result, mode === 'after-modify' ? 'success' : 'failure');
      const detail = JSON.parse(outcome!.detail!);
      assert.equal(detail.resolvedAtStart, true);
      assert.equal(detail.by, MARKER[kind]);
    });
  }

  test(`${kind}: a second reset cut after its modify is settled as a change (B)`, async (t) => {
    const servers = serversOrSkip(t);
    if (!servers) return;
    resetCases();
    const shared = sharedFile(t);
    // The first reset, complete: AD's pwdLastSet becomes 0 (must change).
    assert.equal(await runAndKill(kind, shared.file, 'complete', { RESETDESK_TEST_TEMP: FIRST }), 'DONE');
    const target = servers[kind].users.plain!;
    if (kind === 'ad') assert.equal((await adminRead(servers, kind, target, ['pwdLastSet'])).pwdLastSet, '0');
    // The second, cut after the server took it.
    assert.equal(await runAndKill(kind, shared.file, 'after-modify'), 'MODIFIED');
    assert.match((await tryBind(servers, kind, bindDn(servers, kind, target), FIRST)).error?.message ?? '', kind === 'ad' ? /data 52e/ : /.+/, 'the first password no longer works');
    if (kind === 'ad') assert.equal((await adminRead(servers, kind, target, ['pwdLastSet'])).pwdLastSet, '0', 'pwdLastSet did not move: 0 → 0');

    const next = shared.reopen();
    const [open] = await next.stores.audit.openIntents();
    const directory = new LdapUserDirectory({ profile: profileOf(servers, kind), stores: next.stores });
    assert.deepEqual(await resolveOpenIntents(next.stores, directory, adminOf(servers, kind)), [{ intentId: open!.id, changed: true }]);
    const outcome = (await next.stores.audit.list({ limit: 10 })).find((e) => e.intentId === open!.id)!;
    assert.equal(outcome.result, 'success');
    assert.equal(JSON.parse(outcome.detail!).by, MARKER[kind]);
  });
}

for (const kind of ['ad', 'openldap'] as const) {
  test(`${kind}: an intent in flight (its process alive, its lease running) is not settled by another process (D)`, async (t) => {
    const servers = serversOrSkip(t);
    if (!servers) return;
    resetCases();
    const shared = sharedFile(t);
    // The child writes its intent and waits there, alive, before sending the modify.
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test/integration/directory/ldap/kill-child.ts'), kind, shared.file, 'before-modify'], {
      cwd: REPO,
      env: { ...process.env, RESETDESK_TEST_TEMP: TEMP },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    t.after(() => child.kill('SIGKILL')); // a failed assertion must not leave it waiting
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    assert.match((await lines.next()).value as string, /^INTENT \d+$/);

    const next = shared.reopen();
    const [open] = await next.stores.audit.openIntents();
    const directory = new LdapUserDirectory({ profile: profileOf(servers, kind), stores: next.stores });
    // Another process signs in meanwhile: the directory shows no change yet, and that proves nothing.
    assert.deepEqual(await resolveOpenIntents(next.stores, directory, adminOf(servers, kind)), []);
    assert.equal((await next.stores.audit.openIntents()).length, 1, 'left to its own process');

    child.stdin!.write('go\n'); // the modify goes out
    assert.equal((await lines.next()).value, 'MODIFIED');
    child.stdin!.write('go\n'); // and its outcome is recorded
    assert.equal((await lines.next()).value, 'DONE');
    await exited;
    const outcomes = (await next.stores.audit.list({ limit: 10 })).filter((e) => e.intentId === open!.id);
    assert.deepEqual(outcomes.map((e) => [e.result, e.detail]), [['success', null]], 'one outcome, its own process\'s');
  });
}

test('C: an AD intent is settled only by its own profile; the OpenLDAP directory on the same file leaves it open', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  resetCases();
  const shared = sharedFile(t);
  assert.equal(await runAndKill('ad', shared.file, 'after-modify', { RESETDESK_TEST_PROFILE: 'corp' }), 'MODIFIED');
  const next = shared.reopen();
  const [open] = await next.stores.audit.openIntents();
  assert.equal(open?.lease?.directory, 'corp');
  // An older intent, written before intents named their profile, for the same AD user.
  const { actorId, actorUpn, targetId, targetUpn, action, detail } = open!;
  const unnamed = next.audit.intend({ actorId, actorUpn, targetId, targetUpn, action, result: 'intent', errorCode: null, detail }, Date.now() - 3_600_000);

  // Long after every lease: only ownership keeps them open.
  shared.later(3_600_000);
  const ol = new LdapUserDirectory({ profile: profileOf(servers, 'openldap', { name: 'ol' }), stores: next.stores });
  assert.deepEqual(await resolveOpenIntents(next.stores, ol, adminOf(servers, 'openldap')), [], 'not the OpenLDAP directory: it does not hold that user');
  assert.deepEqual((await next.stores.audit.openIntents()).map((i) => i.id), [open!.id, unnamed]);
  assert.equal((await next.stores.audit.list({ limit: 10 })).filter((e) => e.intentId !== null).length, 0, 'no outcome, USER_NOT_FOUND or any');

  const ad = new LdapUserDirectory({ profile: profileOf(servers, 'ad', { name: 'CORP' }), stores: next.stores });
  const settled = await resolveOpenIntents(next.stores, ad, adminOf(servers, 'ad'));
  assert.deepEqual(settled.map((s) => s.intentId), [open!.id, unnamed], 'the profile (whatever its case) settles its own and the unnamed one it holds the user of');
  assert.ok(settled.every((s) => s.changed));
});
