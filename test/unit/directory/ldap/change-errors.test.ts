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

test("a reset the directory's own policy refuses is shown in words: Windows' 53 with 0000052D, and each ppolicy rule", () => {
  const windows = toDirectoryError(new UnwillingToPerformError('0000052D: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0'), 'write');
  assert.equal(windows.code, 'POLICY_VIOLATION');
  assert.match(windows.message, /The directory says: the new password does not meet the domain's length, complexity or history requirements \(0000052D\)\.$/);
  assert.doesNotMatch(windows.message, /DSID|WILL_NOT_PERFORM/, 'no server internals');
  const words: [string, RegExp][] = [
    ['Password is too short for policy', /minimum length \(ppolicy pwdMinLength\)/],
    ['Password fails quality checking policy', /quality check \(ppolicy pwdCheckQuality\)/],
    ['Password is not being changed from existing value', /current password or one of their recent ones/],
    ['Password is too young to change', /changed too recently/],
  ];
  for (const [text, meaning] of words) {
    const mapped = toDirectoryError(new ConstraintViolationError(text), 'write');
    assert.equal(mapped.code, 'POLICY_VIOLATION');
    assert.match(mapped.message, new RegExp(`The directory says: ${text}\\. `));
    assert.match(mapped.message, meaning);
  }
  // A 53 that is not a password restriction stays the server's refusal of something else.
  assert.equal(toDirectoryError(new UnwillingToPerformError('authentication required'), 'read').code, 'DIRECTORY_ERROR');
});
