/**
 * THE registration of the IPC channels: one `ipcMain.handle` per contract
 * method, each forwarding to the dispatcher (main/ipc/dispatch.ts), which checks
 * the sender's origin, validates the request with zod and answers a typed
 * result or a typed error. Nothing else listens on ipcMain. And the one way
 * back: main's events (main/ipc/events.ts), sent to the app's window only.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { DomainError, toErrorPayload } from '../domain/errors';
import type { Dispatch } from '../ipc/dispatch';
import { eventChannelOf } from '../ipc/event-names';
import type { AppEvents } from '../ipc/events';
import { METHOD_NAMES, channelOf } from '../ipc/methods';
import { trustedSenderUrl } from '../desktop/origin';

/**
 * The URL of the frame that sent `event`, when that frame is the main frame of
 * the app's window; undefined otherwise, which the dispatcher refuses.
 */
function senderUrlOf(event: IpcMainInvokeEvent, isAppWindow: (contents: WebContents) => boolean): string | undefined {
  return trustedSenderUrl(event.senderFrame, isAppWindow(event.sender));
}

/**
 * Registers every method; returns the function that removes them again.
 * `isAppWindow` tells whether a web contents is the app's own window's.
 */
export function registerIpc(dispatch: Dispatch, isAppWindow: (contents: WebContents) => boolean): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelOf(method), async (event, request: unknown) => {
      // dispatch never rejects, but nothing thrown may reach Electron: it would
      // send the renderer the error's message and stack.
      try {
        return await dispatch(method, senderUrlOf(event, isAppWindow), request);
      } catch {
        return { ok: false, error: toErrorPayload(new DomainError('INTERNAL')) };
      }
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(channelOf(method));
  };
}

/**
 * Sends each of main's events to the app's window, on the channel named after
 * it (the preload listens there), and to no other contents: `appWindow` is the
 * window's contents, or null while there is none (an event then goes nowhere:
 * the next window reads the state when it loads). Returns what stops it.
 */
export function forwardEvents(events: AppEvents, appWindow: () => WebContents | null): () => void {
  return events.subscribe(({ name, payload }) => {
    const contents = appWindow();
    if (contents !== null && !contents.isDestroyed()) contents.send(eventChannelOf(name), payload);
  });
}
