/**
 * `resetdesk temp-passwords --as AGENT [--json]`: the temporary passwords not
 * yet changed by their users, oldest first, as the app's follow-up view lists
 * them (the same TemporaryPasswordLife, so on AD and OpenLDAP a change the
 * directory reports is recorded here too). Always as an agent: it names users
 * and who reset them.
 */
import { TemporaryPasswordLife } from '../reset/temporary-password-life';
import { requireRead } from '../reset/read-rights';
import type { OutstandingTemporaryPassword } from '../domain/temporary-passwords';
import { intOption } from './args';
import { MAX_OFFSET, PAGE_LIMIT } from '../domain/validation';
import { agentFor, withServices, type CommandContext, type CommandOutput } from './context';
import { table } from './format';
import { localTimeText } from '../domain/time';

const STATE_TEXT: Record<OutstandingTemporaryPassword['state'], string> = {
  outstanding: 'not used yet',
  used: 'used, not changed',
  expired: 'expired, not changed',
};

function text(rows: OutstandingTemporaryPassword[], total: number, offset: number): string {
  if (total === 0) return 'No temporary passwords are waiting to be changed.\n';
  const shown = rows.length === 0 ? '' : ` (${offset + 1}-${offset + rows.length} shown)`;
  return `${total} temporary password${total === 1 ? '' : 's'} not yet changed${shown}:\n` + table(
    ['User', 'Name', 'Issued', 'By', 'Age (days)', 'State', 'Expires'],
    rows.map((r) => [
      r.upn,
      r.displayName ?? '',
      localTimeText(r.issuedAt),
      r.issuedBy.displayName ?? r.issuedBy.upn,
      String(r.ageDays),
      STATE_TEXT[r.state],
      r.expiresAt === null ? 'never' : localTimeText(r.expiresAt),
    ]),
  );
}

export const tempPasswords = (ctx: CommandContext): Promise<CommandOutput> =>
  withServices(ctx, async (services) => {
    const { options } = ctx.args;
    const limit = intOption('limit', options.limit, 50, PAGE_LIMIT);
    const offset = intOption('offset', options.offset, 0, { min: 0, max: MAX_OFFSET });
    const actor = await agentFor(ctx, services);
    requireRead('users', actor.roles);
    const life = new TemporaryPasswordLife(services.stores, services.directory, services.directory.as(actor.credential ?? null));
    const { rows, total } = await life.outstanding({ limit, offset });
    return { json: { rows, total }, text: text(rows, total, offset) };
  });
