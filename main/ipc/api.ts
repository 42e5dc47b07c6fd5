import type { EventName, EventPayloadOf, IpcResult, Method, RequestOf, ResponseOf } from './contract';
import { EVENT_NAMES, eventChannelOf, isEventName } from './event-names';
import { channelOf, METHOD_NAMES } from './methods';

/**
 * Subscribes `handler` to one of main's events: it gets the payload only (no
 * transport object), until the function returned is called. An unknown name is
 * refused with an error.
 */
export type OnEvent = <E extends EventName>(event: E, handler: (payload: EventPayloadOf<E>) => void) => () => void;

/** One function per contract method. */
export type ResetdeskMethods = {
  [M in Method]: (request: RequestOf<M>) => Promise<IpcResult<ResponseOf<M>>>;
};

/** The typed API the renderer sees as `window.resetdesk`: one method per contract entry, and `on` for main's events. */
export type ResetdeskApi = ResetdeskMethods & { on: OnEvent };

/** Sends one request on one channel and resolves to what main answered. */
export type Invoke = (channel: string, request: unknown) => Promise<unknown>;

/** Listens on one event's channel, handing on the payload alone; returns what stops it. */
export type Listen = (channel: string, handler: (payload: unknown) => void) => () => void;

/** A transport that only calls (the tests of the methods): `on` still checks the name, and nothing comes. */
const NO_EVENTS: Listen = () => () => {};

/**
 * Builds the API from the contract. In Electron `invoke` is
 * `ipcRenderer.invoke` and `listen` `ipcRenderer.on`; in the Chromium target
 * they are a Playwright binding to the same main-process dispatcher and the
 * bridge's delivery into the page. Nothing else of Electron crosses the bridge.
 */
export function createApi(invoke: Invoke, listen: Listen = NO_EVENTS): ResetdeskApi {
  const api = {} as Record<Method | 'on', unknown>;
  for (const method of METHOD_NAMES) {
    api[method] = (request: unknown) => invoke(channelOf(method), request ?? {});
  }
  api.on = (event: unknown, handler: unknown) => {
    // The page names the channel only through this check: no other channel can be listened to.
    if (!isEventName(event)) throw new Error(`Unknown event: main sends only ${EVENT_NAMES.join(', ')}.`);
    if (typeof handler !== 'function') throw new Error('An event handler must be a function.');
    return listen(eventChannelOf(event), (payload) => (handler as (payload: unknown) => void)(payload));
  };
  return Object.freeze(api) as unknown as ResetdeskApi;
}
