/**
 * The words a user can be found by, and how typed text becomes a key prefix.
 * Pure functions: the store writes the keys (search-index.ts), the search reads
 * them through B-tree range scans (search.ts).
 *
 * Everything is folded the same way on both sides: lower case, diacritics
 * removed ("Zoë" → "zoe", "Søren" → "soren"), apostrophes dropped ("O'Brien" →
 * "obrien"). The domain part of an address is never a word of its own: "contoso"
 * or "com" would otherwise match every user and make every short prefix cost as
 * much as the whole directory.
 */

/** What the users table holds that search looks at. */
export interface SearchableUser {
  displayName: string;
  givenName: string | null;
  surname: string | null;
  upn: string;
  mail: string | null;
  department: string | null;
  jobTitle: string | null;
  mobilePhone: string | null;
  businessPhone: string | null;
}

/** Keys of phone numbers live in their own namespaces, so digits typed as text never meet them by accident. */
export const PHONE_PREFIX = 'tel:';
/** Reversed digits: a prefix of these is a suffix of the number ("0143", or the number without its country code). */
export const REVERSED_PHONE_PREFIX = 'rev:';

const LETTER_MAP: Record<string, string> = { ß: 'ss', ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ı: 'i' };

/** Printable ASCII: nothing to decompose or map, only case and apostrophes to fold. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Lower case, no diacritics, no apostrophes. */
export function fold(text: string): string {
  // Most names, every address: the same result without normalize() and three Unicode regexes,
  // a fifth of what a million-user load spends on its search keys.
  if (PLAIN_ASCII.test(text)) return text.toLowerCase().replace(/'/g, '');
  return text
    .replace(/[ßøØæÆłŁđĐı]/g, (c) => LETTER_MAP[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '');
}

/**
 * Remembers the answers for texts that repeat across users (given names, surnames,
 * departments, job titles, phone numbers): a million-user load folds each of them
 * once instead of once a user. Bounded: past `size` entries it starts over.
 */
function remembered<T>(size: number, compute: (text: string) => T): (text: string) => T {
  let known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      if (known.size >= size) known = new Map();
      value = compute(text);
      known.set(text, value);
    }
    return value;
  };
}

const wordsOf = remembered(50_000, (text) => fold(text).match(/[\p{L}\p{N}]+/gu) ?? []);

/** Folded words: runs of letters and digits. Shared arrays: never modify the result. */
export function words(text: string | null): readonly string[] {
  return text ? wordsOf(text) : [];
}

/** A name as one folded, single-spaced string: what display-name prefixes are matched against. */
export function sortName(displayName: string): string {
  return words(displayName).join(' ');
}

/** The part of an address before the domain; a guest's `alice_fabrikam.com#EXT#@…` UPN gives "alice". */
export function localPart(address: string): string {
  const lower = address.toLowerCase();
  const local = lower.slice(0, lower.lastIndexOf('@') === -1 ? lower.length : lower.lastIndexOf('@'));
  const external = local.indexOf('#ext#');
  if (external === -1) return local;
  const home = local.slice(0, external);
  return home.lastIndexOf('_') === -1 ? home : home.slice(0, home.lastIndexOf('_'));
}

/** The phone keys: all digits, the national number (without the country code), and reversed digits. */
export function phoneKeys(phone: string | null): readonly string[] {
  return phone ? phoneKeysOf(phone) : [];
}

const phoneKeysOf = remembered(50_000, (phone: string): string[] => {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 0) return [];
  const keys = [PHONE_PREFIX + digits, REVERSED_PHONE_PREFIX + [...digits].reverse().join('')];
  // "+1 425 555 0143": the national number is what follows the country code.
  const international = /^\s*\+\s*(\d{1,3})[\s().-]+(.*)$/.exec(phone);
  const national = international?.[2]?.replace(/\D/g, '');
  if (national) keys.push(PHONE_PREFIX + national);
  return keys;
});

/**
 * Every key of one user, without duplicates. Names: each word, and "surname
 * given" so "vance a" finds Adele Vance (the display name itself is matched
 * through its own sorted column). Addresses: the whole address (a pasted UPN),
 * its local part and the local part's words. Department and job title: each
 * word and the whole. Phones: see phoneKeys.
 */
