/** Quit clean-up runs once, before the real quit (main/electron/shutdown-gate.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createShutdownGate } from '../../../main/electron/shutdown-gate';

function quitEvent() {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('the first quit is held back until the clean-up is done, then let through', async () => {
  const steps: string[] = [];
  let release!: () => void;
  const gate = createShutdownGate({
    cleanup: () => new Promise<void>((resolve) => (release = () => (steps.push('cleaned'), resolve()))),
    finish: () => steps.push('quit'),
  });
  const first = quitEvent();
  gate(first);
  assert.equal(first.prevented, true);
  // before-quit again (another Cmd+Q) and will-quit while cleaning: held, no second clean-up.
  const second = quitEvent();
  gate(second);
  assert.equal(second.prevented, true);
  await settle();
  assert.deepEqual(steps, []);
  release();
  await settle();
  assert.deepEqual(steps, ['cleaned', 'quit']);
  // The quit that `finish` starts goes through.
  const third = quitEvent();
  gate(third);
  assert.equal(third.prevented, false);
  assert.deepEqual(steps, ['cleaned', 'quit']);
});

test('a failing clean-up is reported and the app still quits', async () => {
  const errors: unknown[] = [];
  let quits = 0;
  const gate = createShutdownGate({
    cleanup: async () => {
      throw new Error('clipboard unavailable');
    },
    finish: () => quits++,
    onError: (error) => errors.push(error),
  });
  gate(quitEvent());
  await settle();
  assert.equal(quits, 1);
  assert.equal((errors[0] as Error).message, 'clipboard unavailable');
});

test('a clean-up that hangs does not keep the app alive', async () => {
  let quits = 0;
  const errors: unknown[] = [];
  const gate = createShutdownGate({
    cleanup: () => new Promise<void>(() => {}),
    finish: () => quits++,
    onError: (error) => errors.push(error),
    timeoutMs: 20,
  });
  gate(quitEvent());
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(quits, 1);
  assert.match((errors[0] as Error).message, /did not finish/);
});
