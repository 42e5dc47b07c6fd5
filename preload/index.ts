/**
 * Preload (sandboxed, context-isolated). Bundled by scripts/build.mjs to
 * dist/preload/index.cjs; a sandboxed preload may only require('electron').
 *
 * Exposes exactly one object, `window.resetdesk`: the typed API built from the
 * shared contract, its `invoke` being ipcRenderer.invoke. Nothing else of
 * Electron (no ipcRenderer, no events, no Node) crosses the bridge.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from '../main/ipc/api';

contextBridge.exposeInMainWorld(
  'resetdesk',
  createApi((channel, request) => ipcRenderer.invoke(channel, request)),
);
