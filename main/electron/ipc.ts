/**
 * THE registration of the IPC channels: one `ipcMain.handle` per contract
 * method, each forwarding to the dispatcher (main/ipc/dispatch.ts), which checks
 * the sender's origin, validates the request with zod and answers a typed
 * result or a typed error. Nothing else listens on ipcMain.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { DomainError, toErrorPayload } from '../domain/errors';
import type { Dispatch } from '../ipc/dispatch';
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
