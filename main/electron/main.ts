/**
 * Electron main process: the app's lifecycle only (single instance, start-up,
 * quit). Each security decision lives in its own small file next to this one
 * (window, protocol, security, ipc, clipboard, menu), and everything with logic
 * lives outside main/electron/ and runs under plain Node.
 *
 * Bundled by scripts/build.mjs to dist/electron/main.cjs; the preload is
 * dist/preload/index.cjs and the renderer is served from dist/renderer/ through
 * the app:// protocol (never file://).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow, type WebContents } from 'electron';
import { readAppConfig } from '../app/config';
import { DirectoryHost } from '../app/directory-host';
import { OutboxHost } from '../app/outbox-host';
import { keychainServicePassword } from '../app/open-services';
import { systemClock } from '../domain/clock';
import { DomainError } from '../domain/errors';
import { createIpcApp, type IpcApp } from '../ipc/app';
import { DIRECTORY_FILE } from '../app/paths';
import { PasswordHasher } from '../reset/hashing';
import { electronClipboard } from './clipboard';
import { electronFileSaver } from './file-saver';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { START_URL, isAppOrigin } from './origin';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { logError } from './report';
import { lockDownAllWebContents, secureSession } from './security';
import { createShutdownGate } from './shutdown-gate';
import { createMainWindow } from './window';

/** dist/electron/ (import.meta.url is defined for the CJS bundle by scripts/build.mjs). */
const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD = path.join(here, '..', 'preload', 'index.cjs');
const RENDERER_DIR = path.join(here, '..', 'renderer');

let mainWindow: BrowserWindow | null = null;
let host: DirectoryHost | null = null;
let outbox: OutboxHost | null = null;
let ipcApp: IpcApp | null = null;
/** Whether a temporary password is on screen: a window created later must be protected too. */
let secretOnScreen = false;

function liveWindow(): BrowserWindow | null {
  return mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null;
}

const isAppWindow = (contents: WebContents) => contents.id === liveWindow()?.webContents.id;

function openWindow(): void {
  const window = createMainWindow({ preload: PRELOAD, url: START_URL });
  // Keeps the password out of screenshots, screen sharing and recordings (Windows, macOS).
  window.setContentProtection(secretOnScreen);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
}

function showSecret(visible: boolean): void {
  secretOnScreen = visible;
  liveWindow()?.setContentProtection(visible);
}

async function start(): Promise<void> {
  // Invalid settings stop the start-up before anything is opened.
  const config = readAppConfig(process.env);
  secureSession(session.defaultSession);
  handleAppProtocol(RENDERER_DIR);
  // $RESETDESK_DB (as the CLI honours it), else userData/directory.sqlite. When
  // the file does not exist, the page shows the first-run screen.
  const dbPath = process.env.RESETDESK_DB || path.join(app.getPath('userData'), DIRECTORY_FILE);
  // The directory agents sign in to is stored in that file ($RESETDESK_DIRECTORY names a profile instead).
  host = DirectoryHost.open(dbPath, {
    hasher: new PasswordHasher(),
    servicePassword: keychainServicePassword,
    ...(process.env.RESETDESK_DIRECTORY ? { directory: process.env.RESETDESK_DIRECTORY } : {}),
  });
  // The sample tenant's mail and SMS go to a local outbox the app runs (Help → Sample outbox…).
  outbox = new OutboxHost(host);
  outbox.sync().catch((error: unknown) => logError('the sample outbox did not start', error));
  ipcApp = createIpcApp({
    host,
    outbox,
    clipboard: electronClipboard(),
    files: electronFileSaver(liveWindow),
    clock: systemClock,
    isTrustedSender: isAppOrigin,
    idleLockMinutes: config.idleLockMinutes,
    clipboardClearSeconds: config.clipboardClearSeconds,
    // The method and the error only: never the request, which may hold a password.
    onInternalError: (method, error) => logError(`${method} failed`, error),
    onSecretOnScreen: showSecret,
  });
  // Before the window exists, so its first request finds a handler.
  registerIpc(ipcApp.dispatch, isAppWindow);
  // The renderer only answers requests; the menu reaches it by an in-page (#) navigation,
  // which the page turns into opening the Outbox screen (a loadURL from main that only
  // changes the fragment does not reload the page, nor emit will-navigate).
  installMenu({ onOpenOutbox: () => void liveWindow()?.webContents.loadURL(`${START_URL}#outbox`).catch(() => {}) });
  openWindow();
}

/** Quit clean-up: clear our clipboard copy, then close the directory file. */
async function cleanup(): Promise<void> {
  try {
    await ipcApp?.shutdown();
    await outbox?.close();
  } finally {
    await host?.close(); // the search thread first, then the file
    host = null;
  }
}

function failToStart(error: unknown): void {
  logError('could not start', error);
  // A DomainError's message is written for the user (e.g. which setting is wrong).
  const message = error instanceof DomainError ? error.message : 'Something went wrong while starting. Nothing was changed.';
  dialog.showErrorBox('Resetdesk could not start', message);
  try {
    host?.close();
  } finally {
    app.exit(1);
  }
}

// A separate profile (and single-instance lock) per instance, for test runs that
// start several apps at once: $RESETDESK_USER_DATA_DIR, else the OS default.
if (process.env.RESETDESK_USER_DATA_DIR) app.setPath('userData', process.env.RESETDESK_USER_DATA_DIR);

if (!app.requestSingleInstanceLock()) {
  // Another Resetdesk is running: it gets focus (below) and this one leaves.
  app.quit();
} else {
  registerAppScheme();
  app.enableSandbox();
  lockDownAllWebContents();

  app.on('second-instance', () => {
    const window = liveWindow();
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (liveWindow() === null && ipcApp !== null) openWindow();
  });

  const gate = createShutdownGate({
    cleanup,
    finish: () => app.quit(),
    onError: (error) => logError('clean-up on quit failed', error),
  });
  app.on('before-quit', gate);
  app.on('will-quit', gate);

  app.whenReady().then(start).catch(failToStart);
}
