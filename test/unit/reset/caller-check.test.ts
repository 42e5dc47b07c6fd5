/**
 * The one rule reset and unlock share for the caller check (main/domain/caller-check.ts),
 * read by main's refusal (requirement.ts missingDetail) and by the window (the reset
 * dialog's warning, Unlock's confirmation): every level, satisfied or not.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callerCheckAsks } from '../../../main/domain/caller-check';
import { missingDetail, requirementFor, statusOf } from '../../../main/reset/verification/requirement';

describe('callerCheckAsks', () => {
  it('asks nothing when the rule is off or the caller is verified enough; confirms under recommended; refuses under required', () => {
    assert.equal(callerCheckAsks(undefined), 'nothing');
    assert.equal(callerCheckAsks({ level: 'none', satisfied: false }), 'nothing');
    assert.equal(callerCheckAsks({ level: 'recommended', satisfied: true }), 'nothing');
    assert.equal(callerCheckAsks({ level: 'required', satisfied: true }), 'nothing');
    assert.equal(callerCheckAsks({ level: 'recommended', satisfied: false }), 'confirm');
    assert.equal(callerCheckAsks({ level: 'required', satisfied: false }), 'refuse');
  });

  it('main refuses exactly where the rule says refuse', () => {
    const now = Date.parse('2026-06-01T10:00:00Z');
    for (const rule of ['off', 'recommended', 'required', 'required-for-admins'] as const) {
      for (const roles of [[], ['Helpdesk Administrator']]) {
        for (const successes of [[], [{ method: 'email' as const, verifiedAt: now - 60_000 }]]) {
          const status = statusOf(requirementFor(rule, { roles }), successes, now);
          assert.equal(missingDetail(status, roles.length > 0) !== null, callerCheckAsks(status) === 'refuse', `${rule} ${roles} ${successes.length}`);
        }
      }
    }
  });
});
