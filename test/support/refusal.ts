/**
 * The DomainError a promise is refused with (and, when given, that its code is
 * this one), so a test can go on to assert its words. A promise that resolves,
 * or rejects with anything else, fails the test.
 */
import assert from 'node:assert/strict';
import { DomainError, type ErrorCode } from '../../main/domain/errors';

export async function refusal(promise: Promise<unknown>, code?: ErrorCode): Promise<DomainError> {
  const error = await promise.then(
    () => assert.fail(code ? `expected ${code}` : 'expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DomainError, `a DomainError, got ${String(error)}`);
  if (code) assert.equal(error.code, code, error.message);
  return error;
}
