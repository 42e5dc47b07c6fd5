/**
 * Preload (sandboxed, context-isolated). Bundled by scripts/build.mjs to
 * dist/preload/index.cjs; a sandboxed preload may only require('electron').
 *
 * Exposes exactly one object, `window.resetdesk`: the typed API built from the
 * shared contract, its `invoke` being ipcRenderer.invoke and its `on` listening
 * with ipcRenderer.on to the channels of the contract's events only (createApi
 * refuses any other name). Nothing else of Electron (no ipcRenderer, no event
 * object, no Node) crosses the bridge: a handler gets the payload alone.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi } from '../main/ipc/api';

contextBridge.exposeInMainWorld(
  'resetdesk',
  createApi(
    (channel, request) => ipcRenderer.invoke(channel, request),
    (channel, handler) => {
      const listener = (_event: IpcRendererEvent, payload: unknown) => handler(payload);
      ipcRenderer.on(channel, listener);
      return () => void ipcRenderer.removeListener(channel, listener);
    },
  ),
);
