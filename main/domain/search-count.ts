/**
 * How far a search counts its matches, for every directory alike: past
 * COUNT_CAP the total says "more than 1,000" (an exact count over a million
 * users would cost more than the search itself).
 */
import type { SearchTotal } from './types';

export const COUNT_CAP = 1000;

/** A count as the agent reads it: past the cap, "more than 1,000"; under it, exact unless the reading was cut short. */
export function cappedTotal(n: number, exact = true): SearchTotal {
  return n > COUNT_CAP ? { count: COUNT_CAP, exact: false } : { count: n, exact };
}
