/**
 * What must be settled for all generated sample users before the first one is
 * made, so that the shares are exact at every size: each user's kind (the MIX,
 * by largest remainder) and which ones are disabled, locked, never-expiring,
 * must-change or protected (exact counts drawn from the right pools). One byte
 * of kind and one of state per user: a million users plan in 2 MB, and the users
 * themselves are made one at a time from it (sample.ts).
 */
import { MIX, type SampleKind } from './sample-names';
import type { Gen } from './sample-random';

/** The account states a generated user may get, as bits of one byte. */
export const STATE = { disabled: 1, locked: 2, neverExpires: 4, mustChange: 8, protected: 16 } as const;

export interface SamplePlan {
  readonly count: number;
  kindOf(index: number): SampleKind;
  /** Whether user `index` gets `state` (one of STATE). */
  has(index: number, state: number): boolean;
}

/** Kinds homed in Contoso: only they can be disabled, locked or flagged (outsiders sign in at home). */
const HOMED: ReadonlySet<SampleKind> = new Set<SampleKind>(['cloud', 'syncedManaged', 'syncedFederated']);
const KINDS: readonly SampleKind[] = MIX.map(([kind]) => kind);

/** Exact counts per MIX entry for n users (largest remainder), as one MIX index per user, in MIX order. */
function allocate(n: number): Uint8Array {
  const total = MIX.reduce((sum, [, w]) => sum + w, 0);
  const quotas = MIX.map(([, w], i) => ({ i, count: Math.floor((n * w) / total), rest: (n * w) % total }));
  let left = n - quotas.reduce((sum, q) => sum + q.count, 0);
  for (const q of [...quotas].sort((x, y) => y.rest - x.rest || x.i - y.i)) if (left-- > 0) q.count++;
  const kinds = new Uint8Array(n);
  let at = 0;
  for (const q of quotas) kinds.fill(q.i, at, (at += q.count));
  return kinds;
}

/** The indices whose kind passes `keep`. */
function indicesOf(kinds: Uint8Array, keep: (kind: SampleKind) => boolean): Int32Array {
  const wanted = KINDS.map(keep);
  let count = 0;
  for (const k of kinds) if (wanted[k]) count++;
  const out = new Int32Array(count);
  let at = 0;
  kinds.forEach((k, i) => { if (wanted[k]) out[at++] = i; });
  return out;
}

/** n generated users: the mix shuffled, then ~3% disabled, ~3% locked (not disabled), ~5% never-expires, ~2% must-change, ~8% of synced managed AdminCount=1. */
export function planGenerated(gen: Gen, n: number): SamplePlan {
  const kinds = allocate(n);
  gen.shuffle(kinds);
  const states = new Uint8Array(n);
  const mark = (pool: Int32Array, count: number, state: number) => {
    const chosen = pool.slice(); // pools are reused: choose from a copy
    gen.pickFront(chosen, count);
    for (const i of chosen.subarray(0, count)) states[i] = (states[i] ?? 0) | state;
  };
  const homed = indicesOf(kinds, (kind) => HOMED.has(kind));
  const synced = indicesOf(kinds, (kind) => kind === 'syncedManaged');
  mark(homed, Math.round(n * 0.03), STATE.disabled);
  mark(homed.filter((i) => ((states[i] ?? 0) & STATE.disabled) === 0), Math.round(n * 0.03), STATE.locked);
  mark(homed, Math.round(n * 0.05), STATE.neverExpires);
  mark(homed, Math.round(n * 0.02), STATE.mustChange);
  mark(synced, Math.round(synced.length * 0.08), STATE.protected);
  return {
    count: n,
    kindOf: (index) => KINDS[kinds[index] ?? 0] ?? 'cloud',
    has: (index, state) => ((states[index] ?? 0) & state) !== 0,
  };
}
