import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicySettings } from '../../../main/domain/types';
import { LOOK_ALIKES, TEMP_PASSWORD_ALPHABET } from '../../../main/reset/generator';
import { checkPasswordPolicy } from '../../../main/domain/password-policy';
import { PHONE_FRIENDLY_SYMBOLS, suggestPassword } from '../../../main/reset/suggest';

/** Any policy a tenant can hold: 1–4 categories, lengths 1–256 that some password can meet. */
const policies: fc.Arbitrary<PasswordPolicySettings> = fc
  .record({ requiredCategories: fc.integer({ min: 1, max: 4 }), minLength: fc.integer({ min: 1, max: 256 }) })
  .chain(({ requiredCategories, minLength }) =>
    fc
      .integer({ min: Math.max(minLength, requiredCategories), max: 256 })
      .map((maxLength) => ({ minLength, maxLength, requiredCategories })),
  );

const ALPHANUMERIC = Object.values(TEMP_PASSWORD_ALPHABET).join('');

test('a suggested password meets every policy a tenant can hold', () => {
  fc.assert(
    fc.property(policies, (policy) => {
      const password = suggestPassword(policy).reveal();
      assert.deepEqual(checkPasswordPolicy(password, policy), [], `${JSON.stringify(policy)}: ${password.length} chars`);
    }),
    { numRuns: 500 },
  );
});

test('it is phone-friendly: no look-alikes, and a symbol only when the policy demands all four categories', () => {
  fc.assert(
    fc.property(policies, (policy) => {
      const password = suggestPassword(policy).reveal();
      for (const char of password) assert.ok(!LOOK_ALIKES.includes(char), `look-alike ${char}`);
      const allowed = policy.requiredCategories === 4 ? ALPHANUMERIC + PHONE_FRIENDLY_SYMBOLS : ALPHANUMERIC;
      for (const char of password) assert.ok(allowed.includes(char), `unexpected ${char}`);
    }),
    { numRuns: 500 },
  );
});

test('16 characters when the policy allows it, else the nearest length it allows', () => {
  const length = (p: Partial<PasswordPolicySettings>) => suggestPassword({ ...DEFAULT_PASSWORD_POLICY, ...p }).reveal().length;
  assert.equal(length({}), 16);
  assert.equal(length({ minLength: 20 }), 20);
  assert.equal(length({ minLength: 8, maxLength: 12 }), 12);
  assert.equal(length({ minLength: 4, maxLength: 4, requiredCategories: 4 }), 4);
});

test('each call gives a different password', () => {
  const seen = new Set(Array.from({ length: 200 }, () => suggestPassword(DEFAULT_PASSWORD_POLICY).reveal()));
  assert.equal(seen.size, 200);
});

test('a policy no password can meet, or a broken random source, fails loudly instead of looping', () => {
  assert.throws(() => suggestPassword({ minLength: 10, maxLength: 8, requiredCategories: 3 }), RangeError);
  assert.throws(() => suggestPassword({ minLength: 1, maxLength: 3, requiredCategories: 4 }), RangeError);
  assert.throws(() => suggestPassword(DEFAULT_PASSWORD_POLICY, () => 0), /kept producing/);
  assert.throws(() => suggestPassword(DEFAULT_PASSWORD_POLICY, () => 999), RangeError);
});
