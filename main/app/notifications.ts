/**
 * Entra's notifications after a helpdesk change, for the app and the CLI
 * alike: to the user after a reset or an unlock (their primary and alternate
 * email, else the UPN), and to every Global Administrator after the reset of
 * a user holding an admin role.
 *
 * They go out AFTER the change has been confirmed, never before, and a
 * failure never undoes it: each message, sent or not, writes one
 * 'notification.send' audit event (kind, channel, masked recipient; never the
 * text) and comes back to the agent as a NoticeResult. A tenant with no
 * mail set up sends none: notices are off, which is a setting, not a failure
 * of each change (the window says so once; `resetdesk delivery show` too).
 */
import type { Delivery, OutgoingEmail, OutgoingSms } from '../delivery/delivery';
import { adminResetNoticeEmail, resetNoticeEmail, unlockNoticeEmail, type Person } from '../delivery/messages';
import { maskEmail, maskPhone } from '../directory/contact-methods';
import type { DirectoryView } from '../directory/directory';
import { DomainError, type ErrorPayload } from '../domain/errors';
import { deliveryChannelsOf } from '../domain/delivery-settings';
import type { DirectoryUser, TenantSettings } from '../domain/types';
import type { NoticeKind, NoticeResult } from '../domain/notices';
import type { Actor } from '../reset/engine';
import { isAdministrator } from '../reset/verification/requirement';
import type { Services } from './services';

/** The change the messages are about, as the engine's outcome names it. */
export interface CompletedChange {
  action: 'password.reset' | 'account.unlock';
  userId: string;
  upn: string;
}

/** One message to send: its kind, and the recipient in clear (main only). */
export type PlannedMessage =
  | { kind: NoticeKind; channel: 'email'; to: string; build(to: string): OutgoingEmail }
  | { kind: NoticeKind; channel: 'sms'; to: string; build(to: string): OutgoingSms };

/**
 * Why a message did not go out, as the agent reads it. A transport's
 * DomainError names the server's answer, never the message; anything else
 * says only that it was not delivered (INTERNAL's "nothing was changed" would
 * be false: the change it follows stands).
 */
export function noticeError(thrown: unknown): ErrorPayload {
  return thrown instanceof DomainError ? thrown.toPayload() : new DomainError('DELIVERY_FAILED').toPayload();
}

/** Sends to a few recipients at once: a hundred administrators need not wait on each other, nor flood the server. */
const PARALLEL_SENDS = 4;

export function maskedRecipient(channel: 'email' | 'sms', to: string): string {
  return channel === 'email' ? maskEmail(to) : maskPhone(to);
}

/**
 * Opens the tenant's channels for a batch of messages (read from the settings
 * now: a Global Administrator may have changed them), or the error each
 * message will report when they cannot be opened.
 */
export async function openChannels(services: Services, tenant: TenantSettings): Promise<Delivery | DomainError> {
  try {
    return await services.delivery(tenant);
  } catch (error) {
    return error instanceof DomainError ? error : new DomainError('DELIVERY_FAILED');
  }
}

/**
 * Sends each message and audits each outcome. Never throws for a delivery:
 * a failure is a result (the change it follows stands).
 */
export async function sendAll(
  services: Services,
  actor: Actor,
  change: CompletedChange,
  messages: readonly PlannedMessage[],
  delivery: Delivery | DomainError,
): Promise<NoticeResult[]> {
  const results: NoticeResult[] = new Array(messages.length);
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const index = next++;
      results[index] = await sendOne(services, actor, change, messages[index]!, delivery);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_SENDS, messages.length) }, worker));
  return results;
}

async function sendOne(
  services: Services,
  actor: Actor,
  change: CompletedChange,
  message: PlannedMessage,
  delivery: Delivery | DomainError,
): Promise<NoticeResult> {
  const to = maskedRecipient(message.channel, message.to);
  let error: ErrorPayload | null = null;
  try {
    if (delivery instanceof DomainError) throw delivery;
    if (message.channel === 'email') {
      if (!delivery.email) throw new DomainError('DELIVERY_NOT_CONFIGURED', '(email)');
      await delivery.email.send(message.build(message.to));
    } else {
      if (!delivery.sms) throw new DomainError('DELIVERY_NOT_CONFIGURED', '(SMS)');
      await delivery.sms.send(message.build(message.to));
    }
  } catch (thrown) {
    error = noticeError(thrown);
  }
  await recordSend(services, actor, change, { kind: message.kind, channel: message.channel, to }, error);
  return { kind: message.kind, channel: message.channel, to, delivered: error === null, error };
}

/**
 * One 'notification.send' event: what, by which channel, to whom (masked),
 * about which change. Never throws: it runs after a change that stood, and
 * an error here would read "nothing was changed".
 */
