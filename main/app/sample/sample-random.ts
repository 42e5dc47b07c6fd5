/**
 * The sample tenant's only source of randomness: a seeded PRNG and the draws
 * built on it. Same seed, same draws, on every machine (no Math.random, no clock).
 */

/** sfc32 seeded through splitmix32 (the integer part of the seed, all 53 bits): returns numbers in [0, 1). */
export function createPrng(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError(`PRNG seed must be a finite number, got ${seed}`);
  const int = Math.trunc(seed);
  let state = (int >>> 0) ^ Math.imul(Math.floor(int / 2 ** 32) >>> 0, 0x85ebca6b);
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = Math.imul(state ^ (state >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) | 0;
  };
  let [a, b, c, d] = [splitmix(), splitmix(), splitmix(), 1];
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** An array or a typed array: what shuffle and pickFrom reorder in place. */
export interface Slots<T> { length: number; [index: number]: T }

export class Gen {
  constructor(readonly next: () => number) {}
  int(n: number): number { return Math.floor(this.next() * n); }
  between(lo: number, hi: number): number { return lo + this.int(hi - lo + 1); }
  chance(p: number): boolean { return this.next() < p; }
  /** items must not be empty (all lists here are constants). */
  pick<T>(items: readonly T[]): T { return items[this.int(items.length)] as T; }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let r = this.next() * items.reduce((sum, item) => sum + weight(item), 0);
    for (const item of items) if ((r -= weight(item)) < 0) return item;
    return this.pick(items);
  }
  /** Fisher–Yates, in place. */
  shuffle<T>(items: Slots<T>): void {
    for (let i = items.length - 1; i > 0; i--) swap(items, i, this.int(i + 1));
  }
  /**
   * Moves `count` distinct random items of `items` to its front, in place: a Fisher–Yates
   * stopped after `count` steps, so choosing 3% of a million costs 30,000 draws, not a million.
   */
  pickFront<T>(items: Slots<T>, count: number): void {
    for (let i = 0; i < Math.min(count, items.length); i++) swap(items, i, i + this.int(items.length - i));
  }
  uuid(): string {
    const hex = Array.from({ length: 4 }, () => this.int(2 ** 32).toString(16).padStart(8, '0')).join('');
    const variant = '89ab'[this.int(4)] ?? '8';
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

function swap<T>(items: Slots<T>, i: number, j: number): void {
  const t = items[i] as T;
  items[i] = items[j] as T;
  items[j] = t;
}
