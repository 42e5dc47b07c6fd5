/** The app's run-time settings from the environment (main/app/config.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAppConfig } from '../../../main/desktop/config';
import { DomainError } from '../../../main/domain/errors';

const IDLE = 'RESETDESK_IDLE_LOCK_MINUTES';
const CLIP = 'RESETDESK_CLIPBOARD_CLEAR_SECONDS';

test('defaults: 15 minutes idle lock, 30 seconds clipboard clear', () => {
  assert.deepEqual(readAppConfig({}), { idleLockMinutes: 15, clipboardClearSeconds: 30 });
  // An empty variable counts as unset; unrelated variables are ignored.
  assert.deepEqual(readAppConfig({ [IDLE]: '', [CLIP]: '', PATH: '/usr/bin', RESETDESK_DB: '/tmp/x.sqlite' }), {
    idleLockMinutes: 15,
    clipboardClearSeconds: 30,
  });
});

test('values in range are taken, decimals included', () => {
  assert.deepEqual(readAppConfig({ [IDLE]: '0.05', [CLIP]: '1' }), { idleLockMinutes: 0.05, clipboardClearSeconds: 1 });
  assert.deepEqual(readAppConfig({ [IDLE]: '480', [CLIP]: '600' }), { idleLockMinutes: 480, clipboardClearSeconds: 600 });
  assert.deepEqual(readAppConfig({ [IDLE]: '2.5', [CLIP]: '7.5' }), { idleLockMinutes: 2.5, clipboardClearSeconds: 7.5 });
  assert.equal(readAppConfig({ [IDLE]: ' 10 ' }).idleLockMinutes, 10);
});

/** Asserts readAppConfig refuses `env` with INVALID_INPUT naming exactly `names`. */
function assertRefused(env: NodeJS.ProcessEnv, names: string[]) {
  const before = structuredClone(env);
  assert.throws(
    () => readAppConfig(env),
    (error: unknown) => {
      assert.ok(error instanceof DomainError, String(error));
      assert.equal(error.code, 'INVALID_INPUT');
      for (const name of [IDLE, CLIP]) {
        assert.equal(error.message.includes(name), names.includes(name), `${name} in "${error.message}"`);
      }
      return true;
    },
  );
  assert.deepEqual(env, before, 'the environment was changed');
}

test('out of range values are refused, naming the variable', () => {
  for (const value of ['0.04', '0', '-1', '480.01', '100000']) assertRefused({ [IDLE]: value }, [IDLE]);
  for (const value of ['0.5', '0', '-30', '601', '1e3']) assertRefused({ [CLIP]: value }, [CLIP]);
});

test('non-numbers are refused, naming the variable', () => {
  for (const value of ['abc', '15min', 'NaN', 'Infinity', '-Infinity', '1,5', '0x']) {
    assertRefused({ [IDLE]: value }, [IDLE]);
    assertRefused({ [CLIP]: value }, [CLIP]);
  }
});

test('both bad: both named', () => {
  assertRefused({ [IDLE]: 'x', [CLIP]: '0' }, [IDLE, CLIP]);
});

test('the message never repeats the bad value', () => {
  try {
    readAppConfig({ [IDLE]: 'Secret-Value-123' });
    assert.fail('accepted');
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.ok(!error.message.includes('Secret-Value-123'));
  }
});