export function userKeys(user: SearchableUser): string[] {
  const keys = new Set<string>();
  const add = (key: string) => {
    if (key.length > 0) keys.add(key);
  };
  for (const text of [user.displayName, user.givenName, user.surname, user.department, user.jobTitle]) {
    for (const word of words(text)) add(word);
  }
  const given = words(user.givenName).join(' ');
  const surname = words(user.surname).join(' ');
  if (given && surname) add(`${surname} ${given}`);
  for (const text of [user.department, user.jobTitle]) add(words(text).join(' '));
  for (const address of [user.upn, user.mail]) {
    if (!address) continue;
    add(address.toLowerCase());
    const local = localPart(address);
    add(local);
    for (const word of words(local)) add(word);
  }
  for (const phone of [user.mobilePhone, user.businessPhone]) for (const key of phoneKeys(phone)) add(key);
  return [...keys];
}

export { COUNT_CAP } from '../../domain/search-count';

/** What the search does with one query. */
export interface QueryPlan {
  /** The query as typed, trimmed: compared with UPN and mail for an exact match. */
  raw: string;
  /** The folded query as one key prefix ("sofia g", "adele.vance@con"). */
  prefix: string;
  /** Its words, for queries that no single key holds ("sofia engineering"). */
  terms: string[];
  /** True when the query can only be an address: display names hold no @ . _ */
  addressLike: boolean;
  /** Digits of a query that looks like a phone number, else null. */
  phoneDigits: string | null;
}

/** null: nothing to look for (only punctuation). */
export function planQuery(input: string): QueryPlan | null {
  const raw = input.trim();
  const addressLike = /[@._]/.test(raw);
  const terms = [...words(raw)];
  const prefix = addressLike ? fold(raw).replace(/\s+/g, '') : terms.join(' ');
  const digits = raw.replace(/\D/g, '');
  const phoneDigits = /^[+\d\s().-]+$/.test(raw) && digits.length >= 3 ? digits : null;
  if (prefix === '' && phoneDigits === null) return null;
  return { raw, prefix, terms, addressLike, phoneDigits };
}

/**
 * The ranges a query reads, in result order: the display-name prefix (not for
 * an address), then the phone keys (starting with the digits, ending with them),
 * then every other key. Search and count read the same ones.
 */
export function rangesOf(plan: QueryPlan): { name: string | null; keys: string[] } {
  const keys: string[] = [];
  if (plan.phoneDigits !== null) {
    keys.push(PHONE_PREFIX + plan.phoneDigits, REVERSED_PHONE_PREFIX + [...plan.phoneDigits].reverse().join(''));
  }
  if (plan.prefix !== '') keys.push(plan.prefix);
  return { name: !plan.addressLike && plan.prefix !== '' ? plan.prefix : null, keys };
}

/**
 * How a user matches a query, checked on the user's own fields (what the range
 * scans find through the index): 0 the UPN or mail exactly as typed, 1 the
 * display name starts with the query, 2 some other key does; null: no range
 * finds them. Used where candidates come from elsewhere (a filter's users).
 */
export function matchClassOf(plan: QueryPlan, user: SearchableUser): 0 | 1 | 2 | null {
  const raw = plan.raw.toLowerCase();
  if (user.upn.toLowerCase() === raw || user.mail?.toLowerCase() === raw) return 0;
  const { name, keys } = rangesOf(plan);
  if (name !== null && sortName(user.displayName).startsWith(name)) return 1;
  const own = userKeys(user);
  return keys.some((key) => own.some((k) => k.startsWith(key))) ? 2 : null;
}

/** Whether every word typed starts some key of the user, or a word inside one ("sofia engineering"). */
export function hasEveryWord(others: readonly string[], user: SearchableUser): boolean {
  const keys = userKeys(user);
  return others.every((term) => keys.some((key) => key.startsWith(term) || key.includes(` ${term}`)));
}

/** The smallest string greater than every string starting with `prefix`: the end of its key range. */
export function prefixEnd(prefix: string): string {
  return `${prefix}\u{10ffff}`;
}
