/**
 * launchApp: the one way to start Resetdesk under Playwright, for this repo's
 * specs and for testers who write their own (import it from outside the repo).
 *
 *   const app = await launchApp({ target: 'chromium', db: '/path/to/directory.sqlite' });
 *   await app.page.getByLabel('User principal name').fill('helpdesk.admin@contoso.com');
 *   ...
 *   await app.close();
 *
 * target  'electron': the unpackaged app in Electron (needs its binary);
 *         'chromium': Debian's Chromium on the built renderer, window.resetdesk
 *         bridged to the real main-process handlers in this process.
 * db      the directory file (e.g. made by `resetdesk init`); a path with no file
 *         opens the first-run screen. Default: a fresh temporary path.
 * Run `npm run build` first: both targets load dist/.
 *
 * It resolves once the first screen is ready for input: its first control (the
 * sign-in UPN, the first run's first choice) has the focus, so a spec may type
 * at once without losing keys. A start-up error (role alert) also counts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errors, type Page } from '@playwright/test';
import { DIRECTORY_FILE } from '../../main/app/paths';
import { launchChromiumTarget } from './target/chromium';
import { launchElectronTarget } from './target/electron';

export type Target = 'electron' | 'chromium';

export interface LaunchOptions {
  target: Target;
  db?: string;
  /** Chromium only: false opens a window (needs a display). Default true. */
  headless?: boolean;
  /** Idle lock, minutes (decimals allowed, e.g. 0.05 = 3 s). Default 15. */
  idleLockMinutes?: number;
  /** Clipboard clear delay, seconds. Default 30. */
  clipboardClearSeconds?: number;
  /**
   * Chromium only: the folder "Save to file…" and "Export CSV" write into (there
   * is no save dialog). Default: a new temporary folder, kept after close.
   */
  saveDir?: string;
  /**
   * Chromium only: the test holds the time. Main's idle lock and clipboard
   * clear, and the window's own timers, then run only when the spec calls
   * advanceTime: a busy machine cannot make them fire early or late.
   */
  controlledTime?: boolean;
  /** Chromium only: the window's locale (its "OS locale": en-GB, de-DE…). Default: the machine's. */
  locale?: string;
  /** Chromium only: the window's time zone (Europe/Paris…). Default: the machine's. */
  timezoneId?: string;
}

export interface LaunchedApp {
  target: Target;
  page: Page;
  /** The directory file in use. */
  db: string;
  /** What the app's clipboard holds now (Electron's clipboard, or the Chromium target's stand-in). */
  readClipboard(): Promise<string>;
  /** With controlledTime (Chromium): moves the app's time on by `ms`, firing what falls due. */
  advanceTime?(ms: number): Promise<void>;
  close(): Promise<void>;
}

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Longer than any start-up here (the renderer asks main for the app state, then the session). */
const READY_TIMEOUT_MS = 30_000;

/** The page's document, as far as the check below needs it (this file is not compiled with the DOM's types). */
interface PageDocument {
  activeElement: { matches(selector: string): boolean } | null;
  querySelector(selector: string): unknown;
}

/**
 * Waits on the page's own state, not a delay: the focus rests in a control of
 * <main> (the screens autofocus their first control once rendered), or the
 * start-up failed and says so.
 */
async function waitUntilReadyForInput(page: Page): Promise<void> {
  try {
    // document.activeElement rather than CSS :focus, which depends on the window having the OS focus.
    await page.waitForFunction(
      () => {
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        const inControl = doc.activeElement?.matches('main :is(input, button, select, textarea)') ?? false;
        return inControl || doc.querySelector('main [role="alert"]') !== null;
      },
      undefined,
      { timeout: READY_TIMEOUT_MS },
    );
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
    throw new Error(`The app's first screen was not ready for input within ${READY_TIMEOUT_MS / 1000} s (no control took the focus).`, {
      cause: error,
    });
  }
}

export async function launchApp(options: LaunchOptions): Promise<LaunchedApp> {
  if (!existsSync(path.join(PROJECT_ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build` first.');
  }
  let tempDir: string | null = null;
  let db = options.db;
  if (db === undefined) {
    tempDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-e2e-'));
    db = path.join(tempDir, DIRECTORY_FILE);
  }
  const timing = {
    ...(options.idleLockMinutes !== undefined ? { idleLockMinutes: options.idleLockMinutes } : {}),
    ...(options.clipboardClearSeconds !== undefined ? { clipboardClearSeconds: options.clipboardClearSeconds } : {}),
  };
  if ((options.locale !== undefined || options.timezoneId !== undefined) && options.target !== 'chromium') {
    throw new Error("locale and timezoneId need the chromium target: Electron's are the OS's.");
  }
  if (options.controlledTime && options.target !== 'chromium') {
    throw new Error("controlledTime needs the chromium target: Electron's main-process timers are real.");
  }
  const removeTemp = () => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    const launched =
      options.target === 'electron'
        ? await launchElectronTarget({ projectRoot: PROJECT_ROOT, db, ...timing })
        : await launchChromiumTarget({
            projectRoot: PROJECT_ROOT,
            db,
            headless: options.headless ?? true,
            ...timing,
            ...(options.saveDir !== undefined ? { saveDir: options.saveDir } : {}),
            ...(options.controlledTime ? { controlledTime: true } : {}),
            ...(options.locale !== undefined ? { locale: options.locale } : {}),
            ...(options.timezoneId !== undefined ? { timezoneId: options.timezoneId } : {}),
          });
    try {
      await waitUntilReadyForInput(launched.page);
    } catch (error) {
      await launched.close();
      throw error;
    }
    return {
      target: options.target,
      page: launched.page,
      db,
      readClipboard: launched.readClipboard,
      ...('advanceTime' in launched && launched.advanceTime ? { advanceTime: launched.advanceTime } : {}),
      close: async () => {
        await launched.close();
        removeTemp();
      },
    };
  } catch (error) {
    removeTemp();
    throw error;
  }
}
