/**
 * The Electron glue as built: runs the REAL bundle dist/electron/main.cjs under
 * plain Node, its 'electron' replaced by a fake (./fake-electron.ts). Electron's
 * binary cannot exist here; this fake records what the glue asks of Electron so
 * its wiring is checked: the window's security settings, the app:// handler,
 * the IPC channels and their sender check, content protection, the secret
 * clipboard and the quit clean-up. `npm test` builds dist/ before the tests run.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { initDirectory } from '../../../main/app/init-directory';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import type { IpcResult, Method, RequestOf, ResponseOf } from '../../../main/ipc/contract';
import { METHOD_NAMES, channelOf } from '../../../main/ipc/methods';
import { eventChannelOf } from '../../../main/ipc/event-names';
import { FAST_HASHER, tempDir } from '../../support/fixtures';
import { FakeWebContents, createFakeElectron, fakeEvent, loadWithFakeElectron, type FakeElectron, type FakeWindow } from './fake-electron';
import { value, codeOf, shown } from '../../support/ipc-result';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const BUNDLE = join(ROOT, 'dist/electron/main.cjs');
const START_URL = 'app://resetdesk/index.html';
const KDE_SECRET_HINT = 'electron application/osclipboard;format="x-kde-passwordManagerHint"';
const ENV_KEYS = ['RESETDESK_DB', 'RESETDESK_USER_DATA_DIR', 'RESETDESK_CLIPBOARD_CLEAR_SECONDS', 'RESETDESK_IDLE_LOCK_MINUTES'];

/**
 * Yields to the event loop until `done()`; no fixed sleeps, but a bound so a hang fails. The bound is
 * time, not rounds: the quit's clean-up ends a worker thread and closes servers, which on a loaded
 * machine takes longer than any fixed number of event-loop turns.
 */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!done()) assert.fail(`timed out waiting for ${what}`);
}

interface RunningApp {
  fake: FakeElectron;
  window: FakeWindow;
  /** Calls a method through the handler the glue registered; the sender is the window's main frame unless `event` says otherwise. */
  invoke<M extends Method>(method: M, request: RequestOf<M>, event?: object): Promise<IpcResult<ResponseOf<M>>>;
  /** Quits as File > Quit does, and waits until Electron would really quit. */
  quit(): Promise<void>;
}

/**
 * Starts the bundle with its own fake Electron. `env` replaces the app's settings
 * only while it starts: the glue reads them at load and in start().
 */
