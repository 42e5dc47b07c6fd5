/**
 * What a sign-in can answer, in every directory: the embedded one decides it
 * from its hashes and smart lockout, an LDAP one from the bind's result code
 * (AD's data 773 / 532 / 775 / 533, ppolicy's response control).
 */
export const SIGN_IN_RESULTS = [
  'ok',
  'password_change_required',
  'locked',
  'invalid_credentials',
  'disabled',
  'password_expired',
] as const;
export type SignInResult = (typeof SIGN_IN_RESULTS)[number];
