/**
 * What a directory server or the network answered, mapped to the closed set of
 * domain error codes. The server's own diagnostic text is kept only where it
 * is the reason an agent can act on (a password policy), and it never contains
 * the password: servers do not echo it, and nothing here adds it.
 */
import { ResultCodeError } from 'ldapts';
import { DomainError, type ErrorCode } from '../../domain/errors';
import type { SignInResult } from '../../domain/sign-in';
import { directoryPolicyRefusal, isPasswordRestriction } from './password-refusal';

/** RFC 4511 result codes by number, for DIRECTORY_ERROR's detail. */
const RESULT_NAMES: Record<number, string> = {
  1: 'operationsError',
  2: 'protocolError',
  3: 'timeLimitExceeded',
  4: 'sizeLimitExceeded',
  7: 'authMethodNotSupported',
  8: 'strongerAuthRequired',
  11: 'adminLimitExceeded',
  12: 'unavailableCriticalExtension',
  13: 'confidentialityRequired',
  16: 'noSuchAttribute',
  17: 'undefinedAttributeType',
  18: 'inappropriateMatching',
  19: 'constraintViolation',
  20: 'attributeOrValueExists',
  21: 'invalidAttributeSyntax',
  32: 'noSuchObject',
  34: 'invalidDNSyntax',
  48: 'inappropriateAuthentication',
  49: 'invalidCredentials',
  50: 'insufficientAccessRights',
  51: 'busy',
  52: 'unavailable',
  53: 'unwillingToPerform',
  54: 'loopDetect',
  64: 'namingViolation',
  65: 'objectClassViolation',
  80: 'other',
};

export function resultName(code: number): string {
  return RESULT_NAMES[code] ?? `result code ${code}`;
}

/** Node's TLS verification failures (tls.TLSSocket's `authorizationError` codes and the host check's). */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'INVALID_CA',
]);

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);

/** Where in the exchange an error happened: a timeout before any change was sent is "unreachable", after it "lost". */
export type Phase = 'connect' | 'read' | 'write';

/** The AD sub-code of a 49 answer: "80090308: LdapErr: DSID-0C09030B, comment: AcceptSecurityContext error, data 773, v893". */
export function adDataCode(message: string): string | null {
  return /\bdata ([0-9a-f]{3,8})\b/i.exec(message)?.[1]?.toLowerCase() ?? null;
}

/** An AD bind's sub-code as a sign-in result. */
export function signInResultOfAdCode(code: string | null): SignInResult {
  switch (code) {
    case '773':
      return 'password_change_required';
    case '532':
      return 'password_expired';
    case '775':
      return 'locked';
    case '533':
    case '701': // account expired: it cannot be used, like a disabled one
      return 'disabled';
    default: // 52e bad password, 525 no such user, 530/531 time and workstation limits
      return 'invalid_credentials';
  }
}

const SIGN_IN_CODES: Record<SignInResult, ErrorCode> = {
  ok: 'INTERNAL',
  invalid_credentials: 'AUTH_FAILED',
  password_change_required: 'PASSWORD_CHANGE_REQUIRED',
  password_expired: 'PASSWORD_EXPIRED',
  locked: 'LOCKED_OUT',
  disabled: 'ACCOUNT_DISABLED',
};

export function errorCodeOfSignIn(result: Exclude<SignInResult, 'ok'>): ErrorCode {
  return SIGN_IN_CODES[result];
}

/** The codes a refused bind is mapped to (every sign-in result but 'ok'). */
export const BIND_REFUSAL_CODES: ReadonlySet<ErrorCode> = new Set(
  (Object.keys(SIGN_IN_CODES) as SignInResult[]).filter((r) => r !== 'ok').map((r) => SIGN_IN_CODES[r]),
);

/**
 * The profile's service account's own bind refused (wrong password in the
 * keychain, locked, expired): not the agent's password, which sign-in already
 * proved, so not AUTH_FAILED and its "your account" words. Anything else is
 * passed on as it is.
 */
export function serviceBindRefusal(error: unknown, dn: string): unknown {
  if (!(error instanceof DomainError) || !BIND_REFUSAL_CODES.has(error.code)) return error;
  return new DomainError(
    'DIRECTORY_ERROR',
    `The directory refused the sign-in of the profile's service account ${dn} (${error.code}). Check the password stored for it, or the account in the directory.`,
  );
}

/**
 * The server's text without ldapts's " Code: 0x13" suffix and without AD's
 * numeric prefix ("0000052D: "). Kept short: it is shown to an agent.
 */
