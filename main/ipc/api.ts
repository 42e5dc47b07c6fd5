import type { IpcResult, Method, RequestOf, ResponseOf } from './contract';
import { channelOf, METHOD_NAMES } from './methods';

/** The typed API the renderer sees as `window.resetdesk`: one method per contract entry. */
export type ResetdeskApi = {
  [M in Method]: (request: RequestOf<M>) => Promise<IpcResult<ResponseOf<M>>>;
};

/** Sends one request on one channel and resolves to what main answered. */
export type Invoke = (channel: string, request: unknown) => Promise<unknown>;

/**
 * Builds the API from the contract. In Electron `invoke` is
 * `ipcRenderer.invoke`; in the Chromium test target it is a Playwright binding to
 * the same main-process dispatcher. Nothing else of Electron crosses the bridge.
 */
export function createApi(invoke: Invoke): ResetdeskApi {
  const api = {} as Record<Method, (request: unknown) => Promise<unknown>>;
  for (const method of METHOD_NAMES) {
    api[method] = (request: unknown) => invoke(channelOf(method), request ?? {});
  }
  return Object.freeze(api) as unknown as ResetdeskApi;
}
