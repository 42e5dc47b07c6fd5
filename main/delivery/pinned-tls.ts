/**
 * TLS options that trust exactly one certificate: the sample outbox's own,
 * self-signed, which its SMTP server and SMS endpoint serve on loopback. Any
 * local account can listen on a loopback port once the app is closed, so the
 * sender must not take whatever answers there: neither the system's CAs nor
 * any other certificate are accepted, only this one (checked as the only
 * trust anchor, then by its SHA-256 fingerprint).
 */
import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';

export interface PinnedTlsOptions {
  ca: string[];
  checkServerIdentity: (host: string, cert: PeerCertificate) => Error | undefined;
}

export function pinnedTls(certPem: string): PinnedTlsOptions {
  const expected = new X509Certificate(certPem).fingerprint256;
  return {
    ca: [certPem],
    checkServerIdentity(host, cert) {
      const mismatch = checkServerIdentity(host, cert);
      if (mismatch) return mismatch;
      if (cert.fingerprint256 === expected) return undefined;
      // CERT_REJECTED: failure.ts words it as an untrusted certificate, as it is.
      return Object.assign(new Error('The certificate is not the one this outbox was created with.'), { code: 'CERT_REJECTED' });
    },
  };
}
