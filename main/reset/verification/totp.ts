/**
 * Authenticator-app codes: RFC 6238 TOTP with the parameters every
 * authenticator app assumes (SHA-1, 6 digits, 30 s), through `otpauth`.
 *
 * A window of ±1 step accepts a code from the step before or after the
 * server's, for a phone clock a little off and for the seconds a caller takes
 * to read the code out. RFC 6238 §5.2: a code once accepted must not be
 * accepted again, so the verifier remembers the step it last accepted for the
 * user and takes only later steps.
 */
import { Secret as OtpSecret, TOTP } from 'otpauth';
import { Secret } from '../../domain/secret';
import { TOTP_DIGITS, TOTP_ISSUER, TOTP_PERIOD_S, TOTP_WINDOW } from './totp-params';

export { TOTP_DIGITS, TOTP_ISSUER, TOTP_PERIOD_S, TOTP_WINDOW };

function totpOf(secretBase32: string, label = 'user'): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_S,
    secret: OtpSecret.fromBase32(secretBase32),
  });
}

/** A new shared secret, 160 bits (RFC 4226's recommended length), as base32. */
export function newTotpSecret(): Secret {
  return new Secret(new OtpSecret({ size: 20 }).base32);
}

/** The otpauth:// URI an authenticator app scans or imports; it holds the secret, so it is a Secret too. */
export function provisioningUri(secret: Secret, account: string): Secret {
  return new Secret(totpOf(secret.reveal(), account).toString());
}

/** The step (30 s period since the epoch) a time falls in. */
export function stepAt(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_S);
}

/** The code an app shows at `now` (tests act as the user's phone with it). */
export function totpAt(secret: Secret, now: number): string {
  return totpOf(secret.reveal()).generate({ timestamp: now });
}

/**
 * The step of the code typed, when it is the current code within ±1 step and
 * later than `lastAcceptedStep` (a replay, or an older code after a newer one,
 * is refused); null otherwise.
 */
export function acceptTotp(secret: Secret, typed: Secret, now: number, lastAcceptedStep: number | null): number | null {
  const token = typed.reveal();
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret.reveal()).validate({ token, timestamp: now, window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = stepAt(now) + delta;
  if (lastAcceptedStep !== null && step <= lastAcceptedStep) return null;
  return step;
}
