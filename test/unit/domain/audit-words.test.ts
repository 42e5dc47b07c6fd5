import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUDIT_ACTIONS } from '../../../main/domain/types';
import { ERROR_CODES } from '../../../main/domain/errors';
import { detailFacts, detailText } from '../../../main/domain/audit-facts';
import { describeEvent, reasonOf } from '../../../main/domain/audit-words';

/** A raw code showing through: an action name (password.reset) or an error code (AUTH_FAILED). */
const RAW_CODE = /[a-z]+\.[a-z]+|\b[A-Z]{2,}_[A-Z_]+\b|\bsignin\b/;

describe('the audit trail in words', () => {
  it('says what happened for every action and result, as the agent reads it', () => {
    assert.equal(describeEvent({ action: 'password.reset', result: 'success', errorCode: null }), 'Password reset');
    assert.equal(describeEvent({ action: 'signin', result: 'failure', errorCode: 'AUTH_FAILED' }), 'Sign-in failed: wrong password');
    // A change sent to AD or OpenLDAP is audited before it goes: that event is not a refusal.
    assert.equal(describeEvent({ action: 'password.reset', result: 'intent', errorCode: null }), 'Password reset sent to the directory');
    // Issue 16, A: an intent without an outcome is not a failure; it says its outcome is being checked.
    assert.equal(describeEvent({ action: 'password.reset', result: 'intent', errorCode: null, outcomeId: null }), 'Password reset sent to the directory: outcome being checked');
    assert.equal(describeEvent({ action: 'account.unlock', result: 'intent', errorCode: null, outcomeId: 12 }), 'Unlock sent to the directory');
    for (const action of AUDIT_ACTIONS) {
      for (const result of ['success', 'failure', 'intent'] as const) {
        const sentence = describeEvent({ action, result, errorCode: null });
        assert.doesNotMatch(sentence, RAW_CODE, `${action}/${result}: ${sentence}`);
        assert.ok(sentence.length > 0);
      }
    }
  });

  it('has words for every error code, for every action that can fail', () => {
    for (const code of ERROR_CODES) {
      assert.doesNotMatch(reasonOf(code), /unknown reason/, `${code} has words`);
      for (const action of AUDIT_ACTIONS) {
        const sentence = describeEvent({ action, result: 'failure', errorCode: code });
        assert.doesNotMatch(sentence, RAW_CODE, `${action}/${code}: ${sentence}`);
      }
    }
    assert.match(reasonOf('SOMETHING_NEW'), /unknown reason \(SOMETHING_NEW\)/, 'a code from a newer version still shows');
  });

  /** label → value, as the detail view and the CSV columns read them. */
  const words = (detail: string | null) => detailFacts(detail).map(({ label, value }) => ({ label, value }));

  it('renders the detail JSON as labelled facts', () => {
    assert.deepEqual(words(JSON.stringify({ generated: true, forceChangeNextSignIn: false, unlocked: true })), [
      { label: 'Password generated', value: 'Yes' },
      { label: 'Must change at next sign-in', value: 'No' },
      { label: 'Account unlocked', value: 'Yes' },
    ]);
    assert.deepEqual(words(JSON.stringify({ temporaryPasswordLifetimeDays: null, someNewField: 3 })), [
      { label: 'Temporary password lifetime (days)', value: 'None' },
      { label: 'Some new field', value: '3' },
    ]);
    // How a caller was verified and where a code went read as words, not JSON.
    assert.deepEqual(words(JSON.stringify({ callerVerifiedBy: ['sms', 'email'], destination: 'a•••@outlook.com', triesLeft: 4 })), [
      { label: 'Caller verified by', value: 'SMS code, email code' },
      { label: 'Code sent to', value: 'a•••@outlook.com' },
      { label: 'Tries left', value: '4' },
    ]);
    // A change of the directory connections: what changed, and where the agent signed in.
    assert.deepEqual(words(JSON.stringify({ removed: 'ol', signedInTo: 'corp' })), [
      { label: 'Connection removed', value: 'ol' },
      { label: 'Signed in to', value: 'corp' },
    ]);
    assert.deepEqual(words('not json'), [{ label: 'Detail', value: 'not json' }]);
    assert.deepEqual(words(null), []);
  });

  it('says whether the caller was verified, not that they were "not verified: Yes" (issue 17, item 8)', () => {
    assert.deepEqual(words(JSON.stringify({ generated: true, callerUnverified: true })), [
      { label: 'Password generated', value: 'Yes' },
      { label: 'Caller verified', value: 'No' },
    ]);
    assert.equal(detailText(JSON.stringify({ wasLocked: true, callerVerifiedBy: ['totp'] })), 'Was locked: Yes; Caller verified by: authenticator app');
    assert.doesNotMatch(JSON.stringify(words(JSON.stringify({ callerUnverified: true }))), /not verified/i);
  });

  it('reads a nested record and the action a message was about as words, not JSON', () => {
    assert.deepEqual(words(JSON.stringify({ about: 'password.reset', before: { lockoutTime: '0', pwdLastSet: '1' } })), [
      { label: 'About', value: 'Password reset' },
      { label: 'Values before the change', value: 'Lockout time: 0; Pwd last set: 1' },
    ]);
  });
});
