/** The audit view: a page of events with the count, and the CSV export. */
import { AUDIT_COUNT_CAP } from '../domain/stores';
import { auditFilterOf } from '../domain/stores/audit-filter';
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
      const { audit } = services().stores;
      const filter = auditFilterOf(filters);
      // One past the cap tells "exactly 100,000" from "more than 100,000".
      const counted = await audit.count(filter, AUDIT_COUNT_CAP + 1);
      const total = Math.min(counted, AUDIT_COUNT_CAP);
      return { events: await audit.list({ ...filter, limit, offset }), total, totalCapped: counted > AUDIT_COUNT_CAP };
    },
    exportAudit: async (filters) => {
      session.requireActor();
      const { stores } = services();
      const { content, events } = await auditCsv(stores.audit.each(auditFilterOf(filters)));
      const outcome = await ctx.files.save(auditExportName(stores.clock()), content);
      return outcome.saved ? { ...outcome, events } : outcome;
    },
  };
}
