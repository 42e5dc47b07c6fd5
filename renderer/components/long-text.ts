/**
 * Where a long value (a UPN, an address, a DN, a file path, a domain) may
 * wrap besides its spaces: after a dot, @, underscore, comma, slash or
 * backslash inside it, the places a reader expects an address or a DN to be
 * cut ("henrietta.mueller_" / "northwind.com#EXT#@" / "contoso." /
 * "onmicrosoft.com"), so the browser never has to break a word in the middle.
 *
 * Not after one that starts or ends a token (a leading "/", a final "."),
 * nor inside a run ("..", "://"), not before a space (the space is already
 * a break), and not between two digits ("1,000", "2.5" stay whole).
 */

/** The characters a value may wrap after. */
const BREAK_AFTER = new Set(['.', '@', '_', ',', '/', '\\']);

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** The offsets in `text` where a break may go (each one just after a BREAK_AFTER character), in order. */
export function breakPoints(text: string): number[] {
  const points: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i]!;
    if (!BREAK_AFTER.has(c)) continue;
    const before = text[i - 1];
    const after = text[i + 1];
    if (isSpace(before) || BREAK_AFTER.has(before!)) continue; // starts a token, or follows another ("/.config", "//")
    if (isSpace(after) || after === c) continue; // ends a token, or starts a run ("..", "//")
    if (isDigit(before) && isDigit(after)) continue; // a number
    points.push(i + 1);
  }
  return points;
}

/** `text` cut at its break points: the parts join back to `text`. */
export function breakParts(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const point of breakPoints(text)) {
    parts.push(text.slice(start, point));
    start = point;
  }
  parts.push(text.slice(start));
  return parts;
}
