/**
 * A helpdesk reset or unlock as both front ends (IPC handlers, CLI) run it:
 * the engine's change, then the messages that follow it.
 *
 * Out of band: instead of showing the temporary password, main sends it
 * straight to one of the user's registered verification methods (an
 * alternate email, or a mobile phone by SMS), so the agent never sees it.
 * Without such a method, or without the channel set up, the reset is refused
 * BEFORE anything changes (audited). If the message then fails, the reset
 * stands but nobody knows the password: the agent is told to reset again.
 * The password leaves this module only inside the message.
 */
import type { UserRef } from '../directory/directory';
import { temporaryPasswordEmail, temporaryPasswordSms } from '../delivery/messages';
import { DomainError } from '../domain/errors';
import type { NoticeResult, PasswordDestination } from '../domain/notices';
import type { Actor, ResetOutcome, ResetRequest, UnlockOutcome } from '../reset/engine';
import type { Services } from './services';
import type { Delivery } from '../delivery/delivery';
import { maskedRecipient, notifyAfterChange, openChannels, recordSend, sendAll, type PlannedMessage } from './notifications';

export type HelpdeskResetRequest = Omit<ResetRequest, 'deliveredTo'>;

/** The reset's facts; the password only when it was for the screen. */
export type HelpdeskReset =
  | { deliveredTo: 'screen'; outcome: ResetOutcome; notifications: NoticeResult[] }
  | {
      deliveredTo: 'email' | 'sms';
      outcome: Omit<ResetOutcome, 'temporaryPassword'>;
      /** The masked address or phone the password went to. */
      sentTo: string;
      /** The temporary-password message (also first in `notifications`). */
      sent: NoticeResult;
      notifications: NoticeResult[];
    };

/**
 * What a reset tells besides its password, shown or sent: the app's response
 * and the CLI's JSON both start from these.
 */
export function resetFacts(done: HelpdeskReset) {
  const { outcome, notifications } = done;
  return {
    upn: outcome.upn,
    generated: outcome.generated,
    forceChangeNextSignIn: outcome.forceChangeNextSignIn,
    unlocked: outcome.unlocked,
    expiresAt: outcome.expiresAt,
    accountEnabled: outcome.accountEnabled,
    notifications,
  };
}

/** What main knows of the target before the reset: their name, and their registered destination in clear (main only). */
interface Addressee {
  user: { id: string; upn: string; displayName: string } | null;
  destination: string | null;
}

async function addresseeOf(services: Services, actor: Actor, target: UserRef, channel: 'email' | 'sms'): Promise<Addressee> {
  const view = services.directory.as(actor.credential ?? null);
  const [user, points] = await Promise.all([view.getUser(target), view.contactPoints(target)]);
  // Registered methods only: a profile mail or phone nobody registered is not proof it reaches the user.
  const found = channel === 'email'
    ? points?.emails.find((e) => e.verification && e.address.trim() !== '')?.address
    : points?.phones.find((p) => p.verification && p.number.trim() !== '')?.number;
  return { user, destination: found?.trim() ?? null };
}

/** A refusal before the reset, audited as the engine audits its own. */
async function refuseBefore(services: Services, actor: Actor, target: UserRef, addressee: Addressee, channel: 'email' | 'sms', error: DomainError): Promise<never> {
  await services.stores.audit.append(
    {
      actorId: actor.id,
      actorUpn: actor.upn,
      targetId: addressee.user?.id ?? ('id' in target ? target.id : null),
      targetUpn: addressee.user?.upn ?? ('upn' in target ? target.upn : null),
      action: 'password.reset',
      result: 'failure',
      errorCode: error.code,
      detail: JSON.stringify({ deliverTo: channel }),
    },
    services.stores.clock(),
  );
  throw error;
}

