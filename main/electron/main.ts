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
import { startDesktop, type Desktop } from '../desktop/start-desktop';
import { DomainError } from '../domain/errors';
import { electronClipboard } from './clipboard';
import { electronFileSaver } from './file-saver';
import { forwardEvents, registerIpc } from './ipc';
import { installMenu } from './menu';
import { START_URL, isAppOrigin } from '../desktop/origin';
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
let desktop: Desktop | null = null;
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
  secureSession(session.defaultSession);
  handleAppProtocol(RENDERER_DIR);
  // Invalid settings stop the start-up before the file is opened.
  desktop = await startDesktop({
    env: process.env,
    dataDir: app.getPath('userData'),
    clipboard: electronClipboard(),
    files: electronFileSaver(liveWindow),
    isTrustedSender: isAppOrigin,
    // The method and the error only: never the request, which may hold a password.
    onInternalError: (method, error) => logError(`${method} failed`, error),
    onSecretOnScreen: showSecret,
    onOutboxError: (error) => logError('the sample outbox did not start', error),
  });
  // Before the window exists, so its first request finds a handler.
  registerIpc(desktop.ipc.dispatch, isAppWindow);
  // What main pushes (the idle lock, the clipboard's clear, the outbox) goes to the app's window alone.
  forwardEvents(desktop.ipc.events, () => liveWindow()?.webContents ?? null);
  // The renderer only answers requests; the menu reaches it by an in-page (#) navigation,
  // which the page turns into opening the Outbox screen (a loadURL from main that only
  // changes the fragment does not reload the page, nor emit will-navigate).
  installMenu({ onOpenOutbox: () => void liveWindow()?.webContents.loadURL(`${START_URL}#outbox`).catch(() => {}) });
  openWindow();
}

/** Quit clean-up: clear our clipboard copy, stop the outbox, then close the directory file. */
async function cleanup(): Promise<void> {
  const started = desktop;
  desktop = null;
  await started?.close();
}

function failToStart(error: unknown): void {
  logError('could not start', error);
  // A DomainError's message is written for the user (e.g. which setting is wrong).
  const message = error instanceof DomainError ? error.message : 'Something went wrong while starting. Nothing was changed.';
  dialog.showErrorBox('Resetdesk could not start', message);
  const started = desktop;
  desktop = null;
  void (started?.close() ?? Promise.resolve()).finally(() => app.exit(1));
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
    if (liveWindow() === null && desktop !== null) openWindow();
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
