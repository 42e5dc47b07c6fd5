/**
 * The e2e suite's Chromium target: the preview's Chromium app
 * (main/preview/chromium-app.ts), headless, with what a test needs besides:
 * its own settings, a folder for saved files, and time it can hold.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { launchChromiumApp } from '../../../main/preview/chromium-app';
import { ControlledTime } from '../../support/controlled-time';

export { CHROMIUM_PATH } from '../../../main/preview/chromium-app';

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
  // Main's idle lock and clipboard clear then run on the test's time alone; the rest of main keeps the system clock.
  const time = options.controlledTime ? new ControlledTime() : null;
  // The settings reach main as the Electron target passes them: through the environment (main/desktop/config.ts).
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.idleLockMinutes !== undefined) env.RESETDESK_IDLE_LOCK_MINUTES = String(options.idleLockMinutes);
  if (options.clipboardClearSeconds !== undefined) env.RESETDESK_CLIPBOARD_CLEAR_SECONDS = String(options.clipboardClearSeconds);
  const app = await launchChromiumApp({
    projectRoot: options.projectRoot,
    env,
    db: options.db,
    headless: options.headless,
    ...(options.saveDir !== undefined ? { saveDir: options.saveDir } : {}),
    ...(time ? { clock: time.clock, timers: time.timers } : {}),
    ...(options.locale !== undefined ? { locale: options.locale } : {}),
    ...(options.timezoneId !== undefined ? { timezoneId: options.timezoneId } : {}),
    // The name and where it was thrown, not the message (it could quote request data):
    // enough to find a bug seen once in CI.
    onInternalError: (method, error) =>
      console.error(
        `resetdesk: ${method} failed: ${error instanceof Error ? `${error.name}\n${(error.stack ?? '').split('\n').slice(1, 8).join('\n')}` : 'error'}`,
      ),
    // The renderer's own timers (the countdown's tick, typing pauses) on a clock the test moves on with main's;
    // between moves it flows as usual, so typing pauses and animations are untouched.
    ...(time ? { beforeLoad: (context: BrowserContext) => context.clock.install({ time: time.clock() }) } : {}),
  });
  const advanceTime = async (ms: number) => {
    time!.advance(ms);
    // What the timers started (the session's end, the clipboard's clear) is done before the window looks.
    await app.desktop.ipc.session.settled();
    await new Promise((resolve) => setImmediate(resolve));
    await app.events.delivered();
    await app.page.clock.fastForward(ms);
  };
  return { page: app.page, context: app.context, readClipboard: app.readClipboard, ...(time ? { advanceTime } : {}), close: app.close };
}
