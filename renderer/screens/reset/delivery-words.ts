/**
 * The reset dialog's words for where a temporary password may go and what
 * became of each message, kept apart from the components so they can be
 * tested without a DOM.
 */
import type { ContactMethod } from '../../../main/domain/types';
import type { DeliveryChannels, NoticeResult, SentResetResponse, UserDetails } from '../../../main/ipc/contract';

/** The user's registered destination per channel, masked as main sent it; null when none. */
export interface RegisteredChannels {
  email: string | null;
  sms: string | null;
}

/**
 * As main chooses (main/app/out-of-band.ts): a registered email (the profile
 * mail when registered, or an alternate), a registered mobile phone. A
 * profile mail or phone nobody registered is not offered.
 */
export function registeredChannels(methods: readonly ContactMethod[]): RegisteredChannels {
  const email = methods.find((m) => m.verification && (m.kind === 'email' || m.kind === 'alternateEmail'));
  const sms = methods.find((m) => m.verification && m.kind === 'mobilePhone');
  return { email: email ? (email.value ?? 'registered') : null, sms: sms ? (sms.value ?? 'registered') : null };
}

/**
 * Where the password may be sent instead of shown: registered AND by a
 * channel the tenant has set up, as main's list says (the same destinations
 * as a code's); without that list, the registered ones by the channels known
 * to be set up. Main refuses any other before the reset, whatever is sent.
 */
export function offeredChannels(details: Pick<UserDetails, 'user' | 'verificationMethods'> | null, channels: DeliveryChannels | null): RegisteredChannels {
  if (!details) return { email: null, sms: null };
  const offered = details.verificationMethods;
  if (offered) return { email: offered.email, sms: offered.sms };
  const registered = registeredChannels(details.user.contactMethods);
  return { email: channels?.email === false ? null : registered.email, sms: channels?.sms === false ? null : registered.sms };
}

const SENT: Record<NoticeResult['kind'], string> = {
  'user-notice': 'User notified',
  'admin-notice': 'Global Administrator notified',
  'temporary-password': 'Temporary password sent',
};

const NOT_SENT: Record<NoticeResult['kind'], string> = {
  'user-notice': 'User not notified',
  'admin-notice': 'Global Administrator not notified',
  'temporary-password': 'Temporary password not sent',
};

/** "User notified by email at a•••@contoso.com." or why not, in main's words. */
export function noticeLine(result: NoticeResult): string {
  const by = result.channel === 'sms' ? 'by SMS' : 'by email';
  return result.delivered
    ? `${SENT[result.kind]} ${by} at ${result.to}.`
    : `${NOT_SENT[result.kind]} ${by} at ${result.to}: ${result.error?.message ?? 'not delivered.'}`;
}

/** "Sent by SMS to +1 ••• ••• 0143; you will not see it." */
export function sentSentence(result: Pick<SentResetResponse, 'deliveredTo' | 'sentTo'>): string {
  const by = result.deliveredTo === 'sms' ? 'by SMS' : 'by email';
  return `Sent ${by} to ${result.sentTo}; you will not see it.`;
}
