import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LockoutPolicySettings } from '../../../main/domain/types';
import type { LockoutState } from '../../../main/domain/lockout';
import { MAX_LOCKOUT_MS, applyFailure } from '../../../main/reset/lockout';

/** Entra's published numbers, written here rather than taken from DEFAULT_LOCKOUT_POLICY. */
const ENTRA: LockoutPolicySettings = { threshold: 10, durationSeconds: 60 };
const fresh = (): LockoutState => ({ failedAttempts: 0, lockedUntil: null, lockoutCount: 0, recentBadDigests: [] });

/** A controllable clock: tests set `clock.now` and read it when calling. */
const clock = { now: 1_700_000_000_000 };

function failMany(state: LockoutState, digests: string[], policy = ENTRA): LockoutState {
  for (const d of digests) state = applyFailure(state, d, policy, clock.now).state;
  return state;
}

const distinct = (n: number, prefix = 'd') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

test('9 distinct wrong passwords do not lock; the 10th locks for exactly 60 s', () => {
  clock.now = 1_700_000_000_000;
  let state = fresh();
  for (const [i, d] of distinct(9).entries()) {
    const out = applyFailure(state, d, ENTRA, clock.now);
    assert.equal(out.counted, true);
    assert.equal(out.lockedNow, false);
    assert.equal(out.state.failedAttempts, i + 1);
    assert.equal(out.state.lockedUntil, null);
    assert.equal(out.state.lockoutCount, 0);
    state = out.state;
  }
  clock.now += 5_000;
  const tenth = applyFailure(state, 'd9', ENTRA, clock.now);
  assert.equal(tenth.counted, true);
  assert.equal(tenth.lockedNow, true);
  assert.equal(tenth.state.lockedUntil, clock.now + 60_000);
  assert.equal(tenth.state.failedAttempts, 0);
  assert.equal(tenth.state.lockoutCount, 1);
});

test('a wrong password repeated from the last three does not count', () => {
  clock.now = 1_000_000;
  const state = failMany(fresh(), ['a', 'b', 'c']);
  assert.deepEqual(state.recentBadDigests, ['c', 'b', 'a']);
  for (const repeat of ['a', 'b', 'c']) {
    const out = applyFailure(state, repeat, ENTRA, clock.now);
    assert.equal(out.counted, false, repeat);
    assert.equal(out.lockedNow, false);
    assert.deepEqual(out.state, state);
  }
});

test('repeats never reach the threshold', () => {
  clock.now = 2_000_000;
  let state = failMany(fresh(), distinct(9));
  // The last three digests are d8, d7, d6: trying them again and again never locks.
  for (let i = 0; i < 30; i++) {
    const out = applyFailure(state, `d${6 + (i % 3)}`, ENTRA, clock.now);
    assert.equal(out.lockedNow, false);
    state = out.state;
  }
  assert.equal(state.failedAttempts, 9);
  assert.equal(state.lockedUntil, null);
});

test('a digest seen four failures ago counts again', () => {
  clock.now = 3_000_000;
  const state = failMany(fresh(), ['old', 'x', 'y', 'z']);
  assert.deepEqual(state.recentBadDigests, ['z', 'y', 'x']);
  const out = applyFailure(state, 'old', ENTRA, clock.now);
  assert.equal(out.counted, true);
  assert.equal(out.state.failedAttempts, 5);
  assert.deepEqual(out.state.recentBadDigests, ['old', 'z', 'y']);
});

test('later lockouts double: 60 s, 120 s, 240 s', () => {
  clock.now = 10_000_000;
  let state = failMany(fresh(), distinct(10));
  assert.equal(state.lockoutCount, 1);
  assert.equal(state.lockedUntil, clock.now + 60_000);

  clock.now += 61_000;
  let out = applyFailure(state, 'second', ENTRA, clock.now);
  assert.equal(out.lockedNow, true, 'after a lockout the next counted failure locks again');
  assert.equal(out.state.lockedUntil, clock.now + 120_000);
  assert.equal(out.state.lockoutCount, 2);
  state = out.state;

  clock.now += 121_000;
  out = applyFailure(state, 'third', ENTRA, clock.now);
  assert.equal(out.lockedNow, true);
  assert.equal(out.state.lockedUntil, clock.now + 240_000);
  assert.equal(out.state.lockoutCount, 3);
  state = out.state;

  // A repeat of a recent bad password still does not count, even after a lockout.
  const repeat = applyFailure(state, 'third', ENTRA, clock.now);
  assert.equal(repeat.counted, false);
  assert.equal(repeat.lockedNow, false);
  assert.deepEqual(repeat.state, state);
});

test('lockout duration is capped at MAX_LOCKOUT_MS', () => {
  assert.equal(MAX_LOCKOUT_MS, 24 * 60 * 60 * 1000);
  clock.now = 50_000_000;
  // 60 s * 2^10 = 61,440 s < 86,400 s; 60 s * 2^11 = 122,880 s > cap.
  const below = applyFailure({ ...fresh(), lockoutCount: 10 }, 'p', ENTRA, clock.now);
  assert.equal(below.state.lockedUntil, clock.now + 60_000 * 1024);
  const capped = applyFailure({ ...fresh(), lockoutCount: 11 }, 'p', ENTRA, clock.now);
  assert.equal(capped.state.lockedUntil, clock.now + 86_400_000);
  const farBeyond = applyFailure({ ...fresh(), lockoutCount: 60 }, 'p', ENTRA, clock.now);
  assert.equal(farBeyond.state.lockedUntil, clock.now + 86_400_000);
  assert.equal(farBeyond.state.lockoutCount, 61);
});

test('a custom policy threshold and duration are honoured', () => {
  clock.now = 70_000_000;
  const policy: LockoutPolicySettings = { threshold: 3, durationSeconds: 30 };
  let state = failMany(fresh(), ['a', 'b'], policy);
  assert.equal(state.lockedUntil, null);
  assert.equal(state.failedAttempts, 2);
  const third = applyFailure(state, 'c', policy, clock.now);
  assert.equal(third.lockedNow, true);
  assert.equal(third.state.lockedUntil, clock.now + 30_000);
  state = third.state;
  clock.now += 31_000;
  const next = applyFailure(state, 'd', policy, clock.now);
  assert.equal(next.state.lockedUntil, clock.now + 60_000);

  // A larger threshold than Entra's: 10 failures are not enough.
  const lenient: LockoutPolicySettings = { threshold: 12, durationSeconds: 60 };
  const ten = failMany(fresh(), distinct(10), lenient);
  assert.equal(ten.lockedUntil, null);
  assert.equal(ten.failedAttempts, 10);
  const twelve = failMany(ten, ['e10', 'e11'], lenient);
  assert.equal(twelve.lockedUntil, clock.now + 60_000);
});

test('recentBadDigests keeps at most three, newest first', () => {
  clock.now = 80_000_000;
  let state = fresh();
  const expected: string[] = [];
  for (const d of ['p', 'q', 'r', 's', 't']) {
    state = applyFailure(state, d, ENTRA, clock.now).state;
    expected.unshift(d);
    assert.deepEqual(state.recentBadDigests, expected.slice(0, 3));
  }
  assert.deepEqual(state.recentBadDigests, ['t', 's', 'r']);
});

test('applyFailure does not mutate the state it is given', () => {
  clock.now = 90_000_000;
  const before = { ...fresh(), recentBadDigests: ['a', 'b'] };
  const snapshot = structuredClone(before);
  applyFailure(before, 'c', ENTRA, clock.now);
  assert.deepEqual(before, snapshot);
});