export async function recordSend(
  services: Services,
  actor: Actor,
  change: CompletedChange,
  facts: { kind: NoticeKind; channel: 'email' | 'sms'; to: string },
  error: ErrorPayload | null,
): Promise<void> {
  try {
    await services.stores.audit.append(
      {
        actorId: actor.id,
        actorUpn: actor.upn,
        targetId: change.userId,
        targetUpn: change.upn,
        action: 'notification.send',
        result: error ? 'failure' : 'success',
        errorCode: error?.code ?? null,
        detail: JSON.stringify({ ...facts, about: change.action }),
      },
      services.stores.clock(),
    );
  } catch {
    // The local file refused the write (disk full, a broken file): the change was audited in its own
    // unit, and the agent still learns what became of the message. Nothing better can be done here.
  }
}

/** The agent as the notice names them: their display name when the directory still shows them. */
async function agentPerson(view: DirectoryView, actor: Actor): Promise<Person> {
  const user = await view.getUser({ id: actor.id }).catch(() => null);
  return { displayName: user?.displayName ?? actor.upn, upn: actor.upn };
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function distinct(addresses: readonly string[]): string[] {
  const out: string[] = [];
  for (const address of addresses) if (!out.some((known) => sameAddress(known, address))) out.push(address.trim());
  return out;
}

/** The user's addresses: primary mail, then alternate emails; the UPN when there are none (Entra's fallback). */
async function userAddresses(view: DirectoryView, user: DirectoryUser): Promise<string[]> {
  const points = await view.contactPoints({ id: user.id });
  const emails = distinct(points?.emails.map((e) => e.address).filter((a) => a.trim() !== '') ?? []);
  return emails.length > 0 ? emails : [user.upn];
}

/** A result for a notice that could not even be addressed (the directory did not answer): audited like a failed send. */
async function unaddressed(services: Services, actor: Actor, change: CompletedChange, kind: NoticeKind, to: string, thrown: unknown): Promise<NoticeResult> {
  const error = noticeError(thrown);
  await recordSend(services, actor, change, { kind, channel: 'email', to }, error);
  return { kind, channel: 'email', to, delivered: false, error };
}

/**
 * Entra's notices after a reset or an unlock the engine confirmed: the user's,
 * one message per address, then (after the reset of an administrator) one to
 * each Global Administrator other than the user. Returns what happened to each.
 */
export async function notifyAfterChange(services: Services, actor: Actor, change: CompletedChange): Promise<NoticeResult[]> {
  try {
    return await notify(services, actor, change);
  } catch (thrown) {
    // Never an error after a change that stood: the caller would read "nothing was changed".
    return [{ kind: 'user-notice', channel: 'email', to: maskEmail(change.upn), delivered: false, error: noticeError(thrown) }];
  }
}

async function notify(services: Services, actor: Actor, change: CompletedChange): Promise<NoticeResult[]> {
  const view = services.directory.as(actor.credential ?? null);
  const tenant = await services.stores.tenant.get();
  // Entra's notices go by email: without mail they are off, and nothing is tried or audited as failed.
  if (!deliveryChannelsOf(tenant.delivery).email) return [];
  const at = new Date(services.stores.clock());
  let user: DirectoryUser | null;
  try {
    user = await view.getUser({ id: change.userId });
    if (!user) throw new DomainError('USER_NOT_FOUND');
  } catch (thrown) {
    return [await unaddressed(services, actor, change, 'user-notice', maskEmail(change.upn), thrown)];
  }
  const agent = await agentPerson(view, actor);
  const notice = { tenantName: tenant.name, user: { displayName: user.displayName, upn: user.upn }, agent, at };
  const messages: PlannedMessage[] = [];
  const early: NoticeResult[] = [];

  try {
    for (const address of await userAddresses(view, user)) {
      messages.push({
        kind: 'user-notice',
        channel: 'email',
        to: address,
        build: (to) => (change.action === 'password.reset' ? resetNoticeEmail([to], notice) : unlockNoticeEmail([to], notice)),
      });
    }
  } catch (thrown) {
    early.push(await unaddressed(services, actor, change, 'user-notice', maskEmail(user.upn), thrown));
  }

  if (change.action === 'password.reset' && isAdministrator(user)) {
    try {
      const admins = (await view.globalAdministrators()).filter((a) => !sameAddress(a.upn, user.upn));
      for (const address of distinct(admins.map((a) => a.mail ?? a.upn))) {
        messages.push({
          kind: 'admin-notice',
          channel: 'email',
          to: address,
          build: (to) => adminResetNoticeEmail([to], { ...notice, roles: user.roles }),
        });
      }
    } catch (thrown) {
      early.push(await unaddressed(services, actor, change, 'admin-notice', 'Global Administrators', thrown));
    }
  }

  if (messages.length === 0) return early;
  const delivery = await openChannels(services, tenant);
  try {
    return [...early, ...(await sendAll(services, actor, change, messages, delivery))];
  } finally {
    if (!(delivery instanceof DomainError)) await delivery.close().catch(() => undefined);
  }
}
