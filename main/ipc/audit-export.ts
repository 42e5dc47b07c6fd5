/**
 * The audit export: the events matching the screen's filters, newest first, as
 * CSV. Built in main from the repo (the renderer only holds the pages it has
 * shown). The audit never holds a password, so neither does this file.
 *
 * In the words the Audit screen uses (main/domain/audit-words.ts and
 * audit-facts.ts, the one source of both): what happened, each field as the event's detail view shows
 * it, the detail as one line of words, then one column per detail fact found
 * in the exported events (the known ones in a fixed order, others after them
 * by name), so a spreadsheet can filter on "Caller verified". Times are ISO
 * 8601 with the local offset (2026-12-07T20:15:00+01:00).
 */
import { DETAIL_KEYS, detailFacts, detailText, eventFacts, type Fact } from '../domain/audit-facts';
import { describeEvent } from '../domain/audit-words';
import { isoWithOffset, localDay } from '../domain/time';
import type { AuditEvent } from '../domain/types';
import { csvRow } from './csv';

/** The columns every export has, keyed as eventFacts keys the event's fields. */
const FIXED_COLUMNS = [
  ['id', 'Event number'],
  ['time', 'Time'],
  ['what', 'What happened'],
  ['action', 'Action'],
  ['result', 'Result'],
  ['intentId', 'Outcome of event'],
  ['reason', 'Reason'],
  ['errorCode', 'Error code'],
  ['target', 'Target'],
  ['agent', 'Agent'],
  ['detail', 'Detail'],
] as const;

export const AUDIT_CSV_HEADER: readonly string[] = FIXED_COLUMNS.map(([, label]) => label);

const byKey = (facts: readonly Fact[]) => new Map(facts.map((fact) => [fact.key, fact] as const));

/** The detail facts' columns: the known ones in their order, then any other by name. */
function factColumns(found: Map<string, string>): [key: string, label: string][] {
  const known = DETAIL_KEYS.filter((key) => found.has(key));
  const others = [...found.keys()].filter((key) => !DETAIL_KEYS.includes(key)).sort();
  return [...known, ...others].map((key) => [key, found.get(key)!]);
}

export async function auditCsv(events: Iterable<AuditEvent> | AsyncIterable<AuditEvent>): Promise<{ content: string; events: number }> {
  const rows: { fixed: Map<string, string>; facts: Map<string, Fact> }[] = [];
  /** Every detail fact seen, key → label. */
  const found = new Map<string, string>();
  for await (const event of events) {
    const { head, id } = eventFacts(event, isoWithOffset);
    const facts = byKey(detailFacts(event.detail));
    for (const fact of facts.values()) found.set(fact.key, fact.label);
    const fixed = new Map([...byKey([...head, id])].map(([key, fact]) => [key, fact.value] as const));
    fixed.set('what', describeEvent(event));
    fixed.set('detail', detailText(event.detail));
    rows.push({ fixed, facts });
  }
  const columns = factColumns(found);
  let content = csvRow([...AUDIT_CSV_HEADER, ...columns.map(([, label]) => label)]);
  for (const { fixed, facts } of rows) {
    content += csvRow([...FIXED_COLUMNS.map(([key]) => fixed.get(key) ?? ''), ...columns.map(([key]) => facts.get(key)?.value ?? '')]);
  }
  return { content, events: rows.length };
}

/** resetdesk-audit-2026-12-01.csv: the export's suggested name, dated by its local day. */
export function auditExportName(now: number): string {
  return `resetdesk-audit-${localDay(now)}.csv`;
}
