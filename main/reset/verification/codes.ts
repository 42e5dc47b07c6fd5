/**
 * One-time codes for caller verification (NIST SP 800-63B: at least 6 digits,
 * at most 10 minutes, single use). A code exists in clear only between its
 * generation and the message that carries it, and in the agent's typed
 * answer: the local file keeps an HMAC-SHA256 of it, keyed with the tenant's
 * pepper (a secret kept in the OS keychain, never in the file: pepper.ts) over
 * a random salt of its own challenge and the code. A salt alone would not do:
 * there are only 10^6 codes, and anyone holding the file could try them all
 * in seconds; without the pepper there is nothing to try them against. The
 * salt keeps two challenges with the same code from looking alike.
 *
 * Stored form: `p1.<pepper id>.<hmac>` (base64url). The version marks a
 * peppered value (a code stored by an earlier release, a plain salted HMAC,
 * has none and is no longer accepted); the pepper id, a public tag derived
 * from the pepper, tells a code kept under a pepper this keychain does not
 * hold from a wrong code, so it costs the caller no try.
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

/** The tenant's pepper as the codes' HMACs use it: the key, and a public id naming it in stored values. */
export interface Pepper {
  readonly key: Buffer;
  readonly id: string;
}

const PEPPERED = 'p1';

export function pepperOf(key: Buffer): Pepper {
  // An HMAC of a fixed text: names the key without telling anything of it.
  const id = createHmac('sha256', key).update('resetdesk code pepper id', 'utf8').digest().subarray(0, 8).toString('base64url');
  return { key, id };
}

export function hmacOf(code: Secret, salt: string, pepper: Pepper): string {
  const mac = createHmac('sha256', pepper.key).update(Buffer.from(salt, 'base64url')).update(code.reveal(), 'utf8').digest('base64url');
  return `${PEPPERED}.${pepper.id}.${mac}`;
}

/** Whether `stored` was made under `pepper`: false for a value from before peppering, or under a pepper this keychain does not hold. */
export function keyedWith(stored: string, pepper: Pepper | null): boolean {
  const [version, id, mac] = stored.split('.');
  return pepper !== null && version === PEPPERED && id === pepper.id && Boolean(mac);
}

/** Whether `typed` is the code behind `stored`, in constant time (the HMACs have a fixed length). */
export function codeMatches(typed: Secret, salt: string, stored: string, pepper: Pepper): boolean {
  if (!keyedWith(stored, pepper)) return false;
  const expected = Buffer.from(stored, 'utf8');
  const actual = Buffer.from(hmacOf(typed, salt, pepper), 'utf8');
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
 * - 'not-started': there is nothing pending to check against (superseded by a newer send,
 *   or its send failed);
 * - 'unkeyed': pending, but kept under a pepper this keychain does not hold (or none: stored
 *   before codes were peppered), so it cannot be checked here; no try is counted.
 */
export type CodeVerdict =
  | { outcome: 'verified'; next: Pick<CodeState, 'attempts' | 'status'> }
  | { outcome: 'wrong'; triesLeft: number; next: Pick<CodeState, 'attempts' | 'status'> }
  | { outcome: 'attempts-exceeded'; next: Pick<CodeState, 'attempts' | 'status'> | null }
  | { outcome: 'expired' | 'not-started' | 'unkeyed'; next: null };

export function judgeCode(state: CodeState, typed: Secret, now: number, pepper: Pepper | null): CodeVerdict {
  if (state.status === 'failed') return { outcome: 'attempts-exceeded', next: null };
  if (state.status === 'verified') return { outcome: 'expired', next: null };
  if (state.status === 'superseded') return { outcome: 'not-started', next: null };
  if (now > state.expiresAt) return { outcome: 'expired', next: null };
  if (!pepper || !keyedWith(state.codeHmac, pepper)) return { outcome: 'unkeyed', next: null };
  if (codeMatches(typed, state.salt, state.codeHmac, pepper)) {
    return { outcome: 'verified', next: { attempts: state.attempts, status: 'verified' } };
  }
  const attempts = state.attempts + 1;
  if (attempts >= MAX_WRONG_ENTRIES) return { outcome: 'attempts-exceeded', next: { attempts, status: 'failed' } };
  return { outcome: 'wrong', triesLeft: MAX_WRONG_ENTRIES - attempts, next: { attempts, status: 'pending' } };
}
