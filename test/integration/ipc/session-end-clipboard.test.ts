/**
 * The end of an agent's session (sign-out, the idle lock, another agent signing
 * in) clears the temporary password from the clipboard if it is still ours, as
 * quitting does: the next person at the desk must not paste it. Real
 * ClipboardGuard and handlers over a real SQLite sample; the clipboard is the
 * test memory clipboard and the timers fire when the manual clock says so.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import type { TimerPort } from '../../../main/ipc/timers';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { value, codeOf as errorCode, shown } from '../../support/ipc-result';

const ORIGIN = 'app://resetdesk/index.html';
const HELPDESK = 'helpdesk.admin@contoso.com';
const GLOBAL = 'global.admin@contoso.com';
const IDLE_LOCK_MINUTES = 10;
/** Longer than the idle lock, so only the end of the session can be what clears the copy. */
const CLIPBOARD_CLEAR_SECONDS = 3600;

/** Timers due on the manual clock: `runDue` fires those whose time has come, like a real event loop. */
class ClockTimers implements TimerPort {
  readonly #pending = new Map<number, { at: number; callback: () => void }>();
  #next = 0;
  constructor(private readonly clock: () => number) {}
  set(callback: () => void, ms: number) {
    this.#pending.set(++this.#next, { at: this.clock() + ms, callback });
    return this.#next;
  }
  cancel(handle: unknown) {
    this.#pending.delete(handle as number);
  }
  /** Fires what is due (including timers set by those callbacks), then lets async clean-ups finish. */
  async runDue() {
    for (;;) {
      const due = [...this.#pending].find(([, t]) => t.at <= this.clock());
      if (!due) break;
      this.#pending.delete(due[0]);
      due[1].callback();
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Electron's clipboard answers asynchronously, from the OS: reading it takes a
 * turn of the event loop. A sign-out must still answer only once it is clear.
 */
class OsPacedClipboard extends MemoryClipboard {
  override async readText(): Promise<string> {
    await new Promise((resolve) => setImmediate(resolve));
    return super.readText();
  }
  /** What it holds at this moment, for the test's checks: no turn of the event loop for a clear to finish in. */
  current(): Promise<string> {
    return super.readText();
  }
}

describe('IPC: the end of a session clears our clipboard copy', () => {
  let fx: SampleFixture;
  let api: ResetdeskApi;
  let clipboard: OsPacedClipboard;
  let timers: ClockTimers;

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
  });
  after(() => fx.close());

  beforeEach(() => {
    clipboard = new OsPacedClipboard();
    timers = new ClockTimers(fx.clock);
    const app = createIpcApp({
      host: DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock }),
      clipboard,
      clock: fx.clock,
      timers,
      idleLockMinutes: IDLE_LOCK_MINUTES,
      clipboardClearSeconds: CLIPBOARD_CLEAR_SECONDS,
      isTrustedSender: (url) => url?.startsWith('app://resetdesk/') ?? false,
    });
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
  });

  const signIn = (upn: string) => api.signIn({ upn, password: fx.passwordOf(upn).reveal() });

  /** Signs in as the Helpdesk Administrator, resets Adele and copies her temporary password. */
  async function copyTemporaryPassword(): Promise<string> {
    value(await signIn(HELPDESK));
    const [user] = value(await api.searchUsers({ query: EX.cloudMember })).users;
    const reset = shown(value(await api.resetPassword({ userId: user!.id })));
    value(await api.copyTemporaryPassword({ resultId: reset.resultId }));
    assert.equal(await clipboard.current(), reset.temporaryPassword);
    return reset.temporaryPassword;
  }

  it('signing out clears it before the sign-in screen comes back', async () => {
    await copyTemporaryPassword();
    value(await api.signOut({}));
    assert.equal(await clipboard.current(), '');
    assert.deepEqual(value(await api.clipboardStatus({})), { holdsCopy: false, clearsAt: null });
  });

  it('the idle lock clears it on time, with no request from the window', async () => {
    await copyTemporaryPassword();
    fx.clock.advance(IDLE_LOCK_MINUTES * 60_000 - 1);
    await timers.runDue();
    assert.notEqual(await clipboard.current(), '', 'not before the lock is due');
    fx.clock.advance(1);
    await timers.runDue();
    assert.equal(await clipboard.current(), '', 'cleared when the lock is due');
    assert.equal(value(await api.getSession({})).status, 'signedOut');
    // The window's next request hears "locked" (its form stays for this agent), not "not signed in".
    assert.equal(errorCode(await api.searchUsers({ query: 'a' })), 'SESSION_LOCKED');
    value(await signIn(HELPDESK));
    value(await api.signOut({}));
    assert.equal(errorCode(await api.searchUsers({ query: 'a' })), 'NOT_SIGNED_IN', 'signed out: nobody is expected back');
  });

  it('activity puts the lock (and the clear) off', async () => {
    await copyTemporaryPassword();
    fx.clock.advance(9 * 60_000);
    value(await api.searchUsers({ query: 'a' }));
    fx.clock.advance(2 * 60_000); // past the first due time, 2 minutes after the search
    await timers.runDue();
    assert.notEqual(await clipboard.current(), '');
    assert.equal(value(await api.getSession({})).status, 'signedIn');
    fx.clock.advance(8 * 60_000);
    await timers.runDue();
    assert.equal(await clipboard.current(), '');
  });

  it('a lock first noticed by the window asking for the session clears it before the answer', async () => {
    await copyTemporaryPassword();
    fx.clock.advance(IDLE_LOCK_MINUTES * 60_000); // the timer has not run (a busy event loop)
    assert.equal(value(await api.getSession({})).status, 'signedOut');
    assert.equal(await clipboard.current(), '');
  });

  it('another agent signing in clears the previous agent\'s copy', async () => {
    await copyTemporaryPassword();
    value(await signIn(GLOBAL));
    assert.equal(await clipboard.current(), '');
  });

  it('leaves the clipboard alone when the agent has copied something else since', async () => {
    await copyTemporaryPassword();
    await clipboard.writeOther('a ticket number');
    value(await api.signOut({}));
    assert.equal(await clipboard.current(), 'a ticket number');

    await copyTemporaryPassword();
    await clipboard.writeOther('another ticket number');
    fx.clock.advance(IDLE_LOCK_MINUTES * 60_000);
    await timers.runDue();
    assert.equal(value(await api.getSession({})).status, 'signedOut');
    assert.equal(await clipboard.current(), 'another ticket number');
  });
});
