import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { DEFAULT_PASSWORD_POLICY } from '../../../main/domain/types';
import { checkPasswordPolicy } from '../../../main/domain/password-policy';
import {
  LOOK_ALIKES,
  TEMP_PASSWORD_ALPHABET,
  TEMP_PASSWORD_LENGTH,
  generateTemporaryPassword,
  groupForDisplay,
  natoReadout,
  temporaryPasswordEntropyBits,
} from '../../../main/reset/generator';

const { digits, upper, lower } = TEMP_PASSWORD_ALPHABET;
/** The generator draws an index into this concatenation (documented order). */
const ALL = digits + upper + lower;
const DRAWS = 10_000;

// One shared sample of real (crypto-random) passwords for the statistical tests.
const sample: string[] = Array.from({ length: DRAWS }, () => generateTemporaryPassword().reveal());

/** Small seeded PRNG (mulberry32) for deterministic sources. */
function seeded(seed: number): (max: number) => number {
  let a = seed >>> 0;
  return (max) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
  };
}

/**
 * Counts strings of `length` over the alphabet by the set of categories they
 * contain, with a dynamic programme over positions: independent of the
 * module's inclusion–exclusion, so each checks the other.
 */
function countBySeen(length: number): bigint[] {
  const sizes = [digits.length, upper.length, lower.length];
  let counts = [1n, 0n, 0n, 0n, 0n, 0n, 0n, 0n]; // index = bitmask of categories seen
  for (let i = 0; i < length; i++) {
    const next = counts.map(() => 0n);
    counts.forEach((count, seen) =>
      sizes.forEach((size, k) => {
        const to = seen | (1 << k);
        next[to] = (next[to] ?? 0n) + count * BigInt(size);
      }),
    );
    counts = next;
  }
  return counts;
}

test('alphabet: no look-alikes, no duplicates, together they cover every letter and digit', () => {
  for (const char of ALL) assert.ok(!LOOK_ALIKES.includes(char), char);
  assert.equal(new Set(ALL).size, ALL.length);
  assert.equal(new Set(LOOK_ALIKES).size, LOOK_ALIKES.length);
  const alphanumerics = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
  assert.deepEqual([...ALL, ...LOOK_ALIKES].sort(), alphanumerics.sort());
  assert.match(digits, /^[0-9]+$/);
  assert.match(upper, /^[A-Z]+$/);
  assert.match(lower, /^[a-z]+$/);
});

test('alphabet keeps at most one member of each look-alike group', () => {
  const groups = ['0OoQD', '1lIiL|', '5Ss', '2Zz', '8B', '6Gb', '9gq'];
  for (const group of groups) {
    const kept = [...group].filter((c) => ALL.includes(c));
    assert.ok(kept.length <= 1, `${group}: kept ${kept.join('')}`);
  }
});

test(`${DRAWS} draws: right length, policy-compliant, no look-alikes, only alphabet characters`, () => {
  for (const password of sample) {
    assert.equal(password.length, TEMP_PASSWORD_LENGTH);
    assert.deepEqual(checkPasswordPolicy(password, DEFAULT_PASSWORD_POLICY), [], password);
    for (const char of password) {
      assert.ok(ALL.includes(char), password);
      assert.ok(!LOOK_ALIKES.includes(char), password);
    }
  }
  // 10,000 draws of ~87 bits: any repeat means the source is not random.
  assert.equal(new Set(sample).size, DRAWS);
});

/**
 * Expected probability of each character at any position. Rejection sampling
 * makes the output uniform over valid strings, not per character: a string
 * with a digit is likelier to be kept than one without, so digits are a bit
 * more frequent than 7/43. P(position 1 = c) = (valid strings starting with
 * c) / (valid strings), and the rest of the string must supply the two other
 * categories.
 */
function expectedProbabilities(): Map<string, number> {
  const rest = countBySeen(TEMP_PASSWORD_LENGTH - 1);
  const completing = (category: number) =>
    rest.reduce((sum, count, seen) => ((seen | category) === 0b111 ? sum + count : sum), 0n);
  const perChar = [completing(0b001), completing(0b010), completing(0b100)];
  const valid = countBySeen(TEMP_PASSWORD_LENGTH)[0b111] ?? 0n;
  const probabilities = new Map<string, number>();
  [digits, upper, lower].forEach((set, k) => {
    // Scale before dividing so the ratio keeps its precision as a double.
    for (const c of set) probabilities.set(c, Number(((perChar[k] ?? 0n) * 10n ** 18n) / valid) / 1e18);
  });
  return probabilities;
}

function chiSquare(passwords: string[], expected: Map<string, number>): number {
  const observed = new Map<string, number>();
  let total = 0;
  for (const password of passwords) {
    for (const c of password) {
      observed.set(c, (observed.get(c) ?? 0) + 1);
      total++;
    }
  }
  let statistic = 0;
  for (const [c, p] of expected) {
    const e = p * total;
    statistic += ((observed.get(c) ?? 0) - e) ** 2 / e;
  }
  // A character outside the expectation would be silently ignored otherwise.
  for (const c of observed.keys()) assert.ok(expected.has(c), c);
  return statistic;
}

/**
 * 43 characters → 42 degrees of freedom. Critical value at p = 1e-6
 * (scipy.stats.chi2.ppf(1 - 1e-6, 42) = 100.69): a correct generator fails
 * once in a million runs, while the biased variants below score in the
 * hundreds or thousands with the same sample size. The honest expectation
 * matters: measured against a flat 1/43 the same correct sample scores about
 * 100–170, so a naive test would be flaky.
 */
const CHI2_CRITICAL = 100.69;

