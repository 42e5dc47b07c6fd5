/**
 * One-time codes for caller verification (NIST SP 800-63B: at least 6 digits,
 * at most 10 minutes, single use). A code exists in clear only between its
 * generation and the message that carries it, and in the agent's typed
 * answer: the local file keeps an HMAC-SHA256 of it under a random salt of its
 * own challenge, so the file does not tell the code, and two challenges with
 * the same code do not look alike.
 *
 * Pure functions over a `now`: the service decides when, tests move the clock.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Secret } from '../../domain/secret';

export const CODE_DIGITS = 6;
/** A code is valid for 10 minutes after it was sent (inclusive: at exactly 10:00 it still works). */
export const CODE_LIFETIME_MS = 10 * 60_000;
/** The fifth wrong entry ends the attempt: a sixth guess needs a new code. */
export const MAX_WRONG_ENTRIES = 5;

/** Six digits, uniformly drawn (crypto.randomInt rejects modulo bias), leading zeros kept. */
export function generateCode(): Secret {
  return new Secret(String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0'));
}

export function newSalt(): string {
  return randomBytes(16).toString('base64url');
}

export function hmacOf(code: Secret, salt: string): string {
  return createHmac('sha256', Buffer.from(salt, 'base64url')).update(code.reveal(), 'utf8').digest('base64url');
}

/** Whether `typed` is the code behind `hmac`, in constant time (the HMACs have a fixed length). */
export function codeMatches(typed: Secret, salt: string, hmac: string): boolean {
  const expected = Buffer.from(hmac, 'base64url');
  const actual = Buffer.from(hmacOf(typed, salt), 'base64url');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** What the local file keeps of a code challenge's state. */
export interface CodeState {
  codeHmac: string;
  salt: string;
  expiresAt: number;
  attempts: number;
  status: 'pending' | 'verified' | 'failed' | 'superseded';
}

/**
 * The answer to one typed code, and the state to write back:
 * - 'verified': right, in time, first use;
 * - 'wrong': not the code; `triesLeft` more before the attempt ends;
 * - 'attempts-exceeded': this entry was the fifth wrong one, or the attempt had already ended;
 * - 'expired': past its 10 minutes, or already used (single use: a used code is as good as expired);
 * - 'not-started': there is nothing pending to check against (superseded by a newer send).
 */
export type CodeVerdict =
  | { outcome: 'verified'; next: Pick<CodeState, 'attempts' | 'status'> }
  | { outcome: 'wrong'; triesLeft: number; next: Pick<CodeState, 'attempts' | 'status'> }
  | { outcome: 'attempts-exceeded'; next: Pick<CodeState, 'attempts' | 'status'> | null }
  | { outcome: 'expired' | 'not-started'; next: null };

export function judgeCode(state: CodeState, typed: Secret, now: number): CodeVerdict {
  if (state.status === 'failed') return { outcome: 'attempts-exceeded', next: null };
  if (state.status === 'verified') return { outcome: 'expired', next: null };
  if (state.status === 'superseded') return { outcome: 'not-started', next: null };
  if (now > state.expiresAt) return { outcome: 'expired', next: null };
  if (codeMatches(typed, state.salt, state.codeHmac)) {
    return { outcome: 'verified', next: { attempts: state.attempts, status: 'verified' } };
  }
  const attempts = state.attempts + 1;
  if (attempts >= MAX_WRONG_ENTRIES) return { outcome: 'attempts-exceeded', next: { attempts, status: 'failed' } };
  return { outcome: 'wrong', triesLeft: MAX_WRONG_ENTRIES - attempts, next: { attempts, status: 'pending' } };
}
