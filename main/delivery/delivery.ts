/**
 * Sending mail and SMS: the ports the verification codes, the notifications
 * and the out-of-band temporary passwords go through. Implementations: SMTP
 * over STARTTLS or TLS with nodemailer (smtp-mailer.ts), an HTTPS POST SMS
 * gateway (http-sms-gateway.ts); tests add a named fake for SMS only.
 *
 * A message's text may hold a one-time code or a temporary password: it is
 * handed to the transport and nothing else. It never reaches a log, an error
 * message or the audit; a failure is a DomainError (DELIVERY_FAILED,
 * DELIVERY_NOT_CONFIGURED, SECRET_STORE_UNAVAILABLE) whose detail names the
 * server's answer or the network fault, never the message.
 */
import { DomainError } from '../domain/errors';
import type { Secret } from '../domain/secret';

export interface OutgoingEmail {
  to: readonly string[];
  subject: string;
  /** Plain text; the body of a message carrying a code or password is a Secret so it cannot be logged by accident. */
  text: string | Secret;
}

export interface OutgoingSms {
  to: string;
  text: string | Secret;
}

export interface Mailer {
  send(mail: OutgoingEmail): Promise<void>;
  close(): Promise<void>;
}

export interface SmsGateway {
  send(sms: OutgoingSms): Promise<void>;
}

/**
 * The tenant's channels, opened from its delivery settings and the keychain.
 * A channel not set up answers DELIVERY_NOT_CONFIGURED when used, so callers
 * can list "email" and "sms" as methods only where they can work.
 */
export interface Delivery {
  readonly email: Mailer | null;
  readonly sms: SmsGateway | null;
  close(): Promise<void>;
}

/** Opens the tenant's channels from its current settings (read per use: a Global Administrator may change them). */
export type DeliveryOpener = (tenant: import('../domain/types').TenantSettings) => Promise<Delivery>;

/** The tenant's email channel, or DELIVERY_NOT_CONFIGURED when it has none. */
export function emailChannel(delivery: Delivery): Mailer {
  if (!delivery.email) throw new DomainError('DELIVERY_NOT_CONFIGURED', '(email)');
  return delivery.email;
}

/** The tenant's SMS channel, or DELIVERY_NOT_CONFIGURED when it has none. */
export function smsChannel(delivery: Delivery): SmsGateway {
  if (!delivery.sms) throw new DomainError('DELIVERY_NOT_CONFIGURED', '(SMS)');
  return delivery.sms;
}
