/**
 * The words the status bar and the CLI give for a directory copy (issue 18),
 * and the backoff between failed reads: one retry after 30 s, then doubling,
 * never more often, up to 30 minutes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureStatusOf, replicaStatusText, type ReplicaStatus } from '../../../main/domain/replica-status';
import { retryAfterMs } from '../../../main/app/replica/replica-sync';

const base: ReplicaStatus = { directory: 'corp', state: 'none', read: null, estimate: null, users: null, syncedAt: null, failure: null };

describe('directory copy status', () => {
  it('says how far the first read is, against about how many users there are', () => {
    assert.equal(replicaStatusText({ ...base, state: 'reading', read: 42_000, estimate: 301_234 }), 'Reading the directory: 42,000 of about 300,000 users');
    assert.equal(replicaStatusText({ ...base, state: 'reading', read: 500, estimate: null }), 'Reading the directory: 500 users so far');
    assert.equal(replicaStatusText({ ...base, state: 'reading', read: 10, estimate: 57 }), 'Reading the directory: 10 of about 57 users', 'under 100: as it is');
    assert.equal(replicaStatusText({ ...base, state: 'reading', read: 313, estimate: 314 }), 'Reading the directory: 313 users so far', 'rounded first: not "313 of about 310"');
    // An estimate already passed (users were added meanwhile) is not shown as "500 of about 400".
    assert.equal(replicaStatusText({ ...base, state: 'reading', read: 500, estimate: 400 }), 'Reading the directory: 500 users so far');
  });

  it('says nothing once the copy is ready', () => {
    assert.equal(replicaStatusText({ ...base, state: 'ready', users: 10 }), null);
    assert.equal(replicaStatusText(base), null);
    assert.equal(replicaStatusText({ ...base, state: 'failed', failure: null }), null, 'failed with nothing recorded: nothing to say');
  });

  it('says a refused read with the server setting to change, and where search goes meanwhile', () => {
    const failure = failureStatusOf('DIRECTORY_READ_LIMITED', 'slapd: olcLimits … size.prtotal=unlimited', 0);
    const text = replicaStatusText({ ...base, state: 'failed', failure })!;
    assert.equal(text, 'Search asks the server: the directory refused to list every user. slapd: olcLimits … size.prtotal=unlimited');
    assert.equal(
      replicaStatusText({ ...base, state: 'failed', users: 1234, failure: failureStatusOf('DIRECTORY_UNREACHABLE', null, 0) }),
      'The copy of 1,234 users search answers from is not up to date: the directory server did not answer.',
    );
    assert.equal(failureStatusOf('NOT_A_CODE', null, 0).code, 'DIRECTORY_ERROR', 'an unknown code is said as the generic refusal');
  });

  it('backs off: 30 s, then doubling, up to 30 minutes', () => {
    assert.deepEqual([1, 2, 3, 4, 6, 7, 8, 20].map(retryAfterMs), [30_000, 60_000, 120_000, 240_000, 960_000, 1_800_000, 1_800_000, 1_800_000]);
  });
});
