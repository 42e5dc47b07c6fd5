/**
 * The TOTP parameters every authenticator app assumes (RFC 6238: SHA-1, 6
 * digits, 30 s) and the window accepted, apart from totp.ts so the
 * verification service can know them without loading otpauth: it is loaded
 * on the first authenticator check, not at every CLI start.
 */
export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = 'Resetdesk';
