/**
 * Issue 17, items 8 and 9: the audit's CSV export in the Audit screen's words
 * (the same functions: main/domain/audit-words.ts), the detail as a line of
 * words and one column per fact, times in ISO 8601 with the local offset.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { eventFacts } from '../../../main/domain/audit-facts';
import { AUDIT_CSV_HEADER, auditCsv, auditExportName } from '../../../main/ipc/audit-export';
import type { AuditEvent } from '../../../main/domain/types';
import { auditEvent } from '../../support/audit-events';

const originalTz = process.env.TZ;
beforeEach(() => {
  process.env.TZ = 'Europe/Paris';
});
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

/** RFC 4180 back into rows of cells (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\r')) {
      cell += c;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else {
      // \r\n ends the row
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    }
  }
  return rows;
}

/** The export as records, header → cell. */
async function records(events: AuditEvent[]): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const [header = [], ...rows] = parseCsv((await auditCsv(events)).content);
  return { header, rows: rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))) };
}

const reset = auditEvent({
  id: 7,
  at: '2026-12-07T19:15:42.000Z',
  result: 'success',
  actorUpn: 'helpdesk.admin@contoso.com',
  detail: JSON.stringify({ generated: true, forceChangeNextSignIn: true, unlocked: false, callerUnverified: true }),
});
const verified = auditEvent({
  id: 8,
  at: '2026-07-01T08:00:00.000Z',
  action: 'account.unlock',
  result: 'success',
  detail: JSON.stringify({ wasLocked: true, callerVerifiedBy: ['sms', 'email'], zNewFact: 3 }),
});
const refused = auditEvent({ id: 9, action: 'password.reset', result: 'failure', errorCode: 'FEDERATED_DOMAIN', detail: null });

test('each field in words, the time in ISO 8601 with the local offset', async () => {
  const { header, rows } = await records([reset]);
  assert.deepEqual(header.slice(0, AUDIT_CSV_HEADER.length), [
    'Event number', 'Time', 'What happened', 'Action', 'Result', 'Outcome of event', 'Reason', 'Error code', 'Target', 'Agent', 'Detail',
  ]);
  const [row] = rows;
  assert.equal(row!['Time'], '2026-12-07T20:15:42+01:00');
  assert.equal(row!['What happened'], 'Password reset');
  assert.equal(row!['Action'], 'Password reset');
  assert.equal(row!['Result'], 'Succeeded');
  assert.equal(row!['Target'], 'adele.vance@contoso.com');
  assert.equal(row!['Detail'], 'Password generated: Yes; Must change at next sign-in: Yes; Account unlocked: No; Caller verified: No');
  assert.doesNotMatch((await auditCsv([reset])).content, /[{}]|callerUnverified|password\.reset|"generated"/, 'no JSON, no codes');
});

test('one column per fact found, known facts first in a fixed order, an unknown one after by name', async () => {
  const { header, rows } = await records([reset, verified, refused]);
  assert.deepEqual(header.slice(AUDIT_CSV_HEADER.length), [
    'Password generated', 'Must change at next sign-in', 'Account unlocked', 'Was locked', 'Caller verified', 'Caller verified by', 'Z new fact',
  ]);
  const [first, second, third] = rows;
  assert.equal(first!['Password generated'], 'Yes');
  assert.equal(first!['Caller verified'], 'No');
  assert.equal(first!['Was locked'], '', 'a fact the event does not have is an empty cell');
  assert.equal(second!['Caller verified by'], 'SMS code, email code');
  assert.equal(second!['Time'], '2026-07-01T10:00:00+02:00', 'summer time has its own offset');
  assert.equal(second!['Z new fact'], '3');
  assert.equal(third!['What happened'], 'Password reset refused: the domain is federated');
  assert.equal(third!['Error code'], 'FEDERATED_DOMAIN');
  assert.match(third!['Reason']!, /federated domains is not supported/);
});

test('the screen and the file read the same facts: only the time differs by medium', async () => {
  const screen = eventFacts(verified, () => 'SCREEN TIME');
  const { rows } = await records([verified]);
  for (const fact of [...screen.head.filter((f) => f.key !== 'time'), ...screen.detail]) {
    assert.equal(rows[0]![fact.label], fact.value, fact.label);
  }
});

test("the file's name is dated by the local day", async () => {
  assert.equal(auditExportName(Date.parse('2026-12-07T23:30:00Z')), 'resetdesk-audit-2026-12-08.csv');
  assert.equal((await auditCsv([])).content.split('\r\n').length, 2, 'a header and nothing else');
});
