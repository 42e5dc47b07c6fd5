/**
 * Milliseconds since the epoch. Injected everywhere time matters (lockout,
 * expiry, audit) so tests control it instead of sleeping.
 */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-06-01T09:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start;
  const clock = () => now;
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}
