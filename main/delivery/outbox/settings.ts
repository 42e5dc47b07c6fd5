/**
 * The delivery settings that point a tenant at a local outbox: what the
 * sample tenant is created with, and what tests use to aim the real mailer
 * and gateway at a LocalOutbox they started. Both channels are encrypted with
 * the outbox's own certificate: SMTP with STARTTLS, SMS over HTTPS.
 */
import type { DeliverySettings, LocalOutboxSettings, SmsGatewaySettings } from '../../domain/delivery-settings';
import { isLoopbackHost } from './loopback';

export interface LocalOutboxAddress {
  certPem: string;
  smtpPort: number;
  smsPort: number;
  /** The From address, e.g. helpdesk@contoso.com. */
  from: string;
  /** The SMS sender name. */
  smsFrom?: string;
}

export function localOutboxDelivery(address: LocalOutboxAddress): DeliverySettings {
  return {
    smtp: {
      host: '127.0.0.1',
      port: address.smtpPort,
      security: 'starttls',
      from: address.from,
      username: null,
      caPem: address.certPem,
    },
    sms: {
      url: `https://127.0.0.1:${address.smsPort}/sms`,
      from: address.smsFrom ?? 'Contoso',
      fields: { to: 'to', text: 'text', from: 'from' },
      caPem: address.certPem,
    },
    localOutbox: { smtpPort: address.smtpPort, smsPort: address.smsPort },
  };
}

/** Whether the SMS settings aim at the local outbox's endpoint (this computer, its port). */
export function smsAtOutbox(outbox: LocalOutboxSettings | null, sms: SmsGatewaySettings | null): boolean {
  if (!outbox || !sms) return false;
  try {
    const url = new URL(sms.url);
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    return isLoopbackHost(url.hostname) && port === outbox.smsPort;
  } catch {
    return false;
  }
}

/**
 * The certificate the sender must find at the other end when `channel` goes
 * to the tenant's local outbox (the one its SMTP settings name; the outbox
 * serves it on both ports), else null. That certificate alone is trusted
 * there (pinned-tls.ts): whoever else listens on the port gets nothing.
 */
export function outboxCertificateFor(delivery: DeliverySettings, channel: 'email' | 'sms'): string | null {
  const { smtp, sms, localOutbox } = delivery;
  const certPem = smtp?.caPem ?? null;
  if (!localOutbox || !smtp || !certPem) return null;
  if (channel === 'sms') return smsAtOutbox(localOutbox, sms) ? certPem : null;
  return isLoopbackHost(smtp.host) && smtp.port === localOutbox.smtpPort ? certPem : null;
}
