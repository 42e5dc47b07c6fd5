/**
 * `npm run preview`: the app in a Chromium window, for anyone who cannot run
 * Electron; the preview's composition root. It is the app the e2e suite's
 * Chromium target drives, headed: Debian's Chromium on the built renderer, as
 * an app window (--app: no address bar, tabs or Back; a profile of its own;
 * nothing leaves the app's origin, see app-window.ts), with the desktop's
 * main-process handlers in this process (main/desktop/start-desktop.ts, as
 * Electron composes them: the same RESETDESK_* settings, the keychain's
 * service-account password) over the same directory file as the CLI (--db,
 * $RESETDESK_DB, or the app's data folder). No directory yet: the first-run
 * screen creates one.
 *
 * The clipboard is the Chromium target's stand-in (Electron's clipboard module
 * cannot exist outside Electron): Copy puts the password there, and the dialog
 * shows when it is cleared.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDbPath } from '../app/paths';
import { CHROMIUM_PATH, launchChromiumApp } from './chromium-app';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const dbFlag = process.argv.indexOf('--db');
const db = resolveDbPath(dbFlag >= 0 ? process.argv[dbFlag + 1] : undefined);

// What is missing is said in one line, with what to install: Playwright's own
// words ("Failed to launch chromium because executable doesn't exist…") come
// as a stack trace that names neither.
if (!existsSync(CHROMIUM_PATH)) {
  console.error(
    `npm run preview needs Chromium, and ${CHROMIUM_PATH} does not exist: \`apt-get install chromium xvfb xauth\` on Debian or Ubuntu, or set RESETDESK_CHROMIUM to a Chromium binary.`,
  );
  process.exit(1);
}
const NO_DISPLAY = 'npm run preview opens a window and needs a display: run it on a desktop, or as `xvfb-run -a npm run preview` (apt-get install xvfb xauth).';
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') {
  console.error(NO_DISPLAY);
  process.exit(1);
}

/** Any other failure to start: one line, not a stack trace (RESETDESK_DEBUG=1 shows the whole error). */
function startFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // $DISPLAY names no X server (a closed session, a stale variable): Chromium's log says so deep inside the error.
  if (text.includes('Missing X server')) return `${NO_DISPLAY} No X server answers at DISPLAY=${process.env.DISPLAY ?? ''}.`;
  const first = text.split('\n').find((line) => line.trim() !== '') ?? 'unknown error';
  return `npm run preview could not start the app: ${first.trim()}`;
}

async function launch() {
  try {
    return await launchChromiumApp({
      projectRoot: PROJECT_ROOT,
      env: process.env,
      db,
      headless: false,
      // The method and the error's name only: never the request, which may hold a password.
      onInternalError: (method, error) => console.error(`resetdesk: ${method} failed: ${error instanceof Error ? error.name : 'error'}`),
    });
  } catch (error) {
    if (process.env.RESETDESK_DEBUG === '1') console.error(error);
    console.error(startFailure(error));
    process.exit(1);
  }
}

const app = await launch();
console.log(`Resetdesk preview: Chromium on ${db}. Close the window (or press Ctrl+C) to stop.`);

let stopping = false;
async function stop(code: number): Promise<void> {
  // Closing the app closes the page too, which calls this again: only the first
  // call closes and exits, after the clean-up (directory, profile folder) is done.
  if (stopping) return;
  stopping = true;
  await app.close();
  process.exit(code);
}
app.page.on('close', () => void stop(0));
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
