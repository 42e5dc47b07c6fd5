/** Reading IPC answers in tests: the value of a call that must succeed, the error code of one that may not. */
import assert from 'node:assert/strict';
import type { IpcResult } from '../../main/ipc/contract';

export function value<T>(result: IpcResult<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The error code of a refused call; null when it succeeded. */
export function codeOf(result: IpcResult<unknown>): string | null {
  return result.ok ? null : result.error.code;
}

/** A reset whose password was shown (deliverTo 'screen', the default): narrowed to the fields the screen has. */
export function shown<T extends { deliveredTo: string }>(reset: T): Extract<T, { deliveredTo: 'screen' }> {
  assert.equal(reset.deliveredTo, 'screen', 'the password was for the screen');
  return reset as Extract<T, { deliveredTo: 'screen' }>;
}
