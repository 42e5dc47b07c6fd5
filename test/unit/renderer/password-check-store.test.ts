/**
 * The live banned-password check's store: one request per pause in typing
 * (not one per keystroke), only the newest value's answer kept, and nothing
 * asked for an empty field. The bridge is a recording fake; the pause runs on
 * node:test's mocked timers, so nothing sleeps.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { ResetdeskApi } from '../../../main/ipc/api';

type Answer = { ok: true; value: { problems: string[] } };
const calls: { method: string; request: unknown; answer: (value: Answer) => void }[] = [];
const fake = {
  checkPassword: (request: unknown) => new Promise<Answer>((answer) => calls.push({ method: 'checkPassword', request, answer })),
  checkNewPassword: (request: unknown) => new Promise<Answer>((answer) => calls.push({ method: 'checkNewPassword', request, answer })),
} as unknown as ResetdeskApi;
(globalThis as { window?: unknown }).window = { resetdesk: fake };

/**
 * The store as this test uses it. Imported by a computed path: the renderer's modules need the DOM
 * types, which the main tsconfig (that checks this test) does not load; renderer/tsconfig.json checks the store.
 */
interface StoreModule {
  CHECK_PAUSE_MS: number;
  usePasswordCheck: {
    getState(): {
      pending: boolean;
      problems: string[];
      check(subject: { userId: string } | { upn: string }, password: string): void;
      reset(): void;
    };
  };
}
const STORE = '../../../renderer/stores/passwordCheck';
const { usePasswordCheck, CHECK_PAUSE_MS } = (await import(STORE)) as StoreModule;
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('renderer: the live password check store', () => {
  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    calls.length = 0;
    usePasswordCheck.getState().reset();
  });
  afterEach(() => mock.timers.reset());

  it('asks main once after the pause, for the last value typed', async () => {
    const { check } = usePasswordCheck.getState();
    for (const value of ['C', 'Co', 'Con', 'Contoso2024!']) check({ userId: 'u1' }, value);
    assert.equal(calls.length, 0);
    assert.equal(usePasswordCheck.getState().pending, true);
    mock.timers.tick(CHECK_PAUSE_MS);
    assert.deepEqual(calls.map((c) => [c.method, c.request]), [['checkPassword', { userId: 'u1', password: 'Contoso2024!' }]]);
    calls[0]!.answer({ ok: true, value: { problems: ["It contains your organisation's name: contoso."] } });
    await settle();
    const state = usePasswordCheck.getState();
    assert.equal(state.pending, false);
    assert.deepEqual(state.problems, ["It contains your organisation's name: contoso."]);
    assert.equal(JSON.stringify(state).includes('Contoso2024'), false, 'the store keeps reasons, not the password');
  });

  it('drops an answer for a value that was typed over, and never asks about an empty field', async () => {
    const { check } = usePasswordCheck.getState();
    check({ upn: 'megan@contoso.com' }, 'first-value');
    mock.timers.tick(CHECK_PAUSE_MS);
    check({ upn: 'megan@contoso.com' }, 'second-value');
    mock.timers.tick(CHECK_PAUSE_MS);
    assert.deepEqual(calls.map((c) => c.method), ['checkNewPassword', 'checkNewPassword']);
    calls[1]!.answer({ ok: true, value: { problems: [] } });
    calls[0]!.answer({ ok: true, value: { problems: ['It contains your name.'] } });
    await settle();
    assert.deepEqual(usePasswordCheck.getState().problems, [], 'the late answer about the old value is ignored');
    check({ upn: 'megan@contoso.com' }, '');
    mock.timers.tick(CHECK_PAUSE_MS);
    assert.equal(calls.length, 2);
    assert.equal(usePasswordCheck.getState().pending, false);
  });
});
