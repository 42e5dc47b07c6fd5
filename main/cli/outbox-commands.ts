/**
 * `resetdesk outbox list --as AGENT [--limit N] [--json]`: what the sample's
 * local outbox received, newest first, as the app's Outbox screen shows it:
 * the codes and temporary passwords in clear, since reading them back is the
 * outbox's purpose. Read from the local file, where every message is kept
 * sealed (main/delivery/outbox/kept-outbox.ts), so it works whether the app
 * or this command's own sends delivered them. An agent signs in first, and
 * the read rule is the app's (main/reset/read-rights.ts).
 */
import { KeptOutbox, KEPT_OUTBOX_DAYS } from '../delivery/outbox/kept-outbox';
import { OUTBOX_CAPACITY, type OutboxMessage } from '../delivery/outbox/message';
import { localTimeText } from '../domain/time';
import { requireRead } from '../reset/read-rights';
import { intOption } from './args';
import { agentFor, withServices, type CommandContext, type CommandOutput } from './context';

const NO_OUTBOX = "This tenant has no local outbox: only the sample tenant has one (its mail and SMS go to real servers).\n";

function messageText(m: OutboxMessage): string {
  const head = `${localTimeText(m.at)}  ${m.channel === 'email' ? 'Email' : 'SMS'}  ${m.from || '(no sender)'} → ${m.to.join(', ')}`;
  const subject = m.subject !== null ? [`Subject: ${m.subject}`] : [];
  const body = m.text.split('\n').map((line) => (line === '' ? '' : `    ${line}`));
  return [head, ...subject, ...body, ''].join('\n');
}

function listText(messages: OutboxMessage[], unreadable: number): string {
  const lines = [
    messages.length === 0
      ? "The sample's outbox holds no messages."
      : `${messages.length} message${messages.length === 1 ? '' : 's'} in the sample's outbox, newest first ` +
        `(kept sealed in the local file: the newest ${OUTBOX_CAPACITY}, up to ${KEPT_OUTBOX_DAYS} days):`,
    '',
    ...messages.map(messageText),
  ];
  if (unreadable > 0) {
    lines.push(`${unreadable} kept message${unreadable === 1 ? ' does' : 's do'} not open with this keychain's key (sealed on another computer, or changed).`);
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

export const outboxList = (ctx: CommandContext): Promise<CommandOutput> =>
  withServices(ctx, async (services) => {
    const limit = intOption('limit', ctx.args.options.limit, 50, { min: 1, max: OUTBOX_CAPACITY });
    // Always signed in: the outbox holds codes and sent passwords in clear. The app's rule (read-rights.ts).
    const actor = await agentFor(ctx, services);
    requireRead('outbox', actor.roles);
    if (!(await services.stores.tenant.get()).delivery.localOutbox) {
      return { json: { outbox: false, messages: [], unreadable: 0 }, text: NO_OUTBOX };
    }
    const { messages, unreadable } = await new KeptOutbox(services.stores, services.secrets).list(limit);
    return { json: { outbox: true, messages, unreadable }, text: listText(messages, unreadable) };
  });
