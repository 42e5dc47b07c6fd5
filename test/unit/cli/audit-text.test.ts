/**
 * `resetdesk audit list`: a change sent to AD or OpenLDAP whose outcome is not
 * known yet reads "outcome being checked", not as a failure (issue 16, A); a
 * settled one names its outcome.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditTable } from '../../../main/cli/format';
import type { AuditEvent } from '../../../main/domain/types';
import { auditEvent } from '../../support/audit-events';

const event = (change: Partial<AuditEvent>): AuditEvent => auditEvent(change);

test('an open intent reads "outcome being checked"; a settled one names its outcome; others their result', () => {
  const text = auditTable([
    event({ id: 3, outcomeId: null }),
    event({ id: 2, result: 'success', intentId: 1 }),
    event({ id: 1, outcomeId: 2 }),
  ]);
  const rows = text.trimEnd().split('\n').slice(1);
  assert.match(rows[0]!, /sent: outcome being checked\s*$/);
  assert.doesNotMatch(rows[0]!, /fail/);
  assert.match(rows[1]!, /success\s*$/);
  assert.match(rows[2]!, /sent: outcome #2\s*$/);
});
