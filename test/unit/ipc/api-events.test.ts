/**
 * `window.resetdesk.on` as createApi builds it for the preload and the
 * Chromium bridge: only the contract's event names are listened to (on their
 * own channels, never a method's), a handler gets the payload alone, and the
 * function returned stops it. The transport here is a recording stand-in for
 * ipcRenderer.on / the bridge's delivery.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApi, type Listen } from '../../../main/ipc/api';
import { EVENT_NAMES, eventChannelOf } from '../../../main/ipc/event-names';
import { METHOD_NAMES, channelOf } from '../../../main/ipc/methods';

function transport() {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const listen: Listen = (channel, handler) => {
    const set = handlers.get(channel) ?? new Set();
    handlers.set(channel, set.add(handler));
    return () => void set.delete(handler);
  };
  /** What ipcRenderer would hand a listener: the event object first, which must not reach the page. */
  const send = (channel: string, payload: unknown) => {
    for (const handler of handlers.get(channel) ?? []) handler(payload);
  };
  return { listen, send, handlers };
}

const invoke = () => Promise.reject(new Error('no calls in this test'));

describe('ipc: the API\'s `on`, as the preload exposes it', () => {
  it('refuses any name that is not one of the contract\'s events, and listens to nothing for it', () => {
    const { listen, handlers } = transport();
    const api = createApi(invoke, listen) as unknown as { on: (event: unknown, handler: unknown) => unknown };
    const refused = [
      'session.lost',
      'Session.Ended',
      'session.ended ',
      '',
      'signIn', // a method is not an event
      channelOf('signIn'),
      eventChannelOf('session.ended'), // the channel is not the name
      '__proto__',
      'constructor',
      'toString',
      undefined,
      null,
      42,
      { toString: () => 'session.ended' },
    ];
    for (const name of refused) {
      assert.throws(() => api.on(name, () => {}), /Unknown event: main sends only session\.ended, clipboard\.changed, outbox\.received\./, String(name));
    }
    assert.throws(() => api.on('session.ended', 'not a function'), /must be a function/);
    assert.equal(handlers.size, 0, 'no channel was listened to');
  });

  it('listens to each event on its own channel, apart from every method\'s', () => {
    const { listen, handlers } = transport();
    const api = createApi(invoke, listen);
    for (const name of EVENT_NAMES) api.on(name, () => {});
    assert.deepEqual([...handlers.keys()].sort(), EVENT_NAMES.map(eventChannelOf).sort());
    const methodChannels = new Set(METHOD_NAMES.map(channelOf));
    for (const channel of handlers.keys()) assert.equal(methodChannels.has(channel), false, channel);
  });

  it('hands the handler the payload alone, until the function returned is called', () => {
    const { listen, send } = transport();
    const api = createApi(invoke, listen);
    const seen: unknown[] = [];
    const stop = api.on('session.ended', (payload) => seen.push(payload));
    send(eventChannelOf('session.ended'), { why: 'idleLock' });
    send(eventChannelOf('clipboard.changed'), { holdsCopy: false, clearsAt: null }); // another event: not this handler's
    stop();
    send(eventChannelOf('session.ended'), { why: 'signedOut' });
    assert.deepEqual(seen, [{ why: 'idleLock' }]);
  });

  it('is part of the frozen API beside the methods, and nothing else is', () => {
    const api = createApi(invoke, transport().listen);
    assert.equal(Object.isFrozen(api), true);
    assert.deepEqual(Object.keys(api).sort(), [...METHOD_NAMES, 'on'].sort());
  });
});
