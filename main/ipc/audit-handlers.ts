/** The audit view: a page of events with the count, and the CSV export. */
import { AUDIT_COUNT_CAP } from '../domain/local-store';
import { auditFilterOf } from '../domain/audit-filter';
import { auditCsv, auditExportName } from './audit-export';
import type { Handlers } from './dispatch';
import type { HandlerContext } from './handler-context';

export function createAuditHandlers(ctx: HandlerContext): Pick<Handlers, 'listAudit' | 'exportAudit'> {
  const { host, session } = ctx;
  // The directory may be created after start-up (first run): look it up per call.
  const services = () => host.require();

  return {
    listAudit: async ({ limit, offset, ...filters }) => {
      session.requireActor();
      const { audit } = services().local;
      const filter = auditFilterOf(filters);
      // One past the cap tells "exactly 100,000" from "more than 100,000".
      const counted = audit.count(filter, AUDIT_COUNT_CAP + 1);
      const total = Math.min(counted, AUDIT_COUNT_CAP);
      return { events: audit.list({ ...filter, limit, offset }), total, totalCapped: counted > AUDIT_COUNT_CAP };
    },
    exportAudit: async (filters) => {
      session.requireActor();
      const { local } = services();
      const { content, events } = auditCsv(local.audit.each(auditFilterOf(filters)));
      const outcome = await ctx.files.save(auditExportName(local.clock()), content);
      return outcome.saved ? { ...outcome, events } : outcome;
    },
  };
}
