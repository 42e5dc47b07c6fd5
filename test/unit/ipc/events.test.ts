/**
 * Main's event emitter (main/ipc/events.ts), without any transport: every
 * subscriber gets each event as the contract's schema leaves it, a payload the
 * schema refuses goes nowhere, and neither a bad payload nor a listener that
 * throws reaches the code that emitted (ending a session, clearing the
 * clipboard).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventContract, SESSION_END_REASONS } from '../../../main/ipc/contract';
import { EVENT_NAMES } from '../../../main/ipc/event-names';
import { EventHub, type AppEvent } from '../../../main/ipc/events';

function recording(hub: EventHub): { seen: AppEvent[]; stop: () => void } {
  const seen: AppEvent[] = [];
  return { seen, stop: hub.subscribe((event) => seen.push(event)) };
}

describe('ipc: the event hub', () => {
  it('the contract types exactly the names the preload checks', () => {
    assert.deepEqual(Object.keys(eventContract).sort(), [...EVENT_NAMES].sort());
  });

  it('sends each event to every subscriber, in order, as plain JSON', () => {
    const hub = new EventHub();
    const a = recording(hub);
    const b = recording(hub);
    hub.emit('session.ended', { why: 'idleLock' });
    hub.emit('clipboard.changed', { holdsCopy: false, clearsAt: null });
    const expected = [
      { name: 'session.ended', payload: { why: 'idleLock' } },
      { name: 'clipboard.changed', payload: { holdsCopy: false, clearsAt: null } },
    ];
    assert.deepEqual(a.seen, expected);
    assert.deepEqual(b.seen, expected);
    assert.deepEqual(JSON.parse(JSON.stringify(a.seen)), expected, 'nothing JSON would lose');
  });

  it('stops sending to a subscriber that unsubscribed, and only to it', () => {
    const hub = new EventHub();
    const a = recording(hub);
    const b = recording(hub);
    a.stop();
    a.stop(); // twice is harmless
    hub.emit('outbox.received', { channel: 'sms', at: '2026-12-07T18:36:00.000Z' });
    assert.deepEqual(a.seen, []);
    assert.equal(b.seen.length, 1);
  });

  it('refuses a payload its schema refuses: no subscriber hears it, the error is reported, nothing is thrown', () => {
    const errors: string[] = [];
    const hub = new EventHub({ onError: (what) => errors.push(what) });
    const { seen } = recording(hub);
    const bad: unknown[] = [
      { why: 'bored' },
      { why: 'idleLock', upn: 'adele.vance@contoso.com' }, // strict: nothing more than the schema says
      {},
    ];
    for (const payload of bad) hub.emit('session.ended', payload as never);
    hub.emit('clipboard.changed', { holdsCopy: true, clearsAt: 'tomorrow' });
    hub.emit('outbox.received', { channel: 'email', at: '2026-12-07T18:36:00.000Z', text: '482913 is your code' } as never);
    assert.deepEqual(seen, []);
    assert.equal(errors.length, 5);
    assert.ok(errors.every((what) => what.startsWith('event ')), errors.join(', '));
  });

  it('a listener that throws stops neither the others nor the emitter', () => {
    const errors: string[] = [];
    const hub = new EventHub({ onError: (what) => errors.push(what) });
    hub.subscribe(() => {
      throw new Error('a window went away');
    });
    const { seen } = recording(hub);
    assert.doesNotThrow(() => hub.emit('session.ended', { why: 'signedOut' }));
    assert.deepEqual(seen, [{ name: 'session.ended', payload: { why: 'signedOut' } }]);
    assert.deepEqual(errors, ['a listener of session.ended']);
  });

  it('every reason a session ends for passes the schema', () => {
    const hub = new EventHub();
    const { seen } = recording(hub);
    for (const why of SESSION_END_REASONS) hub.emit('session.ended', { why });
    assert.deepEqual(
      seen.map((e) => e.payload),
      SESSION_END_REASONS.map((why) => ({ why })),
    );
  });
});
