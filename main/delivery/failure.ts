/**
 * Turns what a transport threw into the one-line DELIVERY_FAILED an agent can
 * act on. Only facts about the connection are kept (host:port, the server's
 * status code, a TLS verdict): never err.message, which may quote the server's
 * answer, the recipient or, for a broken transport, the message itself.
 */
import { DomainError } from '../domain/errors';

/** TLS verification failures from Node's OpenSSL, by code. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface ErrorFacts {
  code?: unknown;
  originalCode?: unknown;
  cause?: unknown;
}

/** nodemailer's own codes, which say where it failed, not why. */
const TRANSPORT_CODES = new Set(['ESOCKET', 'ECONNECTION', 'ETLS', 'EAUTH', 'EENVELOPE', 'EMESSAGE', 'EPROTOCOL', 'ESTREAM']);

/** The system or TLS code behind an error, looking through wrappers (nodemailer keeps it as originalCode). */
export function systemCodeOf(error: unknown): string | null {
  let e = error as ErrorFacts | null | undefined;
  for (let depth = 0; e && depth < 4; depth++, e = e.cause as ErrorFacts | undefined) {
    for (const code of [e.originalCode, e.code]) {
      if (typeof code === 'string' && !TRANSPORT_CODES.has(code)) return code;
    }
  }
  return null;
}

/** The words for a network or TLS fault, or null when it is none of those. */
export function networkFault(error: unknown, where: string, timeoutMs: number, hint?: string): string | null {
  const code = systemCodeOf(error);
  if (code === 'ECONNREFUSED') return `Nothing listens at ${where} (connection refused)${hint ? `: ${hint}` : ''}.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The host of ${where} was not found (DNS).`;
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT') return timedOut(where, timeoutMs);
  if (code === 'ECONNRESET' || code === 'EPIPE') return `${where} closed the connection.`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${where} is not reachable from this computer.`;
  if (code && CERTIFICATE_CODES.has(code))
    return `The certificate of ${where} is not trusted or does not match its name (${code}), so nothing was sent.`;
  return null;
}

export function timedOut(where: string, timeoutMs: number): string {
  const duration = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
  return `${where} did not answer within ${duration}.`;
}

export function deliveryFailed(detail: string): DomainError {
  return new DomainError('DELIVERY_FAILED', detail);
}
