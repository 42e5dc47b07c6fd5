/**
 * A FAKE 'electron' module for test/integration/electron/glue.test.ts.
 *
 * Electron's binary cannot exist here; this fake records what the glue asks of
 * Electron so its wiring is checked. It implements only what
 * dist/electron/main.cjs calls, records every call, and enforces the ordering
 * rules real Electron enforces by throwing (privileged schemes and the sandbox
 * before 'ready'; sessions, protocol handlers and windows after it), so a glue
 * that does things in the wrong order fails here as it would in Electron.
 * It says nothing about Chromium's own behaviour (the sandbox, the CSP): only
 * that the glue asked for it.
 */
import { EventEmitter } from 'node:events';
import Module, { createRequire } from 'node:module';

type Handler = (...args: never[]) => unknown;
export type IpcHandler = (event: unknown, request: unknown) => Promise<unknown>;
export type ProtocolHandler = (request: Request) => Promise<Response> | Response;

/** Electron's event objects as far as the glue uses them. */
export function fakeEvent(): { defaultPrevented: boolean; preventDefault(): void } {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  windowOpenHandler: Handler | null = null;
  /** Every webContents.send: the channel and what followed it. */
  readonly sent: [string, ...unknown[]][] = [];
  destroyed = false;
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeClipboardItem {
  constructor(readonly items: Record<string, unknown>) {}
  get types(): string[] {
    return Object.keys(this.items);
  }
}

/** The system clipboard, text only, plus what each write carried. */
export class FakeClipboard {
  text = '';
  readonly writes: FakeClipboardItem[][] = [];
  clears = 0;
  async write(items: FakeClipboardItem[]): Promise<void> {
    this.writes.push(items);
    const plain = items[0]?.items['text/plain'];
    this.text = typeof plain === 'string' ? plain : '';
  }
  async readText(): Promise<string> {
    return this.text;
  }
  clear(): void {
    this.text = '';
    this.clears++;
  }
  /** Another application copying something. */
  writeOther(text: string): void {
    this.text = text;
  }
}

export interface FakeWindow extends EventEmitter {
  readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
  readonly webContents: FakeWebContents;
  readonly loadedUrls: string[];
  readonly contentProtection: boolean[];
  shown: boolean;
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

export function createFakeElectron() {
  /** The order of the calls that Electron constrains, for the "before ready" checks. */
  const log: string[] = [];
  const mustBeReady = (what: string) => {
    if (!app.ready) throw new Error(`fake electron: ${what} used before the app is ready`);
  };

  class FakeApp extends EventEmitter {
    ready = false;
    readonly isPackaged = false;
    readonly paths = new Map<string, string>();
    quitCalls = 0;
    quitFinished = false;
    readonly quitEvents: { name: string; prevented: boolean }[] = [];
    readonly exitCodes: number[] = [];
    aboutPanel: unknown = null;
    requestSingleInstanceLock(): boolean {
      log.push('requestSingleInstanceLock');
      return true;
    }
    enableSandbox(): void {
      if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
      log.push('enableSandbox');
    }
    setPath(name: string, value: string): void {
      this.paths.set(name, value);
    }
    getPath(name: string): string {
      const value = this.paths.get(name);
      if (value === undefined) throw new Error(`fake electron: no path ${name}`);
      return value;
    }
    getName = () => 'Resetdesk';
    getVersion = () => '0.1.0';
    setAboutPanelOptions(options: unknown): void {
      this.aboutPanel = options;
    }
    showAboutPanel(): void {}
    isReady = () => this.ready;
    whenReady(): Promise<void> {
      // Ready comes later, as in Electron: after the main script has run.
      return new Promise((resolve) =>
        setImmediate(() => {
          this.ready = true;
          log.push('ready');
          this.emit('ready');
          resolve();
        }),
      );
    }
    /** As Electron: 'before-quit', then 'will-quit', each of which a listener may cancel. */
    quit(): void {
      this.quitCalls++;
      for (const name of ['before-quit', 'will-quit']) {
        const event = fakeEvent();
        this.emit(name, event);
        this.quitEvents.push({ name, prevented: event.defaultPrevented });
        if (event.defaultPrevented) return;
      }
      this.quitFinished = true;
    }
    exit(code = 0): void {
      this.exitCodes.push(code);
    }
  }
  const app = new FakeApp();

  const windows: FakeWindow[] = [];
  class BrowserWindow extends EventEmitter implements FakeWindow {
    readonly webContents = new FakeWebContents();
    readonly loadedUrls: string[] = [];
    readonly contentProtection: boolean[] = [];
    shown = false;
    constructor(readonly options: FakeWindow['options']) {
      super();
      mustBeReady('new BrowserWindow');
      windows.push(this);
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrls.push(url);
    }
    setContentProtection(enabled: boolean): void {
      this.contentProtection.push(enabled);
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    show(): void {
      this.shown = true;
    }
    restore(): void {}
    focus(): void {}
  }

  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, ProtocolHandler>();
  const protocol = {
    registerSchemesAsPrivileged(list: unknown[]): void {
      if (app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      log.push('registerSchemesAsPrivileged');
      schemes.push(...list);
    },
    handle(scheme: string, handler: ProtocolHandler): void {
      mustBeReady('protocol.handle');
      protocolHandlers.set(scheme, handler);
    },
  };

  /** The session's handlers, recorded by name: the test calls them to see what they answer. */
  const handlers: Record<string, Handler> = {};
  const record = (name: string) => (handler: Handler) => {
    handlers[name] = handler;
  };
  const defaultSession = Object.assign(new EventEmitter(), {
    handlers,
    setPermissionRequestHandler: record('permissionRequest'),
    setPermissionCheckHandler: record('permissionCheck'),
    setDevicePermissionHandler: record('devicePermission'),
    webRequest: { onHeadersReceived: record('headersReceived') },
  });
  const session = {
    get defaultSession() {
      mustBeReady('session.defaultSession');
      return defaultSession;
    },
  };

  /** Every ipcMain.handle call, in order (a channel registered twice shows twice). */
  const ipcRegistrations: string[] = [];
  const ipcHandlers = new Map<string, IpcHandler>();
  const ipc = {
    handle(channel: string, handler: IpcHandler): void {
      ipcRegistrations.push(channel);
      ipcHandlers.set(channel, handler);
    },
    removeHandler(channel: string): void {
      ipcHandlers.delete(channel);
    },
  };

  /** The preload's side: what it exposed, and its ipcRenderer (calls recorded, listeners by channel). */
  const exposed = new Map<string, unknown>();
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown): void {
      exposed.set(key, api);
    },
  };
  const rendererListeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const rendererInvokes: [string, unknown][] = [];
  const renderer = {
    async invoke(channel: string, request: unknown): Promise<unknown> {
      rendererInvokes.push([channel, request]);
      return { ok: true, value: null };
    },
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      const set = rendererListeners.get(channel) ?? new Set();
      rendererListeners.set(channel, set.add(listener));
      return renderer;
    },
    removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      rendererListeners.get(channel)?.delete(listener);
      return renderer;
    },
    /** Main's webContents.send as it reaches the preload: Electron's event object first. */
    emit(channel: string, ...args: unknown[]): void {
      const event = { sender: renderer, senderId: 0, ports: [] };
      for (const listener of [...(rendererListeners.get(channel) ?? [])]) listener(event, ...args);
    },
  };

  const clipboard = new FakeClipboard();
  const errorBoxes: string[][] = [];
  /** The save dialogs shown, and what the next one answers (null: the user cancels). */
  const saveDialog = { calls: [] as { parent: unknown; options: { defaultPath?: string } }[], answer: null as string | null };
  let applicationMenu: unknown = null;

  const module = {
    app,
    BrowserWindow,
    protocol,
    session,
    clipboard,
    ClipboardItem: FakeClipboardItem,
    // eslint-disable-next-line no-restricted-syntax -- the stand-in for Electron's own object; no channel is declared here
    ipcMain: ipc,
    contextBridge,
    // eslint-disable-next-line no-restricted-syntax -- the stand-in for Electron's own object; no channel is declared here
    ipcRenderer: renderer,
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu(menu: unknown) {
        applicationMenu = menu;
      },
    },
    dialog: {
      showErrorBox: (title: string, message: string) => errorBoxes.push([title, message]),
      async showSaveDialog(parentOrOptions: unknown, maybeOptions?: { defaultPath?: string }) {
        const [parent, options] = maybeOptions ? [parentOrOptions, maybeOptions] : [null, parentOrOptions as { defaultPath?: string }];
        saveDialog.calls.push({ parent, options });
        return saveDialog.answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: saveDialog.answer };
      },
    },
  };

  return {
    module,
    app,
    log,
    windows,
    schemes,
    protocolHandlers,
    defaultSession,
    ipcRegistrations,
    ipcHandlers,
    clipboard,
    errorBoxes,
    saveDialog,
    exposed,
    rendererListeners,
    rendererInvokes,
    preloadIpc: renderer,
    get applicationMenu() {
      return applicationMenu;
    },
  };
}

/**
 * Runs the CommonJS bundle at `bundlePath` afresh, its `require('electron')`
 * answered by `fake`. The bundle requires 'electron' only while it loads, so
 * the patch is undone as soon as it has.
 */
export function loadWithFakeElectron(bundlePath: string, fake: FakeElectron): void {
  const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const original = loader._load;
  loader._load = function (request, parent, isMain) {
    return request === 'electron' ? fake.module : original.call(this, request, parent, isMain);
  };
  try {
    const require = createRequire(import.meta.url);
    delete require.cache[bundlePath];
    require(bundlePath);
  } finally {
    loader._load = original;
  }
}
