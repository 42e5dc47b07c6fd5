import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_PASSWORD_POLICY } from '../../../main/domain/types';
import type { RandomSource } from '../../../main/reset/generator';
import { suggestPassword } from '../../../main/reset/suggest';

/**
 * A policy asking for fewer categories still gets a suggestion with digits,
 * capitals and small letters, which `npm run mutate` found untested. The source
 * first draws sixteen times the first character (a digit): a password of one
 * category, which the policy alone would accept.
 */
test('a suggestion for a one- or two-category policy still has every category it draws from', () => {
  for (const requiredCategories of [1, 2]) {
    let draws = 0;
    const digitsFirst: RandomSource = (max) => (draws++ < 16 ? 0 : (draws * 7) % max);
    const suggestion = suggestPassword({ ...DEFAULT_PASSWORD_POLICY, requiredCategories }, digitsFirst).reveal();
    assert.match(suggestion, /[0-9]/);
    assert.match(suggestion, /[A-Z]/);
    assert.match(suggestion, /[a-z]/);
  }
});

test('a policy that allows exactly one character gets a one-character suggestion', () => {
  const suggestion = suggestPassword({ minLength: 1, maxLength: 1, requiredCategories: 1 }).reveal();
  assert.equal(suggestion.length, 1);
});
