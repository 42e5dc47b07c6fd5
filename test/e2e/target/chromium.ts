/**
 * The Chromium target: Debian's Chromium on the built renderer, with
 * `window.resetdesk` wired to the real main-process handlers (createIpcApp over
 * a real SQLite file) running here, in the Playwright process. Only Electron
 * itself is absent: the window is Chromium's, and the clipboard is a
 * process-local stand-in (Electron's clipboard module cannot exist outside it).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { systemClock } from '../../../main/clock';
import { createIpcApp } from '../../../main/ipc/app';
import { methodOfChannel } from '../../../main/ipc/methods';
import { PasswordHasher } from '../../../main/reset/hashing';
import { FolderFileSaver } from '../../support/folder-file-saver';
import { MemoryClipboard } from '../../support/memory-clipboard';
import { BRIDGE_BINDING, bridgeScript } from './bridge-script';
import { serveRenderer } from './renderer-server';

/** Debian's Chromium; never a browser downloaded by `npx playwright install`. */
export const CHROMIUM_PATH = process.env.RESETDESK_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumTargetOptions {
  projectRoot: string;
  db: string;
  headless: boolean;
  idleLockMinutes?: number;
  clipboardClearSeconds?: number;
  /** Where saved files go in place of a save dialog's choice. */
  saveDir?: string;
}

export interface ChromiumTarget {
  page: Page;
  browser: Browser;
  readClipboard(): Promise<string>;
  close(): Promise<void>;
}

export async function launchChromiumTarget(options: ChromiumTargetOptions): Promise<ChromiumTarget> {
  const server = await serveRenderer(path.join(options.projectRoot, 'dist', 'renderer'));
  const host = DirectoryHost.open(options.db, { hasher: new PasswordHasher() });
  const clipboard = new MemoryClipboard();
  const ipc = createIpcApp({
    host,
    clipboard,
    files: new FolderFileSaver(options.saveDir ?? mkdtempSync(path.join(tmpdir(), 'resetdesk-saved-'))),
    clock: systemClock,
    // The served page's own origin plays the part of app://resetdesk.
    isTrustedSender: (url) => url !== undefined && url.startsWith(`${server.origin}/`),
    ...(options.idleLockMinutes !== undefined ? { idleLockMinutes: options.idleLockMinutes } : {}),
    ...(options.clipboardClearSeconds !== undefined ? { clipboardClearSeconds: options.clipboardClearSeconds } : {}),
    onInternalError: (method, error) =>
      console.error(`resetdesk: ${method} failed: ${error instanceof Error ? error.name : 'error'}`),
  });

  let browser: Browser | null = null;
  const close = async () => {
    await browser?.close().catch(() => {});
    await ipc.shutdown();
    host.close();
    await server.close();
  };
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: options.headless,
      args: CHROMIUM_FLAGS,
    });
    const context = await browser.newContext(options.headless ? { viewport: { width: 1280, height: 800 } } : { viewport: null });
    const page = await context.newPage();
    await page.exposeBinding(BRIDGE_BINDING, ({ frame }, channel: unknown, request: unknown) => {
      const method = typeof channel === 'string' ? methodOfChannel(channel) : null;
      return ipc.dispatch(method ?? String(channel), frame.url(), request);
    });
    await page.addInitScript({ content: await bridgeScript() });
    await page.goto(`${server.origin}/index.html`);
    return { page, browser, readClipboard: () => clipboard.readText(), close };
  } catch (error) {
    await close();
    throw error;
  }
}
