import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_PASSWORD_POLICY } from '../../../main/domain/types';
import {
  ENTRA_SYMBOLS,
  POLICY_MESSAGES,
  checkPasswordPolicy,
  policySummary,
  type PolicyRule,
} from '../../../main/domain/password-policy';

const policy = DEFAULT_PASSWORD_POLICY;
const rules = (password: string, previous?: string): PolicyRule[] =>
  checkPasswordPolicy(password, policy, previous === undefined ? {} : { previous }).map((v) => v.rule);

/** Every printable ASCII character, 0x20–0x7E, built independently of the module. */
const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
const SYMBOLS = PRINTABLE.filter((c) => !/[A-Za-z0-9]/.test(c));

test('length boundaries: 7 too short, 8 and 256 fine, 257 too long', () => {
  const make = (n: number) => 'Aa1' + 'x'.repeat(n - 3);
  assert.deepEqual(rules(make(7)), ['tooShort']);
  assert.deepEqual(rules(make(8)), []);
  assert.deepEqual(rules(make(256)), []);
  assert.deepEqual(rules(make(257)), ['tooLong']);
  assert.deepEqual(rules(''), ['tooShort', 'categories']);
});

test('messages name the limits from the policy', () => {
  const [short] = checkPasswordPolicy('Aa1', policy);
  assert.equal(short?.message, 'Use at least 8 characters.');
  const [long] = checkPasswordPolicy('Aa1' + 'x'.repeat(300), policy);
  assert.equal(long?.message, 'Use at most 256 characters.');
  const custom = checkPasswordPolicy('Aa1xxxxxxx', { minLength: 12, maxLength: 64, requiredCategories: 4 });
  assert.deepEqual(
    custom.map((v) => v.message),
    ['Use at least 12 characters.', 'Use at least 4 of: lowercase letters, uppercase letters, numbers, symbols.'],
  );
});

test('categories: every combination of lower/upper/digit/symbol against three of four', () => {
  const samples = { lower: 'abcdefgh', upper: 'ABCDEFGH', digit: '12345678', symbol: '!@#$ %^&' } as const;
  const names = Object.keys(samples) as (keyof typeof samples)[];
  for (let mask = 0; mask < 16; mask++) {
    const chosen = names.filter((_, i) => mask & (1 << i));
    const password = chosen.map((n) => samples[n]).join('');
    const expected: PolicyRule[] = [];
    if (password.length < 8) expected.push('tooShort');
    if (chosen.length < 3) expected.push('categories');
    assert.deepEqual(rules(password), expected, `categories: ${chosen.join('+') || 'none'}`);
  }
});

test('requiredCategories comes from the policy', () => {
  const two = { ...policy, requiredCategories: 2 };
  assert.deepEqual(checkPasswordPolicy('abcdEFGH', two), []);
  assert.deepEqual(checkPasswordPolicy('abcdefgh', two).map((v) => v.rule), ['categories']);
  const four = { ...policy, requiredCategories: 4 };
  assert.deepEqual(checkPasswordPolicy('abcEFG12', four).map((v) => v.rule), ['categories']);
  assert.deepEqual(checkPasswordPolicy('abcEFG1!', four), []);
});

test('space is allowed and counts as a symbol', () => {
  assert.deepEqual(rules('correct horse 9'), []);
  assert.deepEqual(rules('abcd EFGH'), []);
  assert.deepEqual(rules('abcdEFGH'), ['categories']);
});

test('every printable ASCII character is allowed; the message lists exactly Entra’s symbols', () => {
  for (const char of PRINTABLE) {
    assert.ok(!rules(`Aa1xxxx${char}`).includes('characters'), JSON.stringify(char));
  }
  // The module's symbol list (also shown to the user) is exactly printable ASCII's.
  assert.deepEqual([...ENTRA_SYMBOLS, ' '].sort(), [...SYMBOLS].sort());
  for (const symbol of SYMBOLS.filter((c) => c !== ' ')) {
    assert.ok(POLICY_MESSAGES.characters().includes(` ${symbol}`), symbol);
  }
});

test('Unicode and control characters are refused and do not count as a category', () => {
  for (const char of ['é', 'ß', 'Ä', '٣', '€', '😀', '\u00a0', '\t', '\n', '\u007f', '\u0000']) {
    assert.ok(rules(`Aa1xxxxx${char}`).includes('characters'), JSON.stringify(char));
  }
  // "é" and "Ä" may not supply the missing lower/upper categories.
  assert.deepEqual(rules('éÄ123456'), ['categories', 'characters']);
  const [violation] = checkPasswordPolicy('Ab1xxxxxé', policy);
  assert.equal(violation?.message, POLICY_MESSAGES.characters());
  assert.ok(!violation.message.includes('é'));
});

test('length counts characters, not UTF-16 units', () => {
  // Seven emoji are 14 UTF-16 units but 7 characters: too short.
  assert.ok(rules('😀'.repeat(7)).includes('tooShort'));
  assert.ok(!rules('😀'.repeat(128)).includes('tooLong'));
});

test('reuse: the same password as the previous one is refused, anything else is not', () => {
  assert.deepEqual(rules('Summer2024!', 'Summer2024!'), ['reused']);
  assert.deepEqual(rules('Summer2024!', 'summer2024!'), []);
  assert.deepEqual(rules('Summer2024!', 'Summer2024! '), []);
  assert.deepEqual(rules('Summer2024!'), []);
  const [violation] = checkPasswordPolicy('Summer2024!', policy, { previous: 'Summer2024!' });
  assert.equal(violation?.message, "Don't reuse your current password.");
});

test('property: printable ASCII of valid length passes iff it has three categories', () => {
  const printable = fc.constantFrom(...PRINTABLE);
  fc.assert(
    fc.property(fc.string({ unit: printable, minLength: 8, maxLength: 256 }), (password) => {
      const present = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
      assert.deepEqual(rules(password), present >= 3 ? [] : ['categories']);
    }),
  );
});

test('property: any character outside printable ASCII is reported', () => {
  const outside = fc
    .integer({ min: 0, max: 0x10ffff })
    .filter((cp) => (cp < 0x20 || cp > 0x7e) && (cp < 0xd800 || cp > 0xdfff))
    .map((cp) => String.fromCodePoint(cp));
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme-ascii' }), outside, fc.string({ unit: 'grapheme-ascii' }), (a, bad, b) => {
      assert.ok(rules(`${a}${bad}${b}`).includes('characters'));
    }),
  );
});

test('policySummary describes the policy in one sentence', () => {
  const summary = policySummary(policy);
  assert.equal(
    summary,
    'Use 8 to 256 characters, with at least 3 of: lowercase letters, uppercase letters, numbers, symbols; letters A–Z, numbers, spaces and common symbols only.',
  );
  assert.match(policySummary({ minLength: 12, maxLength: 64, requiredCategories: 4 }), /^Use 12 to 64 characters, with lowercase letters, uppercase letters, numbers and symbols;/);
  assert.match(policySummary({ minLength: 10, maxLength: 10, requiredCategories: 0 }), /^Use exactly 10 characters;/);
});
