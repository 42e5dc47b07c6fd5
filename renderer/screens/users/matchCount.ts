/**
 * The line under the search box saying how many users match: every one when
 * the list holds them all ("3 users match"), else how many of them are loaded
 * so far ("Showing 50 of 1,342"; the list loads more as it scrolls), or "of
 * more than 1,000" when main stopped counting (an exact count over a large
 * directory would cost more than the search). Once the list has loaded the
 * last match, the count is what it holds, whatever main counted.
 */
import type { SearchTotal } from '../../../main/domain/types';

// en-US on purpose: the rest of the UI is English; "1,342" reads the same to every agent.
const thousands = new Intl.NumberFormat('en-US');

export function matchCountText(shown: number, total: SearchTotal, complete = false): string {
  if (complete || (total.exact && total.count <= shown)) return shown === 1 ? '1 user matches' : `${thousands.format(shown)} users match`;
  // A count cut short is a lower bound: never below what the list already holds.
  const of = total.exact ? thousands.format(total.count) : `more than ${thousands.format(Math.max(total.count, shown))}`;
  return `Showing ${thousands.format(shown)} of ${of}`;
}
