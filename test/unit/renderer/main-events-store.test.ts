/**
 * The renderer's side of main's events (renderer/stores/main-events.ts): the
 * stores follow what main pushes instead of timing it. The bridge is the real
 * createApi over a recording stand-in for ipcRenderer (calls answered from a
 * table, events pushed by the test); the stores are the real ones.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createApi, type Listen } from '../../../main/ipc/api';
import type { EventName, EventPayloadOf } from '../../../main/ipc/contract';
import { eventChannelOf } from '../../../main/ipc/event-names';

const AGENT = { id: 'a1', upn: 'helpdesk.admin@contoso.com', displayName: 'Helpdesk Admin', roles: ['Helpdesk Administrator'], may: {} };
/** What main answers, by method; the test changes it as main's state would. */
const answers: Record<string, unknown> = {
  getSession: { status: 'signedIn', agent: AGENT, idleLockMinutes: 15 },
  clipboardStatus: { holdsCopy: true, clearsAt: '2026-12-08T10:00:30.000Z' },
  listOutbox: { status: 'running', address: 'x', reason: null, messages: [], note: null },
  copyTemporaryPassword: { clearsAt: '2026-12-08T10:00:30.000Z' },
  forgetResetResult: { forgotten: true },
};
const calls: string[] = [];
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const listen: Listen = (channel, handler) => {
  const set = listeners.get(channel) ?? new Set();
  listeners.set(channel, set.add(handler));
  return () => void set.delete(handler);
};
const api = createApi(async (channel, _request) => {
  const method = channel.replace(/^resetdesk:/, '');
  calls.push(method);
  return { ok: true, value: answers[method] ?? null };
}, listen);
(globalThis as { window?: unknown }).window = { resetdesk: api };

function push<E extends EventName>(event: E, payload: EventPayloadOf<E>): void {
  for (const handler of listeners.get(eventChannelOf(event)) ?? []) handler(payload);
}
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The stores as this test uses them; imported by a computed path (their DOM types are renderer/tsconfig.json's to check). */
interface Stores {
  followMain(target: EventTarget): () => void;
  useSession: { getState(): { status: string; locked: boolean; upn: string; notice: { code: string } | null; load(): Promise<void> } };
  useResetFlow: {
    getState(): { clipboard: string; copy(): Promise<void> };
    setState(state: object): void;
  };
  useOutbox: { getState(): { watch(): () => void } };
}
const ROOT = '../../../renderer/stores/';
const { followMain } = (await import(`${ROOT}main-events`)) as Pick<Stores, 'followMain'>;
const { useSession } = (await import(`${ROOT}session`)) as Pick<Stores, 'useSession'>;
const { useResetFlow } = (await import(`${ROOT}resetFlow`)) as Pick<Stores, 'useResetFlow'>;
const { useOutbox } = (await import(`${ROOT}outbox`)) as Pick<Stores, 'useOutbox'>;

describe("renderer: the stores follow main's events", () => {
  const windowEvents = new EventTarget();
  let unfollow: () => void;

  before(() => {
    unfollow = followMain(windowEvents);
  });
  after(() => unfollow());

  beforeEach(async () => {
    answers.getSession = { status: 'signedIn', agent: AGENT, idleLockMinutes: 15 };
    await useSession.getState().load();
    calls.length = 0;
  });

  it('the idle lock brings back the locked form for the same agent, with no timer of its own', async () => {
    push('session.ended', { why: 'idleLock' });
    const state = useSession.getState();
    assert.equal(state.status, 'signedOut');
    assert.equal(state.locked, true);
    assert.equal(state.upn, AGENT.upn);
    assert.equal(state.notice?.code, 'SESSION_LOCKED');
    assert.deepEqual(calls, [], 'main was not asked: it said so');
  });

  it('another reason leaves the screen to the call that ended it (it answers with its own words)', () => {
    for (const why of ['signedOut', 'directorySwitched', 'accountUnusable', 'signIn', 'quit'] as const) push('session.ended', { why });
    assert.equal(useSession.getState().status, 'signedIn');
  });

  it('the focus back catches up on a missed lock with one getSession', async () => {
    windowEvents.dispatchEvent(new Event('focus'));
    await settle();
    assert.equal(useSession.getState().status, 'signedIn', 'still signed in in main: nothing changes');
    answers.getSession = { status: 'signedOut' };
    windowEvents.dispatchEvent(new Event('focus'));
    await settle();
    assert.deepEqual(calls.filter((m) => m === 'getSession'), ['getSession', 'getSession'], 'one read per focus');
    assert.equal(useSession.getState().locked, true);
  });

  it("the reset dialog's countdown ends when main says the copy is gone, and only then", async () => {
    useResetFlow.setState({ result: { resultId: '00000000-0000-4000-8000-000000000000' }, target: { id: 'u1', displayName: 'Adele', enabled: true } });
    push('clipboard.changed', { holdsCopy: false, clearsAt: null });
    assert.equal(useResetFlow.getState().clipboard, 'idle', 'nothing copied from this dialog: not its clear');
    await useResetFlow.getState().copy();
    assert.equal(useResetFlow.getState().clipboard, 'counting');
    push('clipboard.changed', { holdsCopy: true, clearsAt: '2026-12-08T10:01:00.000Z' }); // a copy is answered by its own call
    assert.equal(useResetFlow.getState().clipboard, 'counting');
    push('clipboard.changed', { holdsCopy: false, clearsAt: null });
    assert.equal(useResetFlow.getState().clipboard, 'cleared');
    assert.deepEqual(calls, ['copyTemporaryPassword'], 'no clipboardStatus poll');
  });

  it('the open Outbox reads the list again on each arrival, and a closed one does not', async () => {
    push('outbox.received', { channel: 'email', at: '2026-12-08T10:00:00.000Z' });
    assert.deepEqual(calls, [], 'no screen open');
    const unwatch = useOutbox.getState().watch();
    push('outbox.received', { channel: 'sms', at: '2026-12-08T10:00:01.000Z' });
    unwatch();
    push('outbox.received', { channel: 'sms', at: '2026-12-08T10:00:02.000Z' });
    await settle();
    assert.deepEqual(calls, ['listOutbox', 'listOutbox'], 'on opening, and on the arrival while open');
  });
});