export function serverReason(error: ResultCodeError): string {
  return error.message
    .replace(/\s*Code: 0x[0-9a-f]+$/i, '')
    .replace(/^[0-9A-F]{8}: /, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const TLS_WORDS = /confidential|encrypt|secure|TLS|SSL|strong/i;

/** Maps a result code the server answered (it answered: nothing was lost in between). */
function fromResultCode(error: ResultCodeError): DomainError {
  const reason = serverReason(error);
  switch (error.code) {
    case 49: {
      const result = signInResultOfAdCode(adDataCode(error.message));
      return new DomainError(errorCodeOfSignIn(result === 'ok' ? 'invalid_credentials' : result));
    }
    case 50:
      return new DomainError('DIRECTORY_ACCESS_DENIED');
    case 8:
    case 13:
      return new DomainError('DIRECTORY_TLS_REQUIRED');
    case 53:
      // AD: "0000001F: SvcErr: DSID-..., problem 5003 (WILL_NOT_PERFORM)" for unicodePwd over plain LDAP;
      // otherwise it is the server's refusal of something else, shown as such.
      // slapd's Password Modify with a wrong old password (the bind as the user normally catches it first).
      if (/unwilling to verify old password/i.test(reason)) return new DomainError('AUTH_FAILED');
      // Windows AD's reset refused by the domain's password policy (0000052D, WILL_NOT_PERFORM).
      if (isPasswordRestriction(error.message)) return directoryPolicyRefusal(error.message, reason);
      return TLS_WORDS.test(reason)
        ? new DomainError('DIRECTORY_TLS_REQUIRED')
        : new DomainError('DIRECTORY_ERROR', `${resultName(53)}: ${reason}`);
    case 19:
      // AD's change (delete old + add new unicodePwd) with an old password that is not the current one.
      if (/^00000056:/.test(error.message)) return new DomainError('AUTH_FAILED');
      // AD 0000052D and ppolicy's quality / history answers; slapd's "no user modification allowed" is not a policy.
      return /no user modification/i.test(reason)
        ? new DomainError('DIRECTORY_ERROR', `${resultName(19)}: ${reason}`)
        : directoryPolicyRefusal(error.message, reason);
    case 32:
      return new DomainError('USER_NOT_FOUND');
    default:
      return new DomainError('DIRECTORY_ERROR', reason ? `${resultName(error.code)}: ${reason}` : resultName(error.code));
  }
}

/**
 * Anything thrown while talking to a directory, as a DomainError. A
 * DomainError passes through. `phase` 'write': a modify was sent, so a lost
 * socket or a timeout means "we do not know whether it happened".
 */
export function toDirectoryError(error: unknown, phase: Phase): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof ResultCodeError) return fromResultCode(error);
  const code = errnoOf(error);
  if (code && CERTIFICATE_CODES.has(code)) return new DomainError('DIRECTORY_CERTIFICATE', `(${code})`);
  const message = error instanceof Error ? error.message : '';
  if (code && UNREACHABLE_CODES.has(code)) {
    return phase === 'write' ? new DomainError('DIRECTORY_CONNECTION_LOST') : new DomainError('DIRECTORY_UNREACHABLE');
  }
  if (/Connection timeout|Operation timed out|timed out/i.test(message)) {
    return phase === 'write' ? new DomainError('DIRECTORY_CONNECTION_LOST') : new DomainError('DIRECTORY_UNREACHABLE');
  }
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /Connection closed|Socket error|socket hang up|ECONNRESET|EPIPE|Socket connection not established/i.test(message)
  ) {
    return phase === 'connect' ? new DomainError('DIRECTORY_UNREACHABLE') : new DomainError('DIRECTORY_CONNECTION_LOST');
  }
  if (code?.startsWith('ERR_SSL') || code?.startsWith('ERR_TLS')) {
    return new DomainError('DIRECTORY_CERTIFICATE', `(${code})`);
  }
  return new DomainError('DIRECTORY_ERROR');
}

/**
 * Whether a request that was sent lost its answer: the network or the
 * connection failed (closed, reset, timed out) instead of the server answering
 * with a result. After a modify that means the change may or may not have
 * been made (DIRECTORY_OUTCOME_UNKNOWN), never that it failed.
 */
export function answerLost(error: unknown): boolean {
  return isDirectoryFailure(error) && !(error instanceof ResultCodeError) && !(error instanceof DomainError);
}

/**
 * Whether an error came from the directory or the network (and is mapped), or
 * from our own code (a bug, the local file): those pass through unchanged so
 * they are not disguised as a directory's answer.
 */
export function isDirectoryFailure(error: unknown): boolean {
  if (error instanceof DomainError || error instanceof ResultCodeError) return true;
  if (typeof errnoOf(error) === 'string' && !(error as { code: string }).code.startsWith('SQLITE')) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection timeout|Operation timed out|Connection closed|Socket error|socket hang up|Socket connection not established|ECONNRESET|EPIPE/i.test(message);
}
