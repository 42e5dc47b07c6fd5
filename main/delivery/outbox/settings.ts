/**
 * The delivery settings that point a tenant at a local outbox: what the
 * sample tenant is created with, and what tests use to aim the real mailer
 * and gateway at a LocalOutbox they started.
 */
import type { DeliverySettings } from '../../domain/delivery-settings';

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
      url: `http://127.0.0.1:${address.smsPort}/sms`,
      from: address.smsFrom ?? 'Contoso',
      fields: { to: 'to', text: 'text', from: 'from' },
      caPem: null,
    },
    localOutbox: { smtpPort: address.smtpPort, smsPort: address.smsPort },
  };
}
