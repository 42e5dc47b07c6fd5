/**
 * Main's one-way events from where the state changes to a subscriber, through
 * the real IpcApp over a real SQLite sample: the idle lock's own timer (no
 * request from the window) reaches `window.resetdesk.on('session.ended')`,
 * followed by the clipboard's clear; a sign-out and a copy say what they did;
 * and a mail that really travelled over SMTP to the sample's outbox is
 * announced without its text. The subscriber is the API createApi builds for
 * the preload, its `listen` wired to IpcApp.events the way a transport is
 * (each payload crossing as JSON). Main's timers run on a held clock
 * (test/support/controlled-time.ts): nothing waits on the wall clock.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { OutboxHost } from '../../../main/app/outbox-host';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { emailChannel } from '../../../main/delivery/delivery';
import { openDelivery } from '../../../main/delivery/open-delivery';
import { Secret } from '../../../main/domain/secret';
import { createApi, type Listen, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp, type IpcApp } from '../../../main/ipc/app';
import { eventChannelOf } from '../../../main/ipc/event-names';
import type { TimerPort } from '../../../main/ipc/timers';
import { ControlledTime } from '../../support/controlled-time';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { value, shown } from '../../support/ipc-result';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { MemorySecretStore } from '../../support/memory-secret-store';

const ORIGIN = 'app://resetdesk/index.html';
const HELPDESK = 'helpdesk.admin@contoso.com';
const IDLE_LOCK_MINUTES = 10;
/** Longer than the idle lock: only the lock can clear the copy. */
const CLIPBOARD_CLEAR_SECONDS = 3600;

interface Running {
  app: IpcApp;
  api: ResetdeskApi;
  time: ControlledTime;
  clipboard: MemoryClipboard;
  /** Every event the page-side API heard, in order: [name, payload]. */
  heard: [string, unknown][];
}

