/**
 * Entra ID's password policy (Microsoft Learn, "Microsoft Entra password policies"):
 * 8–256 characters, three of four categories (lower, upper, digit, symbol), no
 * Unicode, space allowed, and on a change the current password cannot be
 * reused. The tenant's settings give the numbers; the character set is fixed.
 *
 * The checker returns every violated rule rather than the first one, so the UI
 * can show the whole list at once instead of making the user fix one thing at
 * a time. Messages never quote the password or any of its characters: they are
 * shown on screen and may end up in an audit detail or an error payload.
 *
 * The banned-password list is a separate check (it needs the tenant and the
 * user's names), not part of this module.
 */
import type { PasswordPolicySettings } from './types';

export type PolicyRule = 'tooShort' | 'tooLong' | 'categories' | 'characters' | 'reused';

export interface PolicyViolation {
  rule: PolicyRule;
  /** User-facing, one sentence, never contains the password. */
  message: string;
}

export type CharacterCategory = 'lower' | 'upper' | 'digit' | 'symbol';

/**
 * The symbols Entra lists, in its order. Together with space they are exactly
 * the non-alphanumeric characters of printable ASCII (0x20–0x7E), which is why
 * `isAllowedCharacter` can test a range instead of this list; the test suite
 * checks that the two agree.
 */
export const ENTRA_SYMBOLS = '@#$%^&*-_!+=[]{}|\\:\',.?/`~"();<>';

const CATEGORY_WORDS = 'lowercase letters, uppercase letters, numbers, symbols';

export const POLICY_MESSAGES = {
  tooShort: (min: number) => `Use at least ${min} ${min === 1 ? 'character' : 'characters'}.`,
  tooLong: (max: number) => `Use at most ${max} ${max === 1 ? 'character' : 'characters'}.`,
  categories: (required: number) => `Use at least ${required} of: ${CATEGORY_WORDS}.`,
  characters: () =>
    `Use only letters A–Z, numbers, spaces and the symbols ${[...ENTRA_SYMBOLS].join(' ')}.`,
  reused: () => "Don't reuse your current password.",
} as const;

/** Printable ASCII: space (0x20) to tilde (0x7E). Anything else is refused. */
export function isAllowedCharacter(char: string): boolean {
  const code = char.codePointAt(0);
  return char.length === 1 && code !== undefined && code >= 0x20 && code <= 0x7e;
}

/**
 * The category of an allowed character, or null for a refused one. A refused
 * character must not count: "é" is not a lowercase letter for Entra, so it may
 * not help a password reach three categories.
 */
export function categoryOf(char: string): CharacterCategory | null {
  if (!isAllowedCharacter(char)) return null;
  if (char >= 'a' && char <= 'z') return 'lower';
  if (char >= 'A' && char <= 'Z') return 'upper';
  if (char >= '0' && char <= '9') return 'digit';
  return 'symbol'; // every other printable ASCII character, space included
}

/**
 * Length in characters (Unicode code points), not UTF-16 code units, so an
 * emoji counts once in the "too long/too short" message. It only matters for
 * passwords that are refused for their characters anyway, but the numbers the
 * user sees stay honest.
 */
function characterLength(password: string): number {
  return Array.from(password).length;
}

export function checkPasswordPolicy(
  password: string,
  policy: PasswordPolicySettings,
  options: { previous?: string } = {},
): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const length = characterLength(password);

  if (length < policy.minLength) {
    violations.push({ rule: 'tooShort', message: POLICY_MESSAGES.tooShort(policy.minLength) });
  }
  if (length > policy.maxLength) {
    violations.push({ rule: 'tooLong', message: POLICY_MESSAGES.tooLong(policy.maxLength) });
  }

  const present = new Set<CharacterCategory>();
  let refused = false;
  for (const char of password) {
    const category = categoryOf(char);
    if (category === null) refused = true;
    else present.add(category);
  }

  if (present.size < policy.requiredCategories) {
    violations.push({
      rule: 'categories',
      message: POLICY_MESSAGES.categories(policy.requiredCategories),
    });
  }
  if (refused) {
    violations.push({ rule: 'characters', message: POLICY_MESSAGES.characters() });
  }
  // Exact comparison: Entra refuses the very same password, not a similar one.
  if (options.previous !== undefined && options.previous === password) {
    violations.push({ rule: 'reused', message: POLICY_MESSAGES.reused() });
  }
  return violations;
}

/** One sentence describing the policy, shown next to the new-password field. */
export function policySummary(policy: PasswordPolicySettings): string {
  const { minLength, maxLength, requiredCategories } = policy;
  const length =
    minLength === maxLength ? `exactly ${minLength}` : `${minLength} to ${maxLength}`;
  let categories = '';
  if (requiredCategories >= 4) {
    categories = ', with lowercase letters, uppercase letters, numbers and symbols';
  } else if (requiredCategories >= 1) {
    categories = `, with at least ${requiredCategories} of: lowercase letters, uppercase letters, numbers, symbols`;
  }
  return `Use ${length} characters${categories}; letters A–Z, numbers, spaces and common symbols only.`;
}
