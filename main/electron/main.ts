/**
 * Electron main process: the thin, secure glue around the app (the Electron
 * security checklist in shared/reference/domain.md). Everything with logic lives
 * outside main/electron/ and runs under plain Node.
 *
 * Bundled by scripts/build.mjs to dist/electron/main.cjs; the preload is
 * dist/preload/index.cjs and the renderer is served from dist/renderer/ through
 * the app:// protocol (never file://).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, protocol, session, type WebContents } from 'electron';
import { openOrCreateDirectory, type OpenedDirectory } from '../app/first-run';
import { DIRECTORY_FILE } from '../paths';
import { PasswordHasher } from '../reset/hashing';
import { CONTENT_SECURITY_POLICY, contentTypeOf, resolveRendererFile } from './renderer-path';

const APP_SCHEME = 'app';
const APP_HOST = 'resetdesk';
const START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** dist/electron/ (import.meta.url is defined for the CJS bundle by scripts/build.mjs). */
const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD = path.join(here, '..', 'preload', 'index.cjs');
const RENDERER_DIR = path.join(here, '..', 'renderer');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

// Must run before 'ready'. A standard, secure scheme gets a real origin
// (app://resetdesk), so 'self' in the CSP means exactly the app's own files.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
/** The directory file, opened (or created with the sample on first run) at start-up. */
let directory: OpenedDirectory | null = null;

function plainResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** Serves files from the renderer folder only. */
async function serveRenderer(request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Method not allowed');
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return plainResponse(404, 'Not found');
  const file = resolveRendererFile(RENDERER_DIR, url.pathname);
  if (file === null) return plainResponse(403, 'Forbidden');
  try {
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) },
    });
  } catch {
    return plainResponse(404, 'Not found');
  }
}

/** Navigation, new windows and <webview> are refused for every web contents. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function secureSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Any response that does not come from the app:// handler gets the CSP too.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  protocol.handle(APP_SCHEME, serveRenderer);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    title: 'Resetdesk',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(START_URL);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('will-quit', () => directory?.store.close());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (mainWindow === null && app.isReady()) mainWindow = createWindow();
  });
  app
    .whenReady()
    .then(async () => {
      secureSession();
      // $RESETDESK_DB (as the CLI honours it), else userData/directory.sqlite.
      const dbPath = process.env.RESETDESK_DB || path.join(app.getPath('userData'), DIRECTORY_FILE);
      directory = await openOrCreateDirectory(dbPath, { hasher: new PasswordHasher() });
      mainWindow = createWindow();
    })
    .catch((error: unknown) => {
      console.error('Resetdesk could not start:', error);
      app.exit(1);
    });
}
