/**
 * Entra's banned-password check (Microsoft Learn, "Eliminate bad passwords
 * using Microsoft Entra Password Protection", "How are passwords evaluated"):
 *
 * 1. normalise: lower case, then 0→o, 1→l, $→s, @→a;
 * 2. find banned terms in it: the global and custom lists with an edit distance
 *    of one (abcdef also catches abcdeg, abcdefg, abcde), and the user's first
 *    name, last name and the tenant name as substrings; only terms of at least
 *    four characters;
 * 3. score: one point per banned term found, one per other character; at least
 *    five points to pass ("C0ntos0Blank12" = [contoso] + [blank] + 1 + 2 = 4,
 *    refused; "ContoS0Bl@nkf9!" = [contoso] + [blank] + f + 9 + ! = 5, accepted).
 *
 * Where terms overlap or could be found several ways, the score is the lowest
 * any reading of the password gives (a shortest-path over its positions): an
 * attacker guesses the cheapest way, so the check does too.
 *
 * Two choices the documentation leaves open, made here:
 * - a fuzzy match that only adds a character at either end of a term is not a
 *   match of its own: the term is there exactly and the extra character counts
 *   as one point (this is what makes Entra's "blankf" score [blank] + [f]);
 * - terms of exactly four characters match exactly, not fuzzily: one edit of a
 *   four-character term leaves three characters in place, which random strings
 *   hit constantly (measured on the app's own generated passwords, which then
 *   failed 1 time in 1,500; with fuzzy matching from five characters, none in 20,000).
 *
 * Pure: the lists come in as TermIndex values (main/reset/banned-list.ts loads
 * the global one). Messages never quote the password: they name the list's term
 * only for the tenant's own words (its name, its custom list) and say "your
 * name" for the user's.
 */

export const MIN_TERM_LENGTH = 4;
export const MAX_TERM_LENGTH = 64;
export const PASSING_SCORE = 5;
/** Shortest term matched with an edit distance of one (see above); shorter ones match exactly. */
export const FUZZY_FROM_LENGTH = 5;

const SUBSTITUTIONS: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', $: 's', '@': 'a' };
/** Stands for "any one character" in the index's keys; never in a normalised password (printable ASCII). */
const WILDCARD = '\u0000';

export function normalisePassword(text: string): string {
  return text.toLowerCase().replace(/[01$@]/g, (c) => SUBSTITUTIONS[c] ?? c);
}

/**
 * A list of banned terms, indexed so a piece of a password is tested in a few
 * hash look-ups instead of a scan of the list: the terms themselves, and each
 * fuzzy term with one position replaced by a wildcard. A piece is then within
 * one edit of a term when the piece is a term, when the piece with one position
 * (substitution) or one gap (a character the piece lacks) wildcarded is a key,
 * or when the piece without one inner character is a term.
 */
export class TermIndex {
  readonly size: number;
  /** Longest term: no piece longer than this plus one can match. */
  readonly longest: number;
  readonly #exact = new Map<string, string>();
  readonly #wild = new Map<string, string>();

  constructor(terms: Iterable<string>) {
    let longest = 0;
    for (const raw of terms) {
      const term = normalisePassword(raw.trim());
      if (term.length < MIN_TERM_LENGTH || this.#exact.has(term)) continue;
      this.#exact.set(term, raw.trim().toLowerCase());
      longest = Math.max(longest, term.length);
      if (term.length < FUZZY_FROM_LENGTH) continue;
      for (let i = 0; i < term.length; i++) {
        const key = term.slice(0, i) + WILDCARD + term.slice(i + 1);
        if (!this.#wild.has(key)) this.#wild.set(key, term);
      }
    }
    this.size = this.#exact.size;
    this.longest = longest;
  }

  /** The term (as listed, lower case) that this normalised piece matches within one edit, or null. */
  match(piece: string): string | null {
    if (piece.length < MIN_TERM_LENGTH) return null;
    const exact = this.#exact.get(piece);
    if (exact !== undefined) return exact;
    const m = piece.length;
    // One character changed.
    for (let i = 0; i < m; i++) {
      const term = this.#wild.get(piece.slice(0, i) + WILDCARD + piece.slice(i + 1));
      if (term !== undefined) return this.#listed(term);
    }
    // One character of the term missing from the piece (abcde for abcdef), anywhere, ends included.
    for (let i = 0; i <= m; i++) {
      const term = this.#wild.get(piece.slice(0, i) + WILDCARD + piece.slice(i));
      if (term !== undefined) return this.#listed(term);
    }
    // One character inserted inside the term (not at its ends: see the module comment).
    for (let i = 1; i < m - 1; i++) {
      const reduced = piece.slice(0, i) + piece.slice(i + 1);
      if (reduced.length >= FUZZY_FROM_LENGTH) {
        const term = this.#exact.get(reduced);
        if (term !== undefined) return term;
      }
    }
    return null;
  }

  #listed(normalised: string): string {
    return this.#exact.get(normalised) ?? normalised;
  }
}

export const EMPTY_TERMS = new TermIndex([]);

/** Where a banned term came from; decides how the reason is worded. */
export type TermSource = 'name' | 'tenant' | 'custom' | 'global';

export interface BannedContext {
  global: TermIndex;
  custom: TermIndex;
  /** The user's first and last name (either may be empty). */
  names: readonly string[];
  tenantName: string;
}

export interface BannedMatch {
  source: TermSource;
  /** The term as listed (lower case); for 'name', the name itself (never shown). */
  term: string;
}

export interface BannedScore {
  score: number;
  /** The terms the lowest-scoring reading found, in password order. */
  matches: BannedMatch[];
  passed: boolean;
}

/** The words of 4+ characters in names, normalised ("Mary-Jane Smith" → mary, jane, smith). */
function nameTerms(names: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const name of names) {
    for (const word of normalisePassword(name).split(/[^a-z0-9]+/)) {
      if (word.length >= MIN_TERM_LENGTH) terms.add(word);
    }
  }
  return [...terms];
}

