import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_PASSWORD_POLICY } from '../../../main/domain/types';
import { categoryOf, checkPasswordPolicy, policySummary } from '../../../main/domain/password-policy';

/** The edges of each character range, which `npm run mutate` found untested. */
test('the first and last character of each range fall in their own category', () => {
  const cases: [string, string | null][] = [
    ['a', 'lower'], ['z', 'lower'], ['A', 'upper'], ['Z', 'upper'], ['0', 'digit'], ['9', 'digit'],
    [' ', 'symbol'], ['`', 'symbol'], ['{', 'symbol'], ['~', 'symbol'], ['/', 'symbol'], [':', 'symbol'],
    ['@', 'symbol'], ['[', 'symbol'],
    ['\t', null], ['\n', null], ['\u001f', null], ['\u007f', null], ['é', null],
  ];
  assert.deepEqual(
    cases.map(([char]) => [char, categoryOf(char)]),
    cases,
  );
});

test('a password with a tab or a newline in it is refused for its characters', () => {
  for (const password of ['Tab\tIn-Passw0rd', 'New\nLine-Passw0rd']) {
    assert.deepEqual(
      checkPasswordPolicy(password, DEFAULT_PASSWORD_POLICY).map((v) => v.rule),
      ['characters'],
    );
  }
});

test('a policy asking for one category says so in its summary', () => {
  assert.match(
    policySummary({ ...DEFAULT_PASSWORD_POLICY, requiredCategories: 1 }),
    /with at least 1 of: lowercase letters, uppercase letters, numbers, symbols;/,
  );
});
