/**
 * Preload (sandboxed, context-isolated). Bundled by scripts/build.mjs to
 * dist/preload/index.cjs; a sandboxed preload may only require('electron').
 * Placeholder: the typed Resetdesk API replaces this object.
 */
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('resetdesk', Object.freeze({ version: 1 }));
