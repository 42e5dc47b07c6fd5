/**
 * Why a search result matched: the part of its name, UPN or mail that the typed
 * words found. Mirrors the search itself (main/directory/search.ts, FTS5 with
 * unicode61 and remove_diacritics): a word is a run of letters and digits, every
 * typed word is a prefix, case and accents do not count. So for "ade" it marks
 * "Ade" in "Adele Vance" and in "adele.vance@contoso.com", and "Adè" in "Adèle".
 */

export interface TextPart {
  text: string;
  match: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case, accents dropped: how the search index compares words. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The typed words as the search sees them, longest first (so the longest prefix wins). */
export function queryTerms(query: string): string[] {
  const terms = new Set((query.match(WORD) ?? []).map(fold).filter((t) => t !== ''));
  return [...terms].sort((a, b) => b.length - a.length);
}

/** How many UTF-16 units of `word` the longest matching term covers; 0 when none is its prefix. */
function matchedLength(word: string, terms: string[]): number {
  const folded = fold(word);
  const term = terms.find((t) => folded.startsWith(t));
  if (!term) return 0;
  // Walk the original characters until their folded form covers the term: an
  // accented letter may be one unit here and two before folding, or the reverse.
  let covered = 0;
  let length = 0;
  for (const char of word) {
    if (covered >= term.length) break;
    covered += fold(char).length;
    length += char.length;
  }
  return length;
}

/** `text` cut into parts, the matched prefix of each matching word marked. */
export function highlight(text: string, terms: string[]): TextPart[] {
  const parts: TextPart[] = [];
  const push = (part: string, match: boolean) => {
    if (part !== '') parts.push({ text: part, match });
  };
  let done = 0;
  if (terms.length > 0) {
    for (const found of text.matchAll(WORD)) {
      const length = matchedLength(found[0], terms);
      if (length === 0) continue;
      push(text.slice(done, found.index), false);
      push(text.slice(found.index, found.index + length), true);
      done = found.index + length;
    }
  }
  push(text.slice(done), false);
  return parts;
}

export const hasMatch = (text: string, terms: string[]): boolean => highlight(text, terms).some((p) => p.match);
