/**
 * The desktop front end, composed once for both of its windows: Electron's
 * (main/electron/main.ts) and the preview's Chromium (main/preview/). Each
 * passes what only it has (a clipboard, a way to save files, which sender is
 * trusted, where errors go); the settings come from the environment
 * (config.ts), the local file and its directory from DirectoryHost, the
 * services from the one builder (main/app/build-services.ts).
 */
import { DirectoryHost } from '../app/directory-host';
import { keychainServicePassword } from '../app/open-services';
import { OutboxHost } from '../app/outbox-host';
import { systemClock, type Clock } from '../domain/clock';
import { createIpcApp, type IpcApp, type IpcAppOptions } from '../ipc/app';
import { PasswordHasher } from '../reset/hashing';
import { directoryOverrideOf, localFileOf, readAppConfig } from './config';

export interface DesktopOptions
  extends Pick<IpcAppOptions, 'clipboard' | 'files' | 'isTrustedSender' | 'onInternalError' | 'onSecretOnScreen' | 'timers'> {
  /** RESETDESK_* settings (config.ts): usually process.env. */
  env: NodeJS.ProcessEnv;
  /** The app's data folder: where the local file is when RESETDESK_DB does not say. */
  dataDir: string;
  /** A local file named by the front end itself (the preview's --db); wins over RESETDESK_DB. */
  db?: string;
  /** Main's clock for the idle lock and the clipboard clear (default: the system's; tests hold it). */
  clock?: Clock;
  /** The sample outbox failed to start: the app runs on without it (Help → Sample outbox… says so). */
  onOutboxError(error: unknown): void;
}

export interface Desktop {
  /** The local file in use. */
  db: string;
  host: DirectoryHost;
  ipc: IpcApp;
  /** The sample outbox has started, or failed (reported to onOutboxError). */
  outboxStarted: Promise<void>;
  /** Ends the session (clipboard, results), stops the outbox, then closes the directory and the file. */
  close(): Promise<void>;
}

/** Invalid settings throw (a DomainError naming the variable) before anything is opened. */
export async function startDesktop(options: DesktopOptions): Promise<Desktop> {
  const config = readAppConfig(options.env);
  const db = options.db ?? localFileOf(options.env, options.dataDir);
  const directory = directoryOverrideOf(options.env);
  // When the file does not exist, the window shows the first-run screen.
  const host = await DirectoryHost.open(db, {
    hasher: new PasswordHasher(),
    servicePassword: keychainServicePassword,
    ...(directory ? { directory } : {}),
  });
  // The sample tenant's mail and SMS go to a local outbox the app runs (Help → Sample outbox…).
  const outbox = new OutboxHost(host);
  const outboxStarted = outbox.sync().catch(options.onOutboxError);
  const ipc = createIpcApp({
    host,
    outbox,
    clipboard: options.clipboard,
    ...(options.files ? { files: options.files } : {}),
    clock: options.clock ?? systemClock,
    ...(options.timers ? { timers: options.timers } : {}),
    isTrustedSender: options.isTrustedSender,
    idleLockMinutes: config.idleLockMinutes,
    clipboardClearSeconds: config.clipboardClearSeconds,
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
    ...(options.onSecretOnScreen ? { onSecretOnScreen: options.onSecretOnScreen } : {}),
  });
  return {
    db,
    host,
    ipc,
    outboxStarted,
    close: async () => {
      try {
        await ipc.shutdown();
        await outbox.close();
      } finally {
        await host.close(); // the search thread first, then the file
      }
    },
  };
}
