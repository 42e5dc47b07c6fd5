/**
 * `resetdesk audit verify`: walks the audit's hash chain and names the first
 * event edited or removed outside Resetdesk (a SQL client, another program on
 * the file). Exit 0 when the chain holds, 1 when it is broken.
 */
import type { AuditChainReport } from '../domain/audit-chain';
import { readAs, withServices, type CommandContext, type CommandOutput } from './context';

function reportText(report: AuditChainReport): string {
  const { checked, broken } = report;
  const events = `${checked.toLocaleString('en-US')} event${checked === 1 ? '' : 's'}`;
  if (broken === null) return `The audit holds: ${events}, each chained to the one before it, from the first to the newest.\n`;
  const what =
    broken.why === 'edited'
      ? `event ${broken.seq} of the chain was edited (its facts or its link no longer match its hash)`
      : broken.why === 'removed'
        ? `event ${broken.seq} of the chain was removed`
        : broken.why === 'unchained'
          ? `event id ${broken.eventId} was written around the chain (it has no place in it)`
          : `the newest events, from ${broken.seq} of the chain on, were removed`;
  return `The audit was changed outside Resetdesk: ${what}. The ${events} before it hold.\n`;
}

export const auditVerify = (ctx: CommandContext): Promise<CommandOutput> =>
  withServices(ctx, async (services) => {
    await readAs(ctx, services, 'audit');
    const report = await services.stores.audit.verifyChain();
    return { json: report, text: reportText(report), exitCode: report.broken === null ? 0 : 1 };
  });
