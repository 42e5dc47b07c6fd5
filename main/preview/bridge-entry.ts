/**
 * Runs in the page (Chromium target) before the app's own script: installs
 * `window.resetdesk` built by the SAME createApi the Electron preload uses. Its
 * `invoke` is a Playwright binding to the real main-process dispatcher, in place
 * of ipcRenderer.invoke; its `listen` hears main's events, which the target
 * hands in through one delivery function (bridge-script.ts deliverEvents), in
 * place of ipcRenderer.on. Bundled by bridge-script.ts; no DOM types needed.
 */
import { createApi } from '../ipc/api';

/** Answers with the dispatcher's result as JSON text (see chromium.ts). */
type Binding = (channel: string, request: unknown) => Promise<string>;
const page = globalThis as unknown as { __resetdeskInvoke?: Binding };

/** The page's handlers by event channel: what the delivery below calls. */
const listeners = new Map<string, Set<(payload: unknown) => void>>();

const api = createApi(
  (channel, request) => {
    const binding = page.__resetdeskInvoke;
    if (!binding) return Promise.reject(new Error('The Chromium target bridge is not installed.'));
    return binding(channel, request).then((text) => JSON.parse(text) as unknown);
  },
  (channel, handler) => {
    const entry = (payload: unknown) => handler(payload);
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set.add(entry));
    return () => void set.delete(entry);
  },
);

/** One event from main, as ipcRenderer would emit it: each handler gets the payload, and one that throws stops no other. */
function deliver(channel: string, payload: unknown): void {
  for (const handler of [...(listeners.get(channel) ?? [])]) {
    try {
      handler(payload);
    } catch (error) {
      console.error(error);
    }
  }
}

// Like contextBridge: one read-only property the page cannot replace.
Object.defineProperty(globalThis, 'resetdesk', { value: api, enumerable: true, writable: false, configurable: false });
// The target's way in (bridge-script.ts EVENT_DELIVERY), as fixed as the API.
Object.defineProperty(globalThis, '__resetdeskEvent', { value: deliver, enumerable: false, writable: false, configurable: false });
