/**
 * The app's one window. Every web preference that matters for security is
 * spelled out, even where Electron 45's default is already the safe value, so
 * a reader (and electronegativity) sees the decision rather than a default.
 */
import { BrowserWindow, app } from 'electron';
import { logError } from './report';
import { WINDOW_SIZE } from './window-size';

export interface MainWindowOptions {
  /** dist/preload/index.cjs: exposes window.resetdesk and nothing else. */
  preload: string;
  url: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    // The page's own size (window-size.ts): the frame and the menu bar come on top.
    useContentSize: true,
    width: WINDOW_SIZE.default.width,
    height: WINDOW_SIZE.default.height,
    minWidth: WINDOW_SIZE.minimum.width,
    minHeight: WINDOW_SIZE.minimum.height,
    title: 'Resetdesk',
    show: false,
    webPreferences: {
      // Reviewed, hence the marker that silences Electronegativity's "review
      // the preload" check here: sandboxed and context-isolated, it exposes
      // only the typed request/response API, window.resetdesk (preload/index.ts).
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click (auxclick) on a link would otherwise try to open a new window.
      disableBlinkFeatures: 'Auxclick',
      enableWebSQL: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // DevTools would let anyone at the desk read the page and call the API by hand.
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.url).catch((error: unknown) => logError('could not load the page', error));
  return window;
}
