import type { Clock } from '../domain/clock';
import type { DirectoryHost } from '../app/directory-host';
import type { OutboxControl } from '../app/outbox-host';
import { ClipboardGuard, type SecretClipboard, type TimerPort } from './clipboard-guard';
import { createDispatcher, type Dispatch } from './dispatch';
import { DomainError } from '../domain/errors';
import { EventHub, type AppEvents } from './events';
import type { FileSaver } from './file-saver';
import { FirstRunAccounts } from './first-run-accounts';
import { createHandlers } from './handlers';
import { guardHandlers } from './access';
import { ResetResults } from './reset-results';
import { AgentSession } from './session';

export interface IpcAppOptions {
  host: DirectoryHost;
  clipboard: SecretClipboard;
  clock: Clock;
  /** Where "Save to file…" and "Export CSV" write (Electron: a save dialog). None: saving is refused. */
  files?: FileSaver;
  isTrustedSender(url: string | undefined): boolean;
  idleLockMinutes?: number;
  clipboardClearSeconds?: number;
  timers?: TimerPort;
  onInternalError?(method: string, error: unknown): void;
  /**
   * Called with true when a temporary password is on screen (a reset result not
   * yet forgotten) and false when none is: the glue turns on content protection.
   */
  onSecretOnScreen?(visible: boolean): void;
  /** The sample's local outbox (main/app/outbox-host.ts), for the Outbox screen. */
  outbox?: OutboxControl;
}

export interface IpcApp {
  dispatch: Dispatch;
  session: AgentSession;
  /** What main pushes to the window, for every transport to subscribe (Electron glue, Chromium bridge, a server's stream). */
  events: AppEvents;
  /** On quit: end the session, clear the clipboard if it still holds our copy, forget every result. */
  shutdown(): Promise<void>;
}

export const DEFAULT_IDLE_LOCK_MINUTES = 15;
export const DEFAULT_CLIPBOARD_CLEAR_SECONDS = 30;

const NO_FILES: FileSaver = {
  save: async () => {
    throw new DomainError('FILE_NOT_SAVED');
  },
};

/**
 * Everything main answers the renderer with, assembled once. The Electron glue
 * registers `dispatch` for every channel; the Chromium test target binds the
 * same `dispatch` through Playwright, so both run the same code.
 */
export function createIpcApp(options: IpcAppOptions): IpcApp {
  const idleLockMinutes = options.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES;
  const events = new EventHub(options.onInternalError ? { onError: options.onInternalError } : {});
  const results = new ResetResults(options.onSecretOnScreen);
  const clipboard = new ClipboardGuard(options.clipboard, {
    clock: options.clock,
    clearAfterSeconds: options.clipboardClearSeconds ?? DEFAULT_CLIPBOARD_CLEAR_SECONDS,
    ...(options.timers ? { timers: options.timers } : {}),
    onChange: (status) => events.emit('clipboard.changed', status),
  });
  const session = new AgentSession({
    clock: options.clock,
    idleLockMinutes,
    ...(options.timers ? { timers: options.timers } : {}),
    // Sign-out, the idle lock and another agent signing in end a session: the
    // next person at the desk must find neither its results nor its copy.
    onEnd: async (why) => {
      results.clear();
      firstRun.forget();
      // Before the clipboard's clear, so the window hears of the lock first.
      events.emit('session.ended', { why });
      // The replica's sync thread binds as the agent (agent mode): it stops with the session.
      options.host.services?.directory.rest?.();
      await clipboard.clearIfOurs();
    },
  });
  // The first-run passwords, kept for Copy and Save to file… until the screen is dismissed.
  const firstRun = new FirstRunAccounts();
  const handlers = createHandlers({
    host: options.host,
    session,
    results,
    clipboard,
    files: options.files ?? NO_FILES,
    firstRun,
    idleLockMinutes,
    outbox: options.outbox,
  });
  // A message in the sample's outbox: the open Outbox screen reads the list again (the event carries none of it).
  const unfollowOutbox = options.outbox?.onReceived(({ channel, at }) => events.emit('outbox.received', { channel, at }));
  const dispatch = createDispatcher({
    // Every method's check of who calls (main/ipc/access.ts) runs before its handler.
    handlers: guardHandlers(handlers, { host: options.host, session }),
    isTrustedSender: options.isTrustedSender,
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  });
  return {
    dispatch,
    session,
    events,
    async shutdown() {
      unfollowOutbox?.();
      session.end('quit');
      results.clear();
      await session.settled();
      await clipboard.clearIfOurs();
    },
  };
}
