/**
 * The one way the renderer reaches main: `window.resetdesk`, installed by the
 * preload (Electron) or by the Chromium target's init script, both built with
 * createApi from the shared contract. Only store actions import this module.
 */
import type { ResetdeskApi } from '../main/ipc/api';

declare global {
  interface Window {
    readonly resetdesk?: ResetdeskApi;
  }
}

export function api(): ResetdeskApi {
  if (!window.resetdesk) throw new Error('window.resetdesk is missing: the app must run in Resetdesk or its Chromium target.');
  return window.resetdesk;
}
