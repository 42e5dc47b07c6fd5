/**
 * The certificate and key the sample's outbox serves on both its ports (SMTP
 * STARTTLS, the HTTPS SMS endpoint): made once when the sample is created,
 * self-signed for localhost and 127.0.0.1. The certificate is the tenant's
 * smtp.caPem and sms.caPem, and the senders trust it alone there
 * (pinned-tls.ts); the key stays in the local file's app settings, loopback use only.
 *
 * selfsigned is loaded here, on demand: `resetdesk init --sample` is the only
 * command that needs it.
 */
export interface OutboxIdentity {
  certPem: string;
  keyPem: string;
}

const VALIDITY_YEARS = 10;

export async function generateOutboxIdentity(): Promise<OutboxIdentity> {
  const { generate } = await import('selfsigned');
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate);
  // A sample file may be kept for years; its outbox never leaves loopback.
  notAfterDate.setUTCFullYear(notAfterDate.getUTCFullYear() + VALIDITY_YEARS);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}

/** The app_settings key under which the sample's outbox key is kept (loopback use only). */
export const OUTBOX_KEY_APP_SETTING = 'localOutbox.keyPem';
