/**
 * How the tenant sends mail and SMS: one-time codes to callers, notifications
 * to users and administrators, and temporary passwords sent out of band. Kept
 * with the tenant settings in the local file; the SMTP password and the SMS
 * gateway's token are never here, only in the OS keychain (SecretStore), filed
 * under DELIVERY_SECRET_ACCOUNTS.
 */

/** Mail over SMTP, always encrypted: STARTTLS required on a submission port, or TLS from the first byte (465). */
export interface SmtpSettings {
  host: string;
  port: number;
  security: 'starttls' | 'tls';
  /** The From address users see. */
  from: string;
  /** null: the server takes mail without authentication (a relay that trusts this host). */
  username: string | null;
  /** A private CA to trust besides the system's, PEM (public: it is a certificate). */
  caPem: string | null;
}

/**
 * SMS through an HTTPS POST, as SMS providers offer: a JSON body with the
 * recipient, the text and (optionally) the sender, under field names the
 * provider chooses; the token, when there is one, goes in an Authorization
 * bearer header. HTTPS only, the sample's own endpoint on loopback included.
 */
export interface SmsGatewaySettings {
  url: string;
  from: string | null;
  fields: { to: string; text: string; from: string };
  caPem: string | null;
}

/**
 * The sample tenant's outbox: a real SMTP server (STARTTLS) and HTTPS SMS
 * endpoint on loopback, run by the app (or, while it is closed, by the sender
 * for its sends), keeping what they receive sealed in the local file for the
 * Outbox screen and `resetdesk outbox list`. null for every other tenant. Its
 * certificate is smtp.caPem (and sms.caPem), the only one trusted there; its
 * private key is not a tenant setting (settings reach the renderer): it is
 * kept in the local file's app settings, loopback use only.
 */
export interface LocalOutboxSettings {
  smtpPort: number;
  smsPort: number;
}

export interface DeliverySettings {
  smtp: SmtpSettings | null;
  sms: SmsGatewaySettings | null;
  localOutbox: LocalOutboxSettings | null;
}

/** Keychain accounts for delivery secrets, one per tenant so two local files never share them. */
export const DELIVERY_SECRET_ACCOUNTS = {
  smtpPassword: (tenantId: string) => `delivery-smtp:${tenantId}`,
  smsToken: (tenantId: string) => `delivery-sms:${tenantId}`,
} as const;

/** Which of the tenant's channels are set up: what may be offered to an agent, and whether notices can go out. */
export interface DeliveryChannels {
  email: boolean;
  sms: boolean;
}

/**
 * A channel is set up when its settings exist: openDelivery opens exactly
 * those (a secret missing from the keychain is a send's failure, not "off").
 * Entra's notices go by email only, so without email they are off.
 */
export function deliveryChannelsOf(delivery: DeliverySettings): DeliveryChannels {
  return { email: delivery.smtp !== null, sms: delivery.sms !== null };
}
