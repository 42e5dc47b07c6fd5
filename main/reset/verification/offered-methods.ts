/**
 * Which caller-verification methods can be offered for a user: those the
 * user has registered AND that can work here. A code goes by a channel the
 * tenant has set up (mail, SMS); an authenticator app is checked against a
 * TOTP secret Resetdesk holds. A method the user has but that cannot work
 * is withheld, with the reason, so the pane says so plainly instead of
 * offering a button that fails after the click.
 */
import type { DeliveryChannels } from '../../domain/delivery-settings';
import type { ContactMethod, VerificationMethod } from '../../domain/types';
import type { ContactPoints } from '../../directory/directory';
import { maskEmail, maskPhone } from '../../directory/contact-methods';

/** A verification method of each kind the user has, in clear for main, masked for the agent. */
export interface UserMethods {
  email: { address: string; masked: string } | null;
  sms: { number: string; masked: string } | null;
  totp: { label: string; sealed: string } | null;
}

/** Only registered methods count: a locked-out user cannot read their work mailbox, so it proves nothing. */
export function methodsOf(points: ContactPoints): UserMethods {
  const email = points.emails.find((e) => e.verification);
  const phone = points.phones.find((p) => p.verification);
  return {
    email: email ? { address: email.address, masked: maskEmail(email.address) } : null,
    sms: phone ? { number: phone.number, masked: maskPhone(phone.number) } : null,
    totp: points.authenticator,
  };
}

/**
 * Why a method the user has is not offered: 'delivery-off', no channel of
 * that kind is set up for the tenant; 'no-secret', an authenticator app is
 * listed among the user's methods but Resetdesk holds no secret to check its
 * codes against (registered elsewhere, or before `verify register-totp`).
 */
export type WithheldReason = 'delivery-off' | 'no-secret';

export interface WithheldMethod {
  method: VerificationMethod;
  /** The masked destination, or the authenticator's label. */
  registered: string;
  reason: WithheldReason;
}

/** One masked destination per kind that can be offered (null: none), and the ones withheld, with why. */
export interface OfferedMethods {
  email: string | null;
  sms: string | null;
  totp: string | null;
  withheld: WithheldMethod[];
}

/**
 * The rule: email and SMS when registered and the tenant's channel is set
 * up; the authenticator when its secret is held. `listed` is the user's
 * contact list (an authenticator app appears there whether or not a secret
 * was registered with Resetdesk).
 */
export function offeredMethods(methods: UserMethods | null, listed: readonly ContactMethod[], channels: DeliveryChannels): OfferedMethods {
  const withheld: WithheldMethod[] = [];
  const byChannel = (method: 'email' | 'sms', masked: string | null): string | null => {
    if (masked === null) return null;
    if (channels[method]) return masked;
    withheld.push({ method, registered: masked, reason: 'delivery-off' });
    return null;
  };
  const email = byChannel('email', methods?.email?.masked ?? null);
  const sms = byChannel('sms', methods?.sms?.masked ?? null);
  const totp = methods?.totp?.label ?? null;
  if (totp === null) {
    const app = listed.find((m) => m.kind === 'authenticatorApp' && m.verification);
    if (app) withheld.push({ method: 'totp', registered: app.value ?? 'Authenticator app', reason: 'no-secret' });
  }
  return { email, sms, totp, withheld };
}
