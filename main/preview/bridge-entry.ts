/**
 * Runs in the page (Chromium target) before the app's own script: installs
 * `window.resetdesk` built by the SAME createApi the Electron preload uses. Its
 * `invoke` is a Playwright binding to the real main-process dispatcher, in place
 * of ipcRenderer.invoke. Bundled by bridge-script.ts; no DOM types needed.
 */
import { createApi } from '../ipc/api';

/** Answers with the dispatcher's result as JSON text (see chromium.ts). */
type Binding = (channel: string, request: unknown) => Promise<string>;
const page = globalThis as unknown as { __resetdeskInvoke?: Binding };

const api = createApi((channel, request) => {
  const binding = page.__resetdeskInvoke;
  if (!binding) return Promise.reject(new Error('The Chromium target bridge is not installed.'));
  return binding(channel, request).then((text) => JSON.parse(text) as unknown);
});

// Like contextBridge: one read-only property the page cannot replace.
Object.defineProperty(globalThis, 'resetdesk', { value: api, enumerable: true, writable: false, configurable: false });
