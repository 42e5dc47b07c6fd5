/**
 * The Chromium target: Debian's Chromium on the built renderer, with
 * `window.resetdesk` wired to the real main-process handlers (createIpcApp over
 * a real SQLite file) running here, in the Playwright process. Only Electron
 * itself is absent: the window is Chromium's, and the clipboard is a
 * process-local stand-in (Electron's clipboard module cannot exist outside it).
 * The window is an app window confined to the app's origin (app-window.ts),
 * headless for the suite and headed for `npm run preview`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { OutboxHost } from '../../../main/app/outbox-host';
import { systemClock } from '../../../main/domain/clock';
import { ControlledTime } from '../../support/controlled-time';
import { createIpcApp } from '../../../main/ipc/app';
import { methodOfChannel } from '../../../main/ipc/methods';
import { PasswordHasher } from '../../../main/reset/hashing';
import { FolderFileSaver } from '../../support/folder-file-saver';
import { MemoryClipboard } from '../../support/memory-clipboard';
import { appWindowLaunch, confineToOrigin } from './app-window';
import { BRIDGE_BINDING, bridgeScript } from './bridge-script';
import { serveRenderer } from './renderer-server';

/** Debian's Chromium; never a browser downloaded by `npx playwright install`. */
export const CHROMIUM_PATH = process.env.RESETDESK_CHROMIUM || '/usr/bin/chromium';

export interface ChromiumTargetOptions {
  projectRoot: string;
  db: string;
  headless: boolean;
  idleLockMinutes?: number;
  clipboardClearSeconds?: number;
  /** Where saved files go in place of a save dialog's choice. */
  saveDir?: string;
  /** The test holds the time of main's timers and of the page's clock (see advanceTime). */
  controlledTime?: boolean;
  /** The window's locale and time zone, as an OS would set them (main's stay the process's). */
  locale?: string;
  timezoneId?: string;
}

export interface ChromiumTarget {
  page: Page;
  context: BrowserContext;
  readClipboard(): Promise<string>;
  /** With controlledTime: moves main's and the page's time on together (nothing moves them otherwise). */
  advanceTime?(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function launchChromiumTarget(options: ChromiumTargetOptions): Promise<ChromiumTarget> {
  // Held until the bridge is in place: the app window loads its URL at once.
  const server = await serveRenderer(path.join(options.projectRoot, 'dist', 'renderer'), { held: true });
  const host = DirectoryHost.open(options.db, { hasher: new PasswordHasher() });
  // As the app does (main/electron/main.ts): the sample's mail and SMS land in its local outbox.
  const outbox = new OutboxHost(host);
  await outbox.sync();
  const clipboard = new MemoryClipboard();
  // Main's idle lock and clipboard clear then run on the test's time alone; the rest of main keeps the system clock.
  const time = options.controlledTime ? new ControlledTime() : null;
  const ipc = createIpcApp({
    host,
    outbox,
    clipboard,
    files: new FolderFileSaver(options.saveDir ?? mkdtempSync(path.join(tmpdir(), 'resetdesk-saved-'))),
    clock: time?.clock ?? systemClock,
    ...(time ? { timers: time.timers } : {}),
    // The served page's own origin plays the part of app://resetdesk.
    isTrustedSender: (url) => url !== undefined && url.startsWith(`${server.origin}/`),
    ...(options.idleLockMinutes !== undefined ? { idleLockMinutes: options.idleLockMinutes } : {}),
    ...(options.clipboardClearSeconds !== undefined ? { clipboardClearSeconds: options.clipboardClearSeconds } : {}),
    // The name and where it was thrown, not the message (it could quote request data):
    // enough to find a bug seen once in CI.
    onInternalError: (method, error) =>
      console.error(
        `resetdesk: ${method} failed: ${error instanceof Error ? `${error.name}\n${(error.stack ?? '').split('\n').slice(1, 8).join('\n')}` : 'error'}`,
      ),
  });

  // Its own profile, removed on close: nothing of a session outlives it.
  const profileDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-chromium-profile-'));
  let context: BrowserContext | null = null;
  const close = async () => {
    await context?.close().catch(() => {});
    await ipc.shutdown();
    await outbox.close();
    await host.close();
    await server.close();
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    const appUrl = `${server.origin}/index.html`;
    const launch = appWindowLaunch(appUrl, profileDir, options.headless);
    context = await chromium.launchPersistentContext(launch.userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless,
      args: launch.args,
      viewport: launch.viewport,
      ...(options.locale !== undefined ? { locale: options.locale } : {}),
      ...(options.timezoneId !== undefined ? { timezoneId: options.timezoneId } : {}),
      // Headed (npm run preview), the script owns Ctrl+C: it closes the app,
      // then the directory and the profile folder, before exiting.
      ...(options.headless ? {} : { handleSIGINT: false, handleSIGTERM: false }),
    });
    const page = context.pages()[0] ?? (await context.waitForEvent('page'));
    await confineToOrigin(context, page, server.origin);
    // The answer crosses as one JSON string, parsed by the bridge (the contract's answers are plain
    // JSON): Playwright's own serializer walks every value of an object through the DevTools
    // protocol, and a search page of 50 users took 17 ms there and back against 11 ms as text
    // (the dispatch itself ~2 ms), a cost Electron's structured clone does not have.
    await page.exposeBinding(BRIDGE_BINDING, async ({ frame }, channel: unknown, request: unknown) => {
      const method = typeof channel === 'string' ? methodOfChannel(channel) : null;
      return JSON.stringify(await ipc.dispatch(method ?? String(channel), frame.url(), request));
    });
    await page.addInitScript({ content: await bridgeScript() });
    // The renderer's own timers (its idle check, its clipboard watch) on a clock the test moves on with main's;
    // between moves it flows as usual, so typing pauses and animations are untouched.
    if (time) await context.clock.install({ time: time.clock() });
    server.release();
    // Reloaded in place: the placeholder's history entry becomes the app's, so Back has nowhere to go.
    await page.reload();
    if (page.url() !== appUrl) throw new Error(`The app window opened ${page.url()}, not ${appUrl}.`);
    const advanceTime = async (ms: number) => {
      time!.advance(ms);
      // What the timers started (the session's end, the clipboard's clear) is done before the window looks.
      await ipc.session.settled();
      await new Promise((resolve) => setImmediate(resolve));
      await page.clock.fastForward(ms);
    };
    return { page, context, readClipboard: () => clipboard.readText(), ...(time ? { advanceTime } : {}), close };
  } catch (error) {
    await close();
    throw error;
  }
}
