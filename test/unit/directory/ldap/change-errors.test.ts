/**
 * The answers to a user's own password change, in the servers' own words (seen
 * on the test Samba AD DC and slapd): a wrong current password is AUTH_FAILED,
 * not a policy; the policy answers keep the server's reason.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConstraintViolationError, UnwillingToPerformError } from 'ldapts';
import { toDirectoryError } from '../../../../main/directory/ldap/ldap-errors';

test('AD 00000056 (delete old + add new with an old password that is not current) is AUTH_FAILED', () => {
  const error = new ConstraintViolationError("00000056: Constraint violation - check_password_restrictions: The old password specified doesn't match!");
  assert.equal(toDirectoryError(error, 'write').code, 'AUTH_FAILED');
});

test("slapd's Password Modify with a wrong old password (53 unwilling to verify old password) is AUTH_FAILED", () => {
  assert.equal(toDirectoryError(new UnwillingToPerformError('unwilling to verify old password'), 'write').code, 'AUTH_FAILED');
});

test('history and length answers stay POLICY_VIOLATION with the reason', () => {
  for (const text of [
    '0000052D: Constraint violation - check_password_restrictions: the password was already used (in history)!',
    '0000052D: Constraint violation - check_password_restrictions: the password was already used (previous password)!',
    'Password is in history of old passwords',
    'Password fails quality checking policy',
  ]) {
    const mapped = toDirectoryError(new ConstraintViolationError(text), 'write');
    assert.equal(mapped.code, 'POLICY_VIOLATION', text);
    assert.ok(mapped.message.includes(text.replace(/^0000052D: /, '')), mapped.message);
  }
});