describe('IPC events: from main to a subscriber', () => {
  let fx: SampleFixture;
  const open: Running[] = [];

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
  });
  const internalErrors: string[] = [];
  afterEach(async () => {
    for (const running of open.splice(0)) await running.app.shutdown();
    assert.deepEqual(internalErrors.splice(0), [], 'every event passed its schema');
  });
  after(() => fx.close());

  /** The IpcApp on a held clock (or `held`'s own clock and timers), with a subscriber to every event. */
  function start(options: { outbox?: OutboxHost; held?: { clock: () => number; timers: TimerPort }; clearSeconds?: number } = {}): Running {
    const time = new ControlledTime();
    const { outbox, held = time } = options;
    const clipboard = new MemoryClipboard();
    const app = createIpcApp({
      host: DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock }),
      clipboard,
      clock: held.clock,
      timers: held.timers,
      idleLockMinutes: IDLE_LOCK_MINUTES,
      clipboardClearSeconds: options.clearSeconds ?? CLIPBOARD_CLEAR_SECONDS,
      isTrustedSender: (url) => url?.startsWith('app://resetdesk/') ?? false,
      ...(outbox ? { outbox } : {}),
      // An event its schema refused would be reported here, and sent nowhere.
      onInternalError: (what) => internalErrors.push(what),
    });
    // A transport as the Electron glue and the Chromium bridge are: by channel, the payload as JSON.
    const listen: Listen = (channel, handler) =>
      app.events.subscribe(({ name, payload }) => {
        if (eventChannelOf(name) === channel) handler(JSON.parse(JSON.stringify(payload)));
      });
    const api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request), listen);
    const heard: [string, unknown][] = [];
    for (const name of ['session.ended', 'clipboard.changed', 'outbox.received'] as const) {
      api.on(name, (payload) => heard.push([name, payload]));
    }
    const running = { app, api, time, clipboard, heard };
    open.push(running);
    return running;
  }

  /** Signs in as the Helpdesk Administrator, resets Adele and copies her temporary password. */
  async function copyAdele({ api }: Running): Promise<{ clearsAt: string }> {
    value(await api.signIn({ upn: HELPDESK, password: fx.passwordOf(HELPDESK).reveal() }));
    const [user] = value(await api.searchUsers({ query: EX.cloudMember })).users;
    const reset = shown(value(await api.resetPassword({ userId: user!.id })));
    return value(await api.copyTemporaryPassword({ resultId: reset.resultId }));
  }

  it('the idle lock in main reaches the subscriber with no request from the window, then the clipboard\'s clear', async () => {
    const running = start();
    const { clearsAt } = await copyAdele(running);
    assert.deepEqual(running.heard, [['clipboard.changed', { holdsCopy: true, clearsAt }]], 'the copy, and nothing else yet');

    running.time.advance(IDLE_LOCK_MINUTES * 60_000 - 1);
    await running.app.session.settled();
    assert.equal(running.heard.length, 1, 'nothing before the lock is due');

    running.time.advance(1);
    await running.app.session.settled();
    assert.deepEqual(running.heard.slice(1), [
      ['session.ended', { why: 'idleLock' }],
      ['clipboard.changed', { holdsCopy: false, clearsAt: null }],
    ]);
    assert.equal(await running.clipboard.readText(), '');
  });

  it('activity holds the lock off: no event while the agent works', async () => {
    const running = start();
    await copyAdele(running);
    running.time.advance(IDLE_LOCK_MINUTES * 60_000 - 1);
    value(await running.api.searchUsers({ query: 'a' })); // activity
    running.time.advance(IDLE_LOCK_MINUTES * 60_000 - 1);
    await running.app.session.settled();
    assert.deepEqual(running.heard.map(([name]) => name), ['clipboard.changed'], 'only the copy');
  });

  it('a request that finds the lock due (its timer never fired: a sleeping machine) says so too, once', async () => {
    let now = Date.now();
    const running = start({ held: { clock: () => now, timers: { set: () => null, cancel: () => {} } } });
    value(await running.api.signIn({ upn: HELPDESK, password: fx.passwordOf(HELPDESK).reveal() }));
    now += IDLE_LOCK_MINUTES * 60_000;
    assert.equal(value(await running.api.getSession({})).status, 'signedOut');
    await running.api.searchUsers({ query: 'a' }); // SESSION_LOCKED: the session already ended
    assert.deepEqual(running.heard, [['session.ended', { why: 'idleLock' }]]);
  });

  it('signing out says why; the clipboard\'s clear follows before the answer', async () => {
    const running = start();
    await copyAdele(running);
    value(await running.api.signOut({}));
    assert.deepEqual(running.heard.slice(1), [
      ['session.ended', { why: 'signedOut' }],
      ['clipboard.changed', { holdsCopy: false, clearsAt: null }],
    ]);
  });

  it('the clipboard\'s own clear, its delay passed, reaches the subscriber while the session goes on', async () => {
    const running = start({ clearSeconds: 30 });
    await copyAdele(running);
    running.time.advance(30_000);
    await new Promise((resolve) => setImmediate(resolve)); // the clear reads and clears the clipboard: a turn of the loop
    assert.deepEqual(running.heard.slice(1), [['clipboard.changed', { holdsCopy: false, clearsAt: null }]]);
    assert.equal(value(await running.api.getSession({})).status, 'signedIn');
  });

  it('a mail that travelled to the sample\'s outbox is announced, without its text', async () => {
    const outbox = new OutboxHost(DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER }));
    try {
      await outbox.sync();
      const running = start({ outbox });
      const delivery = await openDelivery(await fx.store.stores.tenant.get(), new MemorySecretStore());
      try {
        await emailChannel(delivery).send({ to: ['adele@contoso.com'], subject: 'Your Contoso verification code', text: new Secret('112233 is your code') });
      } finally {
        await delivery.close();
      }
      // The outbox acknowledges a message once it is kept and listed, and announces it then: before the send resolves.
      const [listed] = (await outbox.view()).messages;
      assert.deepEqual(running.heard, [['outbox.received', { channel: 'email', at: listed?.at }]]);
      assert.doesNotMatch(JSON.stringify(running.heard), /112233|adele@contoso\.com|verification code/);
    } finally {
      await outbox.close();
    }
  });
});
