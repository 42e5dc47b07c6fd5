import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp, type IpcApp } from '../../../main/ipc/app';
import type { TimerPort } from '../../../main/ipc/clipboard-guard';
import { DirectoryHost } from '../../../main/app/directory-host';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import type { IpcResult } from '../../../main/ipc/contract';
import { ACTIVITY_METHODS, METHOD_NAMES, type MethodName } from '../../../main/ipc/methods';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { value, codeOf as errorCode, shown } from '../../support/ipc-result';

const ORIGIN = 'app://resetdesk/index.html';

/** Timers the test fires by hand, so "after 30 seconds" needs no sleeping. */
class ManualTimers implements TimerPort {
  pending = new Map<number, () => void>();
  #next = 0;
  set(callback: () => void) {
    this.pending.set(++this.#next, callback);
    return this.#next;
  }
  cancel(handle: unknown) {
    this.pending.delete(handle as number);
  }
  /** Fires every pending timer and lets the (asynchronous) clipboard work finish. */
  async fireAll() {
    const callbacks = [...this.pending.values()];
    this.pending.clear();
    for (const cb of callbacks) cb();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('IPC: the dispatcher and handlers behind window.resetdesk', () => {
  let fx: SampleFixture;
  let app: IpcApp;
  let api: ResetdeskApi;
  let clipboard: MemoryClipboard;
  let timers: ManualTimers;
  let sender = ORIGIN;

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
  });
  after(() => fx.close());

  beforeEach(() => {
    clipboard = new MemoryClipboard();
    timers = new ManualTimers();
    sender = ORIGIN;
    app = createIpcApp({
      host: DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock }),
      clipboard,
      clock: fx.clock,
      files: new FolderFileSaver(dirname(fx.dbPath)),
      timers,
      idleLockMinutes: 10,
      clipboardClearSeconds: 30,
      isTrustedSender: (url) => url?.startsWith('app://resetdesk/') ?? false,
    });
    // The same createApi the preload uses, its invoke wired straight to the dispatcher.
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), sender, request));
  });

  const signInHelpdesk = () =>
    api.signIn({ upn: 'helpdesk.admin@contoso.com', password: fx.passwordOf('helpdesk.admin@contoso.com').reveal() });

  it('refuses a request from any other origin', async () => {
    sender = 'https://evil.example/';
    const result = await signInHelpdesk();
    assert.equal(errorCode(result), 'FORBIDDEN_SENDER');
  });

  it('refuses malformed requests with INVALID_INPUT naming the field, never its value', async () => {
    const result = await api.signIn({ upn: 'not an upn', password: 'Sekret-Value-1' });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'INVALID_INPUT');
      assert.match(result.error.message, /upn/);
      assert.doesNotMatch(result.error.message, /Sekret|not an upn/);
    }
    const extra = await app.dispatch('searchUsers', ORIGIN, { query: 'a', limit: 5, extra: true });
    assert.equal(errorCode(extra), 'INVALID_INPUT');
    const unknown = await app.dispatch('dropTables', ORIGIN, {});
    assert.equal(errorCode(unknown), 'INVALID_INPUT');
  });

  it('searchUsers takes a state filter, strict: unknown keys and values are refused, valid ones narrow', async () => {
    value(await signInHelpdesk());
    for (const filter of [{ lockedOut: true }, { source: 'federated' }, { locked: 'yes' }, { admins: 1 }, 'locked']) {
      const refused = await app.dispatch('searchUsers', ORIGIN, { query: '', filter });
      assert.equal(errorCode(refused), 'INVALID_INPUT', JSON.stringify(filter));
    }
    const locked = value(await api.searchUsers({ query: '', limit: 200, filter: { locked: true } }));
    assert.ok(locked.users.length > 0 && locked.users.every((u) => u.locked), 'only locked-out users');
    assert.deepEqual(locked.total, { count: locked.users.length, exact: true });
    const both = value(await api.searchUsers({ query: '', limit: 200, filter: { locked: true, source: 'onPremises' } }));
    assert.ok(both.users.every((u) => u.locked && u.source === 'onPremises'));
    assert.ok(both.users.length < locked.users.length, 'filters combine');
    const everyone = value(await api.searchUsers({ query: '', limit: 200, filter: { locked: false } }));
    assert.equal(everyone.total.count, 60, 'a filter turned off narrows nothing');
  });

  it('requires a signed-in agent for directory calls', async () => {
    const result = await api.searchUsers({ query: 'adele' });
    assert.equal(errorCode(result), 'NOT_SIGNED_IN');
  });

  it('signs in, looks up, resets, copies by result id and clears the clipboard only if unchanged', async () => {
    const session = value(await signInHelpdesk());
    assert.equal(session.status, 'signedIn');
    const [user] = value(await api.searchUsers({ query: 'adele vance' })).users;
    assert.equal(user?.upn, EX.cloudMember);
    const details = value(await api.getUser({ userId: user!.id }));
    assert.deepEqual(details.preflight.allowed, true);

    const reset = shown(value(await api.resetPassword({ userId: user!.id })));
    assert.equal(reset.forceChangeNextSignIn, true);
    assert.equal(reset.groups.join(''), reset.temporaryPassword);
    assert.equal(reset.readout.length, reset.temporaryPassword.length);

    const copied = value(await api.copyTemporaryPassword({ resultId: reset.resultId }));
    assert.equal(await clipboard.readText(), reset.temporaryPassword);
    assert.equal(Date.parse(copied.clearsAt) - fx.clock(), 30_000);
    await timers.fireAll();
    assert.equal(await clipboard.readText(), '', 'cleared after the timeout');

    value(await api.copyTemporaryPassword({ resultId: reset.resultId }));
    await clipboard.writeOther('something the agent copied since');
    await timers.fireAll();
    assert.equal(await clipboard.readText(), 'something the agent copied since', 'not ours any more: left alone');

    value(await api.forgetResetResult({ resultId: reset.resultId }));
    const gone = await api.copyTemporaryPassword({ resultId: reset.resultId });
    assert.equal(errorCode(gone), 'RESULT_GONE');
  });

  it('shows a refusal in the preflight with Entra\'s words', async () => {
    value(await signInHelpdesk());
    const [adminCount] = value(await api.searchUsers({ query: EX.syncedAdminCount })).users;
    const preflight = value(await api.preflightReset({ userId: adminCount!.id }));
    assert.equal(preflight.allowed, false);
    assert.match(!preflight.allowed ? preflight.message : '', /hr=80231367/);
    const refused = await api.resetPassword({ userId: adminCount!.id, password: 'Typed-Passw0rd' });
    assert.equal(errorCode(refused), 'ADMIN_COUNT');
  });

  it('locks the session after the idle time and forgets reset results', async () => {
    value(await signInHelpdesk());
    const [user] = value(await api.searchUsers({ query: EX.localGuest })).users;
    const reset = shown(value(await api.resetPassword({ userId: user!.id })));
    fx.clock.advance(9 * 60_000);
    value(await api.searchUsers({ query: 'a' }));
    fx.clock.advance(10 * 60_000);
    const locked = await api.searchUsers({ query: 'a' });
    assert.equal(errorCode(locked), 'SESSION_LOCKED');
    assert.equal(value(await api.getSession({})).status, 'signedOut');
    value(await signInHelpdesk());
    const gone = await api.copyTemporaryPassword({ resultId: reset.resultId });
    assert.equal(errorCode(gone), 'RESULT_GONE');
  });

  it('another agent signing in does not inherit the previous agent\'s reset results', async () => {
    value(await signInHelpdesk());
    const [user] = value(await api.searchUsers({ query: EX.cloudMember })).users;
    const reset = shown(value(await api.resetPassword({ userId: user!.id })));
    const global = 'global.admin@contoso.com';
    value(await api.signIn({ upn: global, password: fx.passwordOf(global).reveal() }));
    const gone = await api.copyTemporaryPassword({ resultId: reset.resultId });
    assert.equal(errorCode(gone), 'RESULT_GONE');
  });

  // Disabled in the directory while signed in: the next change (or user pane) signs the agent out.
  for (const [method, run] of [
    ['resetPassword', (userId: string) => api.resetPassword({ userId })],
    ['unlockAccount', (userId: string) => api.unlockAccount({ userId })],
    ['getUser', (userId: string) => api.getUser({ userId })],
  ] as const) {
    it(`ends the session with the reason when ${method} finds the agent's own account disabled`, async () => {
      const setEnabled = (enabled: boolean) =>
        fx.store.db
          .prepare('UPDATE users SET account_enabled = ? WHERE upn = ?')
          .run(enabled ? 1 : 0, 'helpdesk.admin@contoso.com');
      value(await signInHelpdesk());
      const [user] = value(await api.searchUsers({ query: EX.locked })).users;
      setEnabled(false);
      try {
        const refused = await run(user!.id);
        assert.equal(errorCode(refused), 'AGENT_ACCOUNT_UNUSABLE');
        assert.match(!refused.ok ? refused.error.message : '', /signed out.*disabled/);
        assert.equal(value(await api.getSession({})).status, 'signedOut');
        assert.equal(errorCode(await api.searchUsers({ query: 'a' })), 'NOT_SIGNED_IN');
      } finally {
        setEnabled(true);
      }
    });
  }

  it('takes an agent whose password must change through the change', async () => {
    value(await signInHelpdesk());
    const [target] = value(await api.searchUsers({ query: EX.unregistered })).users;
    const reset = shown(value(await api.resetPassword({ userId: target!.id })));
    value(await api.signOut({}));
    const first = value(await api.signIn({ upn: EX.unregistered, password: reset.temporaryPassword }));
    assert.deepEqual(first, { status: 'passwordChangeRequired', upn: EX.unregistered });
    const changed = value(
      await api.changeOwnPassword({ upn: EX.unregistered, currentPassword: reset.temporaryPassword, newPassword: 'Fresh-Kq7x9Wz!' }),
    );
    assert.equal(changed.status, 'signedIn');
  });

  it('answers an unexpected failure with INTERNAL and no detail', async () => {
    value(await signInHelpdesk());
    fx.store.db.exec("CREATE TEMP TRIGGER boom BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'disk on fire at /secret/path'); END");
    try {
      const [user] = value(await api.searchUsers({ query: EX.cloudMember })).users;
      const result = await api.resetPassword({ userId: user!.id });
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.error.code, 'INTERNAL');
        assert.doesNotMatch(result.error.message, /disk|secret|abort/i);
      }
    } finally {
      fx.store.db.exec('DROP TRIGGER temp.boom');
    }
  });

  it('reports the clipboard as holding the copy until it is cleared, without counting as activity', async () => {
    value(await signInHelpdesk());
    const [user] = value(await api.searchUsers({ query: EX.cloudMember })).users;
    const reset = shown(value(await api.resetPassword({ userId: user!.id })));
    assert.deepEqual(value(await api.clipboardStatus({})), { holdsCopy: false, clearsAt: null });
    const copied = value(await api.copyTemporaryPassword({ resultId: reset.resultId }));
    assert.deepEqual(value(await api.clipboardStatus({})), { holdsCopy: true, clearsAt: copied.clearsAt });

    fx.clock.advance(10 * 60_000); // the idle lock is 10 minutes: asking must not have kept the session alive
    assert.equal(value(await api.clipboardStatus({})).holdsCopy, true);
    assert.equal(errorCode(await api.searchUsers({ query: 'a' })), 'SESSION_LOCKED');
    await timers.fireAll();
    assert.deepEqual(value(await api.clipboardStatus({})), { holdsCopy: false, clearsAt: null });
  });

  it('tells the window a temporary password is on screen until the last one is forgotten', async () => {
    const seen: boolean[] = [];
    app = createIpcApp({
      host: DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock }),
      clipboard,
      clock: fx.clock,
      timers,
      isTrustedSender: () => true,
      onSecretOnScreen: (visible) => seen.push(visible),
    });
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), sender, request));
    value(await signInHelpdesk());
    const [user] = value(await api.searchUsers({ query: EX.cloudMember })).users;
    const first = shown(value(await api.resetPassword({ userId: user!.id })));
    const second = shown(value(await api.resetPassword({ userId: user!.id })));
    value(await api.forgetResetResult({ resultId: first.resultId }));
    assert.deepEqual(seen, [true], 'still one on screen');
    value(await api.forgetResetResult({ resultId: second.resultId }));
    assert.deepEqual(seen, [true, false]);
    shown(value(await api.resetPassword({ userId: user!.id })));
    value(await api.signOut({}));
    assert.deepEqual(seen, [true, false, true, false], 'signing out forgets it too');
  });

  it('counts as activity exactly the methods ACTIVITY_METHODS lists', async () => {
    value(await signInHelpdesk());
    const [user] = value(await api.searchUsers({ query: EX.cloudMember })).users;
    const userId = user!.id;
    const [synced] = value(await api.searchUsers({ query: EX.syncedManaged })).users;
    // A lock forgets reset results, so a fresh one is made after each sign-in.
    const newResult = async () => shown(value(await api.resetPassword({ userId }))).resultId;
    let resultId = await newResult();
    const calls: Record<MethodName, (() => Promise<IpcResult<unknown>>) | null> = {
      getAppState: () => api.getAppState({}),
      createDirectory: null, // refused once a directory exists; never activity
      getSession: () => api.getSession({}),
      signIn: null, // starts a session: activity by definition
      changeOwnPassword: null,
      signOut: null,
      searchUsers: () => api.searchUsers({ query: 'a' }),
      getUser: () => api.getUser({ userId }),
      preflightReset: () => api.preflightReset({ userId }),
      suggestPassword: () => api.suggestPassword({ userId: synced!.id }),
      resetPassword: () => api.resetPassword({ userId }),
      unlockAccount: () => api.unlockAccount({ userId }),
      // The agent acts even when the send or the check is refused (no channel here, no code sent): activity.
      sendVerificationCode: () => api.sendVerificationCode({ userId, method: 'email' }).then(() => ({ ok: true, value: null })),
      checkVerificationCode: () =>
        api.checkVerificationCode({ userId, method: 'email', code: '123456' }).then(() => ({ ok: true, value: null })),
      copyTemporaryPassword: () => api.copyTemporaryPassword({ resultId }),
      clipboardStatus: () => api.clipboardStatus({}),
      forgetResetResult: () => api.forgetResetResult({ resultId: '00000000-0000-0000-0000-000000000000' }),
      listAudit: () => api.listAudit({}),
      exportAudit: () => api.exportAudit({ target: 'adele' }),
      saveFirstRunAccounts: null, // first run only, before anyone signs in
      copyFirstRunPassword: null,
      forgetFirstRunAccounts: () => api.forgetFirstRunAccounts({}),
      getSettings: () => api.getSettings({}),
      // Refused to a Helpdesk Administrator (ROLE_REQUIRED), and no activity either way: it only reads.
      listDirectories: () => api.listDirectories({}).then(() => ({ ok: true, value: null })),
      // A Global Administrator's changes and the directory switch: test/integration/ipc/directories.test.ts.
      saveDirectory: null,
      removeDirectory: null,
      testDirectory: null,
      useDirectory: null,
      // Refreshed while the Outbox screen is open: it must not hold off the idle lock.
      listOutbox: () => api.listOutbox({}),
      listOutstandingTemporaryPasswords: () => api.listOutstandingTemporaryPasswords({}),
      // The typed password checked as the agent types: activity, like typing it.
      checkPassword: () => api.checkPassword({ userId: synced!.id, password: 'Kd7#pQ2vLm9x' }),
      checkNewPassword: null, // only between a must-change sign-in and the change, outside any session
      // Read when the Users screen opens: a look, not activity.
      getDeliveryChannels: () => api.getDeliveryChannels({}),
      // Polled by the status bar while a directory copy is read: a look, not activity.
      getDirectoryCopy: () => api.getDirectoryCopy({}),
    };
    for (const method of METHOD_NAMES) {
      const run = calls[method];
      if (!run) continue;
      value(await api.searchUsers({ query: 'a' })); // the idle timer starts now
      fx.clock.advance(9 * 60_000);
      value(await run());
      fx.clock.advance(2 * 60_000); // 11 minutes after the search, 2 after this call
      const alive = value(await api.getSession({})).status === 'signedIn';
      assert.equal(alive, ACTIVITY_METHODS.has(method), `${method} ${alive ? 'kept' : 'did not keep'} the session alive`);
      if (!alive) {
        value(await signInHelpdesk());
        resultId = await newResult();
      }
    }
  });

  it('on quit clears the clipboard if it still holds the copy', async () => {
    value(await signInHelpdesk());
    const [user] = value(await api.searchUsers({ query: EX.cloudMember })).users;
    const reset = shown(value(await api.resetPassword({ userId: user!.id })));
    value(await api.copyTemporaryPassword({ resultId: reset.resultId }));
    await app.shutdown();
    assert.equal(await clipboard.readText(), '');
  });
});