test('expected frequencies sum to 1 and favour digits slightly', () => {
  const expected = expectedProbabilities();
  const sum = [...expected.values()].reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-12, String(sum));
  const pDigit = expected.get('2') ?? 0;
  const pUpper = expected.get('A') ?? 0;
  assert.ok(pDigit > 1 / 43 && pUpper < 1 / 43);
  assert.equal(expected.get('a'), pUpper);
});

test(`character distribution over ${DRAWS} draws passes a chi-square test`, () => {
  const statistic = chiSquare(sample, expectedProbabilities());
  assert.ok(statistic < CHI2_CRITICAL, `chi-square ${statistic.toFixed(1)} >= ${CHI2_CRITICAL}`);
});

test('the chi-square check has power: it rejects plausible biased generators', () => {
  const expected = expectedProbabilities();
  // Biased 1: one forced character per category, the rest uniform, shuffled.
  const forced = Array.from({ length: DRAWS }, () => {
    const chars = [digits, upper, lower].map((set) => set[randomInt(set.length)] ?? '');
    while (chars.length < TEMP_PASSWORD_LENGTH) chars.push(ALL[randomInt(ALL.length)] ?? '');
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
    }
    return chars.join('');
  });
  assert.ok(chiSquare(forced, expected) > CHI2_CRITICAL);
  // Biased 2: one character a little too likely (drawn from 42 slots + a repeat).
  const skewed = Array.from({ length: DRAWS }, () =>
    generateTemporaryPassword((max) => (randomInt(max + 1) === max ? 0 : randomInt(max))).reveal(),
  );
  assert.ok(chiSquare(skewed, expected) > CHI2_CRITICAL);
});

test('entropy: exact count matches an independent computation and exceeds 64 bits', () => {
  const bits = temporaryPasswordEntropyBits();
  const valid = countBySeen(TEMP_PASSWORD_LENGTH)[0b111] ?? 0n;
  assert.ok(Math.abs(bits - Math.log2(Number(valid))) < 1e-9, String(bits));
  assert.ok(bits >= 64, String(bits));
  // Slightly under the 16 * log2(43) of unconstrained strings.
  assert.ok(bits < TEMP_PASSWORD_LENGTH * Math.log2(ALL.length) && bits > 86.5, String(bits));
});

test('an injected random source makes the output deterministic', () => {
  const a = Array.from({ length: 5 }, ((random) => () => generateTemporaryPassword(random).reveal())(seeded(42)));
  const b = Array.from({ length: 5 }, ((random) => () => generateTemporaryPassword(random).reveal())(seeded(42)));
  const c = Array.from({ length: 5 }, ((random) => () => generateTemporaryPassword(random).reveal())(seeded(43)));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('a draw missing a category is thrown away whole and redrawn', () => {
  const target = 'Ac2dE3fH4jK6mN7p';
  // First attempt: sixteen digits (no letters), rejected; second attempt: target.
  const script = [...Array<number>(TEMP_PASSWORD_LENGTH).fill(0), ...[...target].map((c) => ALL.indexOf(c))];
  const calls: number[] = [];
  const password = generateTemporaryPassword((max) => {
    calls.push(max);
    return script.shift() ?? assert.fail('script exhausted');
  });
  assert.equal(password.reveal(), target);
  assert.equal(calls.length, 2 * TEMP_PASSWORD_LENGTH);
  assert.ok(calls.every((max) => max === ALL.length));
});

test('a broken random source fails loudly instead of hanging or biasing', () => {
  assert.throws(() => generateTemporaryPassword(() => 0), /miss a character category/);
  assert.throws(() => generateTemporaryPassword((max) => max), RangeError);
  assert.throws(() => generateTemporaryPassword(() => -1), RangeError);
  assert.throws(() => generateTemporaryPassword(() => 1.5), RangeError);
});

test('the result is a Secret', () => {
  const secret = generateTemporaryPassword();
  assert.equal(String(secret), '[redacted]');
  assert.equal(secret.reveal().length, TEMP_PASSWORD_LENGTH);
});

test('groupForDisplay splits into groups of four by default', () => {
  assert.deepEqual(groupForDisplay('Ac2dE3fH4jK6mN7p'), ['Ac2d', 'E3fH', '4jK6', 'mN7p']);
  assert.deepEqual(groupForDisplay('abcdefghij', 3), ['abc', 'def', 'ghi', 'j']);
  assert.deepEqual(groupForDisplay(''), []);
  assert.throws(() => groupForDisplay('abc', 0), RangeError);
  fc.assert(
    fc.property(fc.string(), fc.integer({ min: 1, max: 20 }), (text, size) => {
      const groups = groupForDisplay(text, size);
      assert.equal(groups.join(''), text);
      assert.ok(groups.slice(0, -1).every((g) => Array.from(g).length === size));
    }),
  );
});

test('natoReadout examples', () => {
  assert.deepEqual(natoReadout('kK7'), ['kilo', 'capital Kilo', 'seven']);
  assert.deepEqual(natoReadout('aJx9'), ['alfa', 'capital Juliett', 'x-ray', 'nine']);
  assert.deepEqual(natoReadout('X-y z@0'), [
    'capital X-ray', 'hyphen', 'yankee', 'space', 'zulu', 'at sign', 'zero',
  ]);
  assert.deepEqual(natoReadout('é😀'), ['character U+00E9', 'character U+1F600']);
  assert.deepEqual(natoReadout(''), []);
});

test('natoReadout gives every printable ASCII character its own, distinct word', () => {
  const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
  const words = printable.map((c) => natoReadout(c));
  for (const [i, w] of words.entries()) {
    assert.equal(w.length, 1);
    assert.ok((w[0] ?? '').length > 1, JSON.stringify(printable[i]));
  }
  assert.equal(new Set(words.map((w) => w[0])).size, printable.length);
});