async function startApp(env: Record<string, string>): Promise<RunningApp> {
  if (!existsSync(BUNDLE)) assert.fail(`${BUNDLE} is missing: run \`npm run build\` first (npm test does).`);
  const fake = createFakeElectron();
  const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  try {
    for (const key of ENV_KEYS) delete process.env[key];
    Object.assign(process.env, env);
    loadWithFakeElectron(BUNDLE, fake);
    await until(() => fake.windows.length > 0 || fake.app.exitCodes.length > 0, 'the window to open');
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  assert.deepEqual(fake.errorBoxes, [], 'the app started without an error box');
  const window = fake.windows[0]!;
  const mainFrame = { sender: window.webContents, senderFrame: { url: START_URL, parent: null, detached: false } };
  return {
    fake,
    window,
    async invoke(method, request, event = mainFrame) {
      const handler = fake.ipcHandlers.get(channelOf(method));
      assert.ok(handler, `a handler for ${method}`);
      return (await handler(event, request)) as IpcResult<never>;
    },
    async quit() {
      fake.app.quit();
      await until(() => fake.app.quitFinished, 'the quit clean-up');
    },
  };
}

/** A Contoso sample file with cheap hashes (the app verifies with the cost stored in each hash). */
async function sampleFile(dir: string) {
  const dbPath = join(dir, 'directory.sqlite');
  const { store, accounts } = await initDirectory(dbPath, { kind: 'sample', size: 40, seed: 1 }, { hasher: FAST_HASHER });
  store.close();
  const helpdesk = accounts.find((a) => a.upn === 'helpdesk.admin@contoso.com');
  assert.ok(helpdesk);
  return { dbPath, helpdesk: { upn: helpdesk.upn, password: helpdesk.password.reveal() } };
}

/** Signs in as the helpdesk agent and resets Adele Vance, whom that role may reset. */
async function resetAdele(app: RunningApp, helpdesk: { upn: string; password: string }) {
  assert.equal(value(await app.invoke('signIn', helpdesk)).status, 'signedIn');
  const [adele] = value(await app.invoke('searchUsers', { query: 'adele.vance@contoso.com' })).users;
  assert.equal(adele?.upn, 'adele.vance@contoso.com');
  return shown(value(await app.invoke('resetPassword', { userId: adele.id })));
}

describe('Electron glue: start-up and first run', () => {
  const dir = tempDir('resetdesk-glue-');
  const dbPath = join(dir.path, 'none-yet.sqlite');
  let app: RunningApp;

  before(async () => {
    app = await startApp({ RESETDESK_DB: dbPath, RESETDESK_USER_DATA_DIR: join(dir.path, 'profile') });
  });
  after(async () => {
    await app?.quit(); // closes the directory file
    dir.cleanup();
  });

  it('registers app:// as privileged, enables the sandbox and takes the single-instance lock before ready', () => {
    const { log, schemes, app: fakeApp } = app.fake;
    for (const call of ['requestSingleInstanceLock', 'registerSchemesAsPrivileged', 'enableSandbox']) {
      assert.ok(log.includes(call) && log.indexOf(call) < log.indexOf('ready'), `${call} before ready: ${log.join(', ')}`);
    }
    assert.deepEqual(schemes, [{ scheme: 'app', privileges: { standard: true, secure: true, codeCache: true } }]);
    assert.equal(fakeApp.paths.get('userData'), join(dir.path, 'profile'), 'a profile of its own');
  });

  it('opens one isolated, sandboxed window on app://resetdesk/index.html and locks down navigation', () => {
    const { window, fake } = app;
    assert.equal(fake.windows.length, 1);
    const { contextIsolation, sandbox, nodeIntegration, webSecurity, preload } = window.options.webPreferences;
    const safe = { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true };
    assert.deepEqual({ contextIsolation, sandbox, nodeIntegration, webSecurity }, safe);
    assert.equal(preload, join(ROOT, 'dist/preload/index.cjs'));
    assert.ok(existsSync(preload as string), 'the preload the window names was built');
    assert.deepEqual(window.loadedUrls, [START_URL]);
    assert.ok(fake.applicationMenu, 'the menu (and with it the Edit shortcuts) is installed');

    assert.equal(window.shown, false, 'hidden until painted');
    window.emit('ready-to-show');
    assert.equal(window.shown, true);

    // lockDownAllWebContents reached the window's contents through 'web-contents-created'.
    const navigation = fakeEvent();
    window.webContents.emit('will-navigate', navigation, 'https://evil.example/');
    assert.equal(navigation.defaultPrevented, true, 'navigation refused');
    assert.deepEqual(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' } as never), { action: 'deny' });
  });

  it('refuses permission requests on the default session', () => {
    const handlers = app.fake.defaultSession.handlers as unknown as Record<string, (...args: unknown[]) => unknown>;
    const answers: unknown[] = [];
    handlers.permissionRequest?.(app.window.webContents, 'media', (granted: boolean) => answers.push(granted));
    assert.deepEqual([...answers, handlers.permissionCheck?.()], [false, false]);
  });

  it('registers exactly one ipcMain handler per contract method and nothing else', () => {
    assert.deepEqual([...app.fake.ipcRegistrations].sort(), METHOD_NAMES.map(channelOf).sort());
  });

  it('serves the page over app:// with a fresh style nonce that its CSP allows', async () => {
    const handler = app.fake.protocolHandlers.get('app');
    assert.ok(handler, 'a handler for app://');
    const nonces: string[] = [];
    for (let load = 0; load < 2; load++) {
      const response: Response = await handler(new Request(START_URL));
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      const csp = response.headers.get('content-security-policy') ?? '';
      const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce, `a style nonce in ${csp}`);
      assert.ok((await response.text()).includes(`<meta name="resetdesk-style-nonce" content="${nonce}"`));
      nonces.push(nonce);
    }
    assert.notEqual(nonces[0], nonces[1], 'each load gets its own nonce');
  });

  it('answers nothing outside the renderer folder, another host or another method', async () => {
    const handler = app.fake.protocolHandlers.get('app')!;
    for (const url of [
      'app://resetdesk/../../../../etc/passwd', // the URL parser already folds the dots away
      'app://resetdesk/..%2f..%2f..%2f..%2fetc%2fpasswd',
      'app://resetdesk/..%5c..%5cpackage.json',
      'app://resetdesk/%2e%2e/package.json',
    ]) {
      const response = await handler(new Request(url));
      assert.ok([403, 404].includes(response.status), `${url}: ${response.status}`);
    }
    assert.equal((await handler(new Request('app://elsewhere/index.html'))).status, 404);
    assert.equal((await handler(new Request(START_URL, { method: 'POST', body: '{}' }))).status, 405);
  });

  it('answers only the main frame of its own window', async () => {
    const frame = { url: START_URL, parent: null, detached: false };
    const strangers = [
      { sender: app.window.webContents, senderFrame: { ...frame, url: 'https://evil.example/' } },
      { sender: app.window.webContents, senderFrame: { ...frame, parent: {} } }, // an iframe, even of our origin
      { sender: app.window.webContents, senderFrame: { ...frame, detached: true } },
      { sender: app.window.webContents, senderFrame: null },
      { sender: new FakeWebContents(), senderFrame: frame }, // another window's contents
    ];
    for (const event of strangers) {
      const result = await app.invoke('createDirectory', { kind: 'sample' }, event);
      assert.equal(codeOf(result), 'FORBIDDEN_SENDER', JSON.stringify(event.senderFrame));
    }
    assert.equal(existsSync(dbPath), false, 'no stranger created the directory');
  });

  it('runs the first run through IPC: missing directory, empty tenant, sign-in', async () => {
    assert.deepEqual(value(await app.invoke('getAppState', {})), {
      directory: 'missing', location: dbPath, tenantName: null, directoryKind: null, directoryCapabilities: null, directoryName: null, directoryLocation: null,
    });
    const { accounts } = value(await app.invoke('createDirectory', { kind: 'empty', tenantName: 'Fabrikam', domain: 'fabrikam.com' }));
    assert.deepEqual(accounts.map((a) => a.upn), ['admin@fabrikam.com']);
    assert.equal(value(await app.invoke('getAppState', {})).directory, 'ready');
    const session = value(await app.invoke('signIn', { upn: accounts[0]!.upn, password: accounts[0]!.password }));
    assert.equal(session.status, 'signedIn');

    // "Save to file…": the save dialog on the app's window picks the place; the file is the owner's only.
    app.fake.app.setPath('documents', dir.path);
    const chosen = join(dir.path, 'chosen.csv');
    app.fake.saveDialog.answer = chosen;
    assert.deepEqual(value(await app.invoke('saveFirstRunAccounts', {})), { saved: true, path: chosen });
    const [shown] = app.fake.saveDialog.calls;
    assert.equal(shown?.parent, app.window, 'the dialog belongs to the app window');
    assert.equal(shown?.options.defaultPath, join(dir.path, 'resetdesk-agent-accounts.csv'));
    if (process.platform !== 'win32') assert.equal(statSync(chosen).mode & 0o777, 0o600);
    assert.ok(readFileSync(chosen, 'utf8').includes(accounts[0]!.password));
    app.fake.saveDialog.answer = null;
    assert.deepEqual(value(await app.invoke('saveFirstRunAccounts', {})), { saved: false }, 'Cancel writes nothing');
  });
});

describe('Electron glue: a temporary password on screen, on the clipboard and at quit', () => {
  const dir = tempDir('resetdesk-glue-');
  let app: RunningApp;
  let dbPath: string;
  let temporaryPassword: string;
  /** What the window was asked at each step; the tests below read them. */
  const protection: Record<'afterReset' | 'afterForget', boolean[]> = { afterReset: [], afterForget: [] };
  /** When the copy was asked and answered, and when main said it clears (system clock, ms). */
  const copy = { askedAt: 0, answeredAt: 0, clearsAt: 0 };

  before(async () => {
    const sample = await sampleFile(dir.path);
    dbPath = sample.dbPath;
    app = await startApp({ RESETDESK_DB: dbPath, RESETDESK_USER_DATA_DIR: dir.path, RESETDESK_CLIPBOARD_CLEAR_SECONDS: '600' });
    const reset = await resetAdele(app, sample.helpdesk);
    temporaryPassword = reset.temporaryPassword;
    protection.afterReset = [...app.window.contentProtection];
    copy.askedAt = Date.now();
    const { clearsAt } = value(await app.invoke('copyTemporaryPassword', { resultId: reset.resultId }));
    copy.answeredAt = Date.now();
    copy.clearsAt = Date.parse(clearsAt);
    value(await app.invoke('forgetResetResult', { resultId: reset.resultId }));
    protection.afterForget = [...app.window.contentProtection];
  });
  after(async () => {
    if (app && !app.fake.app.quitFinished) await app.quit(); // a failed test must still close the file
    dir.cleanup();
  });

  it('turns content protection on while the password is shown and off when it is forgotten', () => {
    assert.deepEqual(protection.afterReset, [false, true], 'off when the window opened, on with the result');
    assert.deepEqual(protection.afterForget, [false, true, false]);
  });

  it('copies the password as ONE clipboard item carrying the KDE "secret" hint', () => {
    assert.equal(app.fake.clipboard.writes.length, 1);
    const items = app.fake.clipboard.writes[0]!;
    assert.equal(items.length, 1, 'text and hint committed together');
    assert.equal(items[0]!.items['text/plain'], temporaryPassword);
    assert.deepEqual(items[0]!.types.sort(), [KDE_SECRET_HINT, 'text/plain'].sort());
    assert.equal(items[0]!.items[KDE_SECRET_HINT], 'secret');
    // RESETDESK_CLIPBOARD_CLEAR_SECONDS reached the app (600 s, not the 30 s default).
    // Main read its clock between the ask and the answer, however long that took: no budget, only the order.
    assert.ok(copy.clearsAt >= copy.askedAt + 600_000 && copy.clearsAt <= copy.answeredAt + 600_000, JSON.stringify(copy));
  });

  it('on quit clears the clipboard still holding the copy, then quits and closes the directory', async () => {
    assert.equal(app.fake.clipboard.text, temporaryPassword);
    await app.quit();
    assert.equal(app.fake.clipboard.text, '');
    assert.equal(app.fake.clipboard.clears, 1);
    const { quitEvents, quitCalls } = app.fake.app;
    assert.deepEqual(quitEvents[0], { name: 'before-quit', prevented: true }, 'held back for the clean-up');
    assert.equal(quitCalls, 2, 'the gate asked to quit again');
    assert.ok(app.fake.app.listenerCount('will-quit') > 0, 'a quit that reaches will-quit is held back too');
    const lastTwo = [{ name: 'before-quit', prevented: false }, { name: 'will-quit', prevented: false }];
    assert.deepEqual(quitEvents.slice(-2), lastTwo, 'then let through');
    // WAL mode: the -wal file goes when the last connection closes cleanly.
    assert.equal(existsSync(`${dbPath}-wal`), false, 'the directory file was closed');
    const store = DirectoryStore.open(dbPath);
    try {
      const [event] = store.audit.list({ targetUpn: 'adele.vance@contoso.com', action: 'password.reset', limit: 1 });
      assert.equal(event?.actorUpn, 'helpdesk.admin@contoso.com');
    } finally {
      store.close();
    }
  });
});

describe('Electron glue: quit leaves alone what the agent copied since', () => {
  const dir = tempDir('resetdesk-glue-');
  after(() => dir.cleanup());

  it('does not clear a clipboard that no longer holds the copy', async () => {
    const sample = await sampleFile(dir.path);
    const app = await startApp({ RESETDESK_DB: sample.dbPath, RESETDESK_USER_DATA_DIR: dir.path });
    const reset = await resetAdele(app, sample.helpdesk);
    value(await app.invoke('copyTemporaryPassword', { resultId: reset.resultId }));
    app.fake.clipboard.writeOther('a ticket number the agent copied');
    await app.quit();
    assert.equal(app.fake.clipboard.text, 'a ticket number the agent copied');
    assert.equal(app.fake.clipboard.clears, 0);
    assert.equal(app.fake.app.quitCalls, 2);
  });
});

describe("Electron glue: main's events go to the app's window only, on their own channels", () => {
  const dir = tempDir('resetdesk-glue-');
  after(() => dir.cleanup());

  it('sends the copy, the sign-out and the clear to the window, payload alone; with the window closed, to nobody', async () => {
    const sample = await sampleFile(dir.path);
    const app = await startApp({ RESETDESK_DB: sample.dbPath, RESETDESK_USER_DATA_DIR: dir.path });
    try {
      const reset = await resetAdele(app, sample.helpdesk);
      const { clearsAt } = value(await app.invoke('copyTemporaryPassword', { resultId: reset.resultId }));
      value(await app.invoke('signOut', {}));
      // The reset's notices went by email to the sample's outbox, which the app runs: announced, never their text.
      const arrivals = app.window.webContents.sent.filter(([channel]) => channel === eventChannelOf('outbox.received'));
      assert.ok(arrivals.length > 0, 'the outbox announced the notices');
      for (const [, payload] of arrivals) assert.deepEqual(Object.keys(payload as object).sort(), ['at', 'channel']);
      const others = app.window.webContents.sent.filter(([channel]) => channel !== eventChannelOf('outbox.received'));
      assert.deepEqual(others, [
        [eventChannelOf('clipboard.changed'), { holdsCopy: true, clearsAt }],
        [eventChannelOf('session.ended'), { why: 'signedOut' }],
        [eventChannelOf('clipboard.changed'), { holdsCopy: false, clearsAt: null }],
      ]);
      const methodChannels = new Set(METHOD_NAMES.map(channelOf));
      assert.ok(app.window.webContents.sent.every(([channel]) => !methodChannels.has(channel)), 'no event on a method\'s channel');

      // The window closed (macOS keeps the app) with a session and a copy: quitting ends both, and
      // their events go nowhere (a destroyed contents would throw if sent to), and nothing fails.
      const reset2 = await resetAdele(app, sample.helpdesk);
      value(await app.invoke('copyTemporaryPassword', { resultId: reset2.resultId }));
      const before = app.window.webContents.sent.length;
      app.window.emit('closed');
      app.window.webContents.destroyed = true;
      await app.quit();
      assert.equal(app.fake.clipboard.text, '', 'the quit still cleared the copy');
      assert.equal(app.window.webContents.sent.length, before);
    } finally {
      if (!app.fake.app.quitFinished) await app.quit();
    }
  });
});

describe('Electron glue: the preload exposes window.resetdesk and nothing else', () => {
  const PRELOAD = join(ROOT, 'dist/preload/index.cjs');
  let fake: FakeElectron;
  let api: Record<string, unknown> & { on: (event: unknown, handler: unknown) => () => void };

  before(() => {
    if (!existsSync(PRELOAD)) assert.fail(`${PRELOAD} is missing: run \`npm run build\` first (npm test does).`);
    fake = createFakeElectron();
    loadWithFakeElectron(PRELOAD, fake);
    api = fake.exposed.get('resetdesk') as typeof api;
  });

  it('one object, frozen: a function per contract method, and `on`', () => {
    assert.deepEqual([...fake.exposed.keys()], ['resetdesk']);
    assert.equal(Object.isFrozen(api), true);
    assert.deepEqual(Object.keys(api).sort(), [...METHOD_NAMES, 'on'].sort());
    for (const key of Object.keys(api)) assert.equal(typeof api[key], 'function', key);
  });

  it("calls main with ipcRenderer.invoke on the method's channel", async () => {
    await (api.getSession as (request: unknown) => Promise<unknown>)({});
    assert.deepEqual(fake.rendererInvokes, [[channelOf('getSession'), {}]]);
  });

  it("`on` refuses a name that is not one of the contract's events, and listens to nothing for it", () => {
    for (const name of ['session.lost', channelOf('signIn'), eventChannelOf('session.ended'), '__proto__', '', 7]) {
      assert.throws(() => api.on(name, () => {}), /Unknown event/, String(name));
    }
    assert.equal(fake.rendererListeners.size, 0);
  });

  it("`on` listens on the event's channel and hands the handler the payload alone, never Electron's event; the unsubscribe stops it", () => {
    const seen: unknown[][] = [];
    const stop = api.on('session.ended', (...args: unknown[]) => seen.push(args));
    assert.deepEqual([...fake.rendererListeners.keys()], [eventChannelOf('session.ended')]);
    fake.preloadIpc.emit(eventChannelOf('session.ended'), { why: 'idleLock' });
    stop();
    fake.preloadIpc.emit(eventChannelOf('session.ended'), { why: 'signedOut' });
    assert.deepEqual(seen, [[{ why: 'idleLock' }]]);
    assert.equal(fake.rendererListeners.get(eventChannelOf('session.ended'))?.size, 0);
  });
});
