/** The Verify caller panel's words, shared with the pane's pre-flight and the reset dialog's warning. */
import { METHOD_WORDS } from '../../../../main/domain/audit-facts';
import type { ContactMethod } from '../../../../main/domain/types';
import type { CallerStatus, DeliveryChannels, OfferedMethods, WithheldMethod } from '../../../../main/ipc/contract';
import { formatTime } from '../../../format';

/** "Caller verified by SMS code at 7 Dec 2026, 10:42 (valid 10 min)": the time as every screen writes it. */
export function verifiedLine(v: CallerStatus['verified'][number]): string {
  const minutes = Math.round((Date.parse(v.validUntil) - Date.parse(v.verifiedAt)) / 60_000);
  return `Caller verified by ${METHOD_WORDS[v.method]} at ${formatTime(v.verifiedAt)} (valid ${minutes} min)`;
}

/** What the rule asks, before any click: "Verify the caller first (2 methods for administrators)". */
export function requirementLine(status: CallerStatus): string | null {
  if (status.level === 'none') return null;
  if (status.level === 'recommended') return 'Verifying the caller is recommended before a reset or unlock.';
  return status.methodsRequired > 1
    ? `Verify the caller first (${status.methodsRequired} methods for administrators)`
    : 'Verify the caller first (1 method)';
}

/** What the panel offers: main's list (getUser), masked, only what can work, and what it withheld with why. */
export type PanelMethods = OfferedMethods;

/**
 * Only when main could not give its list: the codes the contact methods
 * allow, by the channels known to be set up (unknown: as registered; main
 * refuses a channel that is off in its own words). Never the authenticator:
 * whether Resetdesk holds its secret is main's to say.
 */
export function panelMethods(methods: readonly ContactMethod[], channels: DeliveryChannels | null): PanelMethods {
  const found: PanelMethods = { email: null, sms: null, totp: null, withheld: [] };
  for (const m of methods) {
    if (!m.verification) continue;
    if ((m.kind === 'alternateEmail' || m.kind === 'email') && found.email === null) found.email = m.value;
    if (m.kind === 'mobilePhone' && found.sms === null) found.sms = m.value;
  }
  if (channels && !channels.email) found.email = null;
  if (channels && !channels.sms) found.sms = null;
  return found;
}

/**
 * A method the user has that the panel does not offer, said plainly (not as
 * an error): the words around the registered value, which is kept on one line.
 */
export function withheldWords(w: WithheldMethod): { lead: string; registered: string; tail: string } {
  if (w.reason === 'no-secret') {
    return { lead: 'Authenticator app (', registered: w.registered, tail: '): not registered for verification. Resetdesk holds no secret to check its codes.' };
  }
  return w.method === 'sms'
    ? { lead: 'SMS code: not offered, no SMS delivery is set up (registered phone ', registered: w.registered, tail: ').' }
    : { lead: 'Email code: not offered, no mail delivery is set up (registered email ', registered: w.registered, tail: ').' };
}

/**
 * Which "notices are off" to say, once: 'none' (neither mail nor SMS set up),
 * 'no-mail' (SMS only: Entra's notices go by email), or null when mail is set
 * up (notices go out) or it is not known yet.
 */
export function noticesOff(channels: DeliveryChannels | null): 'none' | 'no-mail' | null {
  if (!channels || channels.email) return null;
  return channels.sms ? 'no-mail' : 'none';
}
