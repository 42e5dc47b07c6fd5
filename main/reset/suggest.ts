/**
 * A password the agent may use for an on-premises user (whose reset, as in
 * Entra, is one the admin types): "Generate" in the reset dialog fills it in,
 * and the agent keeps or edits it like any typed password.
 *
 * Unlike the cloud generator (generator.ts), it follows the tenant's policy,
 * whatever its numbers: at least the policy's minimum length (16 when the
 * policy allows it), at most its maximum, and as many categories as it
 * requires. It stays phone-friendly the same way: no look-alike characters
 * (the cloud alphabet), and a symbol only when the policy demands all four
 * categories, then one of a few whose names nobody mishears.
 *
 * Uniform over valid strings, as generator.ts explains: whole draws that miss
 * a needed category are thrown away.
 */
import { randomInt } from 'node:crypto';
import type { PasswordPolicySettings } from '../domain/types';
import { TEMP_PASSWORD_ALPHABET, TEMP_PASSWORD_LENGTH, type RandomSource } from './generator';
import { Secret } from '../domain/secret';

/**
 * Symbols said one way only ("hash", "plus sign"...): no hyphen/underscore or
 * period/comma pairs, no quotes or brackets (which kind?), no slashes or bar
 * (they look like l and 1).
 */
export const PHONE_FRIENDLY_SYMBOLS = '#%+=@*';

/**
 * Rejection keeps at least ~5% of draws at the shortest lengths a policy
 * allows (four characters, four categories), so 2,000 misses in a row happen
 * with a probability below 10^-44; reaching it means the source is broken.
 */
const MAX_ATTEMPTS = 2_000;

const cryptoRandom: RandomSource = (maxExclusive) => randomInt(maxExclusive);

/** The length to draw: 16 if the policy allows it, else the nearest length it allows. */
export function suggestedLength(policy: PasswordPolicySettings): number {
  return Math.min(Math.max(TEMP_PASSWORD_LENGTH, policy.minLength), policy.maxLength);
}

export function suggestPassword(policy: PasswordPolicySettings, random: RandomSource = cryptoRandom): Secret {
  const length = suggestedLength(policy);
  const { digits, upper, lower } = TEMP_PASSWORD_ALPHABET;
  const categories: string[] =
    policy.requiredCategories >= 4 ? [digits, upper, lower, PHONE_FRIENDLY_SYMBOLS] : [digits, upper, lower];
  // Every category drawn must appear when the length allows (more than the policy asks is
  // harmless); never fewer than the policy requires.
  const needed = Math.max(policy.requiredCategories, Math.min(categories.length, length));
  if (length < policy.minLength || length < policy.requiredCategories || length < 1) {
    throw new RangeError('The password policy cannot be met: its lengths and categories contradict each other.');
  }
  const all = categories.join('');
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let candidate = '';
    for (let i = 0; i < length; i++) {
      const index = random(all.length);
      const char = Number.isInteger(index) ? all[index] : undefined;
      if (char === undefined) throw new RangeError('The random source returned an out-of-range value.');
      candidate += char;
    }
    const present = categories.filter((category) => [...category].some((c) => candidate.includes(c))).length;
    if (present >= needed) return new Secret(candidate);
  }
  throw new Error('The random source kept producing passwords that miss a character category.');
}