type Finder = (piece: string) => BannedMatch | null;

function findersOf(context: BannedContext): { finders: Finder[]; longest: number } {
  const names = new Set(nameTerms(context.names));
  const tenant = new Set(nameTerms([context.tenantName]));
  const exactly = (set: Set<string>, source: TermSource): Finder => (piece) => (set.has(piece) ? { source, term: piece } : null);
  const fuzzily = (index: TermIndex, source: TermSource): Finder => (piece) => {
    const term = index.match(piece);
    return term === null ? null : { source, term };
  };
  const longest = Math.max(context.global.longest, context.custom.longest, ...[...names, ...tenant].map((t) => t.length));
  // The most specific reason first: it is the one the user can act on.
  const finders = [exactly(names, 'name'), exactly(tenant, 'tenant'), fuzzily(context.custom, 'custom'), fuzzily(context.global, 'global')];
  return { finders, longest };
}

/**
 * The score of a password: the fewest points any reading of it gives, where a
 * banned term found costs one point and every other character one point.
 */
export function scorePassword(password: string, context: BannedContext): BannedScore {
  const text = normalisePassword(password);
  const { finders, longest: term } = findersOf(context);
  // A piece one longer than the longest term can still match it (one character inserted).
  const longest = term + 1;
  const n = text.length;
  // best[i]: the fewest points for the first i characters; vague[i]: how many of its terms are
  // global ones. Between readings of equal score the one naming the tenant's or the user's own
  // words wins, so the reason shown is the most specific ("contoso", not "a common password").
  const best = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  const vague = new Array<number>(n + 1).fill(0);
  const step = new Array<{ from: number; match: BannedMatch | null }>(n + 1);
  best[0] = 0;
  for (let end = 1; end <= n; end++) {
    best[end] = best[end - 1]! + 1;
    vague[end] = vague[end - 1]!;
    step[end] = { from: end - 1, match: null };
    for (let start = Math.max(0, end - longest); start <= end - MIN_TERM_LENGTH; start++) {
      const points = best[start]! + 1;
      if (points > best[end]! || (points === best[end]! && vague[start]! >= vague[end]!)) continue;
      const piece = text.slice(start, end);
      for (const find of finders) {
        const match = find(piece);
        if (!match) continue;
        const global = vague[start]! + (match.source === 'global' ? 1 : 0);
        if (points < best[end]! || global < vague[end]!) {
          best[end] = points;
          vague[end] = global;
          step[end] = { from: start, match };
        }
        break;
      }
    }
  }
  const matches: BannedMatch[] = [];
  for (let at = n; at > 0; at = step[at]!.from) {
    const { match } = step[at]!;
    if (match) matches.unshift(match);
  }
  const score = best[n]!;
  return { score, matches, passed: score >= PASSING_SCORE };
}

function listOf(terms: string[]): string {
  return terms.length === 1 ? terms[0]! : `${terms.slice(0, -1).join(', ')} and ${terms[terms.length - 1]!}`;
}

/**
 * Why the password is refused, one sentence per kind of term found; empty when
 * it passes. Global terms are not named: a common password such as "password1"
 * may be most of what was typed, and these sentences travel into refusals.
 */
export function bannedPasswordProblems(password: string, context: BannedContext): string[] {
  const result = scorePassword(password, context);
  if (result.passed) return [];
  const of = (source: TermSource) => [...new Set(result.matches.filter((m) => m.source === source).map((m) => m.term))];
  const problems: string[] = [];
  if (of('name').length > 0) problems.push('It contains your name.');
  const tenant = of('tenant');
  if (tenant.length > 0) problems.push(`It contains your organisation's name: ${listOf(tenant)}.`);
  const custom = of('custom');
  if (custom.length === 1) problems.push(`It contains a banned word: ${custom[0]!}.`);
  else if (custom.length > 1) problems.push(`It contains banned words: ${listOf(custom)}.`);
  if (of('global').length > 0) problems.push('It contains a commonly used password, word or year.');
  problems.push(
    result.matches.length > 0
      ? 'Add more of your own characters, or use other words.'
      : 'It is too short to be hard to guess.',
  );
  return problems;
}
