/**
 * `npm run preview`: the app in a Chromium window, for anyone who cannot run
 * Electron. It is the e2e suite's Chromium target, headed: Debian's Chromium on
 * the built renderer, as an app window (--app: no address bar, tabs or Back; a
 * profile of its own; nothing leaves the app's origin, see
 * test/e2e/target/app-window.ts), with the real main-process handlers in this
 * process over the same directory file as the CLI (--db, $RESETDESK_DB, or the
 * app's data folder). No directory yet: the first-run screen creates one.
 *
 * The clipboard is the Chromium target's stand-in (Electron's clipboard module
 * cannot exist outside Electron): Copy puts the password there, and the dialog
 * shows when it is cleared.
 */
import { resolveDbPath } from '../main/paths';
import { launchApp } from '../test/e2e/launch';

const dbFlag = process.argv.indexOf('--db');
const db = resolveDbPath(dbFlag >= 0 ? process.argv[dbFlag + 1] : undefined);

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') {
  console.error('npm run preview opens a window and needs a display: run it on a desktop, or under `xvfb-run -a npm run preview`.');
  process.exit(1);
}

const app = await launchApp({ target: 'chromium', db, headless: false });
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
