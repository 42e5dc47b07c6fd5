/**
 * The audit export: the events matching the screen's filters, newest first, as
 * CSV. Built in main from the repo (the renderer only holds the pages it has
 * shown). The audit never holds a password, so neither does this file.
 */
import type { AuditEvent } from '../domain/types';
import { csvRow } from './csv';

export const AUDIT_CSV_HEADER = ['id', 'time', 'agent', 'target', 'action', 'result', 'errorCode', 'detail'] as const;

export function auditCsv(events: Iterable<AuditEvent>): { content: string; events: number } {
  let content = csvRow(AUDIT_CSV_HEADER);
  let count = 0;
  for (const e of events) {
    content += csvRow([e.id, e.at, e.actorUpn, e.targetUpn, e.action, e.result, e.errorCode, e.detail]);
    count++;
  }
  return { content, events: count };
}

/** resetdesk-audit-2026-12-01.csv: the export's suggested name, dated by its day. */
export function auditExportName(now: number): string {
  return `resetdesk-audit-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
