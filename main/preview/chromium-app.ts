/**
 * The app in Debian's Chromium, for anyone who cannot run Electron (`npm run
 * preview`) and for the e2e suite's Chromium target: the built renderer as an
 * app window confined to the app's origin (app-window.ts), with
 * `window.resetdesk` bridged to the desktop's real main-process handlers
 * (main/desktop/start-desktop.ts, the same composition as Electron's) running
 * in this process. Only Electron itself is absent: the window is Chromium's,
 * and the clipboard is a process-local stand-in (memory-clipboard.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { defaultDataDir } from '../app/paths';
import type { Clock } from '../domain/clock';
import { startDesktop, type Desktop, type DesktopOptions } from '../desktop/start-desktop';
import { methodOfChannel } from '../ipc/methods';
import { appWindowLaunch, confineToOrigin } from './app-window';
import { BRIDGE_BINDING, bridgeScript, deliverEvents, type EventDelivery } from './bridge-script';
import { FolderFileSaver } from './folder-file-saver';
import { MemoryClipboard } from './memory-clipboard';
import { serveRenderer } from './renderer-server';

/** Debian's Chromium; never a browser downloaded by `npx playwright install`. */
export const CHROMIUM_PATH = process.env.RESETDESK_CHROMIUM || '/usr/bin/chromium';

export interface ChromiumAppOptions {
  /** The folder holding dist/ (the built renderer). */
  projectRoot: string;
  /** RESETDESK_* settings, as for the Electron app (main/desktop/config.ts). */
  env: NodeJS.ProcessEnv;
  /** The local file; default as the Electron app finds it ($RESETDESK_DB, else the data folder). */
  db?: string;
  headless: boolean;
  /** Where saved files go in place of a save dialog's choice. Default: a new temporary folder, kept. */
  saveDir?: string;
  /** Main's idle-lock and clipboard-clear time, held by a test (with `timers`). */
  clock?: Clock;
  timers?: DesktopOptions['timers'];
  /** Where an unexpected handler error is told (never the request). */
  onInternalError: NonNullable<DesktopOptions['onInternalError']>;
  /** The window's locale and time zone, as an OS would set them (main's stay the process's). */
  locale?: string;
  timezoneId?: string;
  /** Runs on the window before it loads the app (a test installs the page's clock here). */
  beforeLoad?(context: BrowserContext): Promise<void>;
}

export interface ChromiumApp {
  page: Page;
  context: BrowserContext;
  desktop: Desktop;
  /** Main's events on their way into the page (a test waits for them after moving the time on). */
  events: EventDelivery;
  readClipboard(): Promise<string>;
  close(): Promise<void>;
}

export async function launchChromiumApp(options: ChromiumAppOptions): Promise<ChromiumApp> {
  // Held until the bridge is in place: the app window loads its URL at once.
  const server = await serveRenderer(path.join(options.projectRoot, 'dist', 'renderer'), { held: true });
  const clipboard = new MemoryClipboard();
  let desktop: Desktop;
  try {
    desktop = await startDesktop({
      env: options.env,
      dataDir: defaultDataDir(options.env),
      ...(options.db !== undefined ? { db: options.db } : {}),
      clipboard,
      files: new FolderFileSaver(options.saveDir ?? mkdtempSync(path.join(tmpdir(), 'resetdesk-saved-'))),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.timers ? { timers: options.timers } : {}),
      // The served page's own origin plays the part of app://resetdesk.
      isTrustedSender: (url) => url !== undefined && url.startsWith(`${server.origin}/`),
      onInternalError: options.onInternalError,
      onOutboxError: (error) => options.onInternalError('the sample outbox', error),
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  await desktop.outboxStarted;

  // Its own profile, removed on close: nothing of a session outlives it.
  const profileDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-chromium-profile-'));
  let context: BrowserContext | null = null;
  const close = async () => {
    await context?.close().catch(() => {});
    await desktop.close();
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
      // Headed (npm run preview), the preview owns Ctrl+C: it closes the app,
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
      return JSON.stringify(await desktop.ipc.dispatch(method ?? String(channel), frame.url(), request));
    });
    await page.addInitScript({ content: await bridgeScript() });
    // Main's events (the idle lock, the clipboard's clear, the outbox) into the page, as the Electron glue sends them.
    const events = deliverEvents(page, desktop.ipc.events);
    await options.beforeLoad?.(context);
    server.release();
    // Reloaded in place: the placeholder's history entry becomes the app's, so Back has nowhere to go.
    await page.reload();
    if (page.url() !== appUrl) throw new Error(`The app window opened ${page.url()}, not ${appUrl}.`);
    return { page, context, desktop, events, readClipboard: () => clipboard.readText(), close };
  } catch (error) {
    await close();
    throw error;
  }
}
