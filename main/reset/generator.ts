/**
 * Temporary passwords for cloud users (Entra generates them; the agent reads
 * them to the user, usually over the phone, and the user types them once).
 *
 * Why it looks the way it does:
 * - No symbols: they are the characters people mishear and mistype when read
 *   aloud ("was that a hyphen or an underscore?").
 * - No look-alikes (LOOK_ALIKES): 0/O/o/Q, 1/l/I/i/L, 5/S/s, 2/Z/z, 8/B, 6/G/b,
 *   9/g/q each keep at most one member, so a password copied by eye cannot be
 *   misread. Case twins such as c/C or x/X remain; the readout says "capital"
 *   for them and the UI should show the password in a monospace font.
 * - At least one lower, one upper and one digit: with no symbols that is the
 *   only way to meet Entra's default three-of-four rule.
 * - 16 characters over 43 symbols: about 86.7 bits, well above the 64 bits we
 *   require (see temporaryPasswordEntropyBits).
 * - Uniform over *valid* strings: every character is drawn uniformly from the
 *   whole alphabet and a draw that misses a category is thrown away and redrawn
 *   as a whole. Forcing one character from each category instead would make
 *   some positions and categories more likely than others.
 */
import { randomInt } from 'node:crypto';
import { Secret } from '../domain/secret';

/** A uniform integer in [0, maxExclusive). Injectable so tests are deterministic. */
export type RandomSource = (maxExclusive: number) => number;

export const TEMP_PASSWORD_LENGTH = 16;

export const TEMP_PASSWORD_ALPHABET = {
  digits: '2346789',
  upper: 'ACDEFHJKMNPRTUVWXY',
  lower: 'acdefhjkmnprtuvwxy',
} as const;

/** Every alphanumeric character left out of the alphabet because it has a twin. */
export const LOOK_ALIKES = '015BGILOQSZbgiloqsz';

const CATEGORIES = [
  TEMP_PASSWORD_ALPHABET.digits,
  TEMP_PASSWORD_ALPHABET.upper,
  TEMP_PASSWORD_ALPHABET.lower,
] as const;
/** Draws index into digits + upper + lower, in that order (tests script draws by it). */
const ALL = CATEGORIES.join('');

/**
 * Rejection keeps about 94% of draws, so 100 rejections in a row happen with a
 * probability below 10^-120. Reaching it means the random source is broken
 * (e.g. a stub that always returns 0), and looping forever would hang the app.
 */
const MAX_ATTEMPTS = 100;

const cryptoRandom: RandomSource = (maxExclusive) => randomInt(maxExclusive);

export function generateTemporaryPassword(random: RandomSource = cryptoRandom): Secret {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let candidate = '';
    for (let i = 0; i < TEMP_PASSWORD_LENGTH; i++) {
      const index = random(ALL.length);
      const char = Number.isInteger(index) ? ALL[index] : undefined;
      // A faulty source must fail loudly, not shorten or bias the password.
      if (char === undefined) throw new RangeError('The random source returned an out-of-range value.');
      candidate += char;
    }
    if (CATEGORIES.every((category) => [...category].some((c) => candidate.includes(c)))) {
      return new Secret(candidate);
    }
  }
  throw new Error('The random source kept producing passwords that miss a character category.');
}

/**
 * Number of strings of `length` over the alphabet that contain every category,
 * by inclusion–exclusion: sum over every set S of categories left out of
 * (-1)^|S| * (alphabet size without S)^length. BigInt because 43^16 > 2^53.
 */
function validCount(length: number): bigint {
  const sizes = CATEGORIES.map((c) => c.length);
  let total = 0n;
  for (let mask = 0; mask < 1 << sizes.length; mask++) {
    let left = ALL.length;
    let excluded = 0;
    sizes.forEach((size, i) => {
      if (mask & (1 << i)) {
        left -= size;
        excluded++;
      }
    });
    const term = BigInt(left) ** BigInt(length);
    total += excluded % 2 === 0 ? term : -term;
  }
  return total;
}

/**
 * log2 of the number of passwords the generator can produce, all equally
 * likely. The count is exact; converting it to a double loses at most one part
 * in 2^53, far below anything that matters for a bit count.
 */
export function temporaryPasswordEntropyBits(): number {
  return Math.log2(Number(validCount(TEMP_PASSWORD_LENGTH)));
}

/** "abcd efgh ..." chunks, so the agent can read and the user can check in groups. */
export function groupForDisplay(password: string, size = 4): string[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('Group size must be a positive integer.');
  const chars = Array.from(password);
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += size) groups.push(chars.slice(i, i + size).join(''));
  return groups;
}

/** ICAO/NATO spelling alphabet (ICAO spells Alfa and Juliett this way on purpose). */
const NATO = [
  'Alfa', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India',
  'Juliett', 'Kilo', 'Lima', 'Mike', 'November', 'Oscar', 'Papa', 'Quebec', 'Romeo',
  'Sierra', 'Tango', 'Uniform', 'Victor', 'Whiskey', 'X-ray', 'Yankee', 'Zulu',
] as const;

/**
 * Digits are plain English words. ICAO's "niner" exists to avoid confusion with
 * German "nein" on radio; the people on the other end of a helpdesk call are
 * not pilots, and "niner" tends to make them ask again.
 */
const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] as const;

/** Names for every other printable ASCII character (typed on-premises passwords). */
const SYMBOL_NAMES: Readonly<Record<string, string>> = {
  ' ': 'space',
  '!': 'exclamation mark',
  '"': 'double quote',
  '#': 'hash',
  '$': 'dollar sign',
  '%': 'percent sign',
  '&': 'ampersand',
  "'": 'apostrophe',
  '(': 'opening parenthesis',
  ')': 'closing parenthesis',
  '*': 'asterisk',
  '+': 'plus sign',
  ',': 'comma',
  '-': 'hyphen',
  '.': 'period',
  '/': 'slash',
  ':': 'colon',
  ';': 'semicolon',
  '<': 'less-than sign',
  '=': 'equals sign',
  '>': 'greater-than sign',
  '?': 'question mark',
  '@': 'at sign',
  '[': 'opening square bracket',
  '\\': 'backslash',
  ']': 'closing square bracket',
  '^': 'caret',
  _: 'underscore',
  '`': 'backtick',
  '{': 'opening curly brace',
  '|': 'vertical bar',
  '}': 'closing curly brace',
  '~': 'tilde',
};

function spoken(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (char >= 'a' && char <= 'z') return (NATO[code - 0x61] ?? '').toLowerCase();
  if (char >= 'A' && char <= 'Z') return `capital ${NATO[code - 0x41] ?? ''}`;
  if (char >= '0' && char <= '9') return DIGITS[code - 0x30] ?? '';
  const name = SYMBOL_NAMES[char];
  if (name !== undefined) return name;
  // Not printable ASCII (policy refuses it anyway): name it unambiguously.
  return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One spoken word (or phrase) per character, in order. */
export function natoReadout(password: string): string[] {
  return Array.from(password, spoken);
}
