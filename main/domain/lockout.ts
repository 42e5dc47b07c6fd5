/**
 * An account's smart-lockout state as every directory keeps it, and the state a
 * successful sign-in, a reset or an unlock leaves. The rule that moves it on a
 * failure is in main/reset/lockout.ts.
 */
export interface LockoutState {
  failedAttempts: number;
  lockedUntil: number | null;
  lockoutCount: number;
  recentBadDigests: string[];
}

export const CLEARED_LOCKOUT: LockoutState = {
  failedAttempts: 0,
  lockedUntil: null,
  lockoutCount: 0,
  recentBadDigests: [],
};