/** Why the password could not go out, decided before anything changes; null when it can. */
function undeliverable(addressee: Addressee, channel: 'email' | 'sms', delivery: Delivery | DomainError): DomainError | null {
  if (!addressee.destination) {
    return new DomainError('VERIFICATION_METHOD_UNAVAILABLE', channel === 'email' ? '(no alternate email registered)' : '(no mobile phone registered)');
  }
  if (delivery instanceof DomainError) return delivery;
  if (channel === 'email' ? !delivery.email : !delivery.sms) {
    return new DomainError('DELIVERY_NOT_CONFIGURED', channel === 'email' ? '(email)' : '(SMS)');
  }
  return null;
}

export async function resetAndNotify(
  services: Services,
  actor: Actor,
  request: HelpdeskResetRequest,
  deliverTo: PasswordDestination,
): Promise<HelpdeskReset> {
  if (deliverTo === 'screen') {
    const outcome = await services.engine.resetPassword(actor, request);
    const notifications = await notifyAfterChange(services, actor, { action: 'password.reset', userId: outcome.userId, upn: outcome.upn });
    return { deliveredTo: 'screen', outcome, notifications };
  }
  const channel = deliverTo;
  // The engine decides who may reset whom: asked first, so an agent who may not hears that, not where it would go.
  const preflight = await services.engine.preflight(actor, request.target);
  const addressee = await addresseeOf(services, actor, request.target, channel);
  const tenant = await services.stores.tenant.get();
  const delivery = await openChannels(services, tenant);
  try {
    const problem = undeliverable(addressee, channel, delivery);
    // A refusal the preflight foresaw is the engine's to make and audit.
    if (preflight.allowed && problem) await refuseBefore(services, actor, request.target, addressee, channel, problem);
    const sentTo = addressee.destination ? maskedRecipient(channel, addressee.destination) : '(no registered method)';
    const { temporaryPassword, ...facts } = await services.engine.resetPassword(actor, { ...request, deliveredTo: sentTo });
    const change = { action: 'password.reset', userId: facts.userId, upn: facts.upn } as const;
    let sent: NoticeResult;
    if (problem || !addressee.destination) {
      // Only when the preflight and the reset disagreed (a role granted in between): the reset stands, the password cannot go.
      const error = (problem ?? new DomainError('VERIFICATION_METHOD_UNAVAILABLE')).toPayload();
      await recordSend(services, actor, change, { kind: 'temporary-password', channel, to: sentTo }, error);
      sent = { kind: 'temporary-password', channel, to: sentTo, delivered: false, error };
    } else {
      const user = { displayName: addressee.user?.displayName ?? facts.upn, upn: facts.upn };
      const message: PlannedMessage = channel === 'email'
        ? { kind: 'temporary-password', channel, to: addressee.destination, build: (to) => temporaryPasswordEmail([to], { tenantName: tenant.name, user, password: temporaryPassword }) }
        : { kind: 'temporary-password', channel, to: addressee.destination, build: (to) => temporaryPasswordSms(to, { tenantName: tenant.name, password: temporaryPassword }) };
      [sent] = (await sendAll(services, actor, change, [message], delivery)) as [NoticeResult];
    }
    const notices = await notifyAfterChange(services, actor, change);
    return { deliveredTo: channel, outcome: facts, sentTo, sent, notifications: [sent, ...notices] };
  } finally {
    if (!(delivery instanceof DomainError)) await delivery.close().catch(() => undefined);
  }
}

/**
 * The unlock, then the user's notice. An account that was not locked was not
 * unlocked (only its failure counters were cleared): the user hears nothing
 * that would not be true.
 */
export async function unlockAndNotify(
  services: Services,
  actor: Actor,
  target: UserRef,
): Promise<{ outcome: UnlockOutcome; notifications: NoticeResult[] }> {
  const outcome = await services.engine.unlock(actor, target);
  const notifications = outcome.wasLocked
    ? await notifyAfterChange(services, actor, { action: 'account.unlock', userId: outcome.userId, upn: outcome.upn })
    : [];
  return { outcome, notifications };
}
