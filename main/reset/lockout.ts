import type { LockoutPolicySettings } from '../domain/types';
import type { LockoutState } from '../domain/lockout';

/** Entra tracks the last three bad password hashes. */
export const REMEMBERED_BAD_PASSWORDS = 3;

/** Later lockouts double in length up to this cap, so an account is never locked for days by a script. */
export const MAX_LOCKOUT_MS = 24 * 60 * 60 * 1000;

export interface FailureOutcome {
  state: LockoutState;
  /** false when the same wrong password was tried again: it does not count. */
  counted: boolean;
  /** true when this failure locked the account. */
  lockedNow: boolean;
}

/**
 * Smart lockout, as Entra describes it: 10 failed sign-ins lock the account for
 * 60 seconds; once it has been locked, each further counted failure locks it
 * again, for longer each time (doubling here). A wrong password identical to one
 * of the last three does not count again. A successful sign-in, a reset or an
 * unlock forgets it all.
 */
export function applyFailure(
  current: LockoutState,
  attemptDigest: string,
  policy: LockoutPolicySettings,
  now: number,
): FailureOutcome {
  if (current.recentBadDigests.includes(attemptDigest)) {
    return { state: current, counted: false, lockedNow: false };
  }
  const recentBadDigests = [attemptDigest, ...current.recentBadDigests].slice(0, REMEMBERED_BAD_PASSWORDS);
  const failedAttempts = current.failedAttempts + 1;
  const reachedThreshold = current.lockoutCount > 0 || failedAttempts >= policy.threshold;
  if (!reachedThreshold) {
    return { state: { ...current, failedAttempts, recentBadDigests }, counted: true, lockedNow: false };
  }
  const duration = Math.min(policy.durationSeconds * 1000 * 2 ** current.lockoutCount, MAX_LOCKOUT_MS);
  return {
    state: { failedAttempts: 0, lockoutCount: current.lockoutCount + 1, lockedUntil: now + duration, recentBadDigests },
    counted: true,
    lockedNow: true,
  };
}

