import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TemporaryPasswordView } from '../../../main/domain/temporary-passwords';
import { ageText, expiryText, issuedText, openStateText, stateText } from '../../../renderer/screens/temporary-passwords/life-text';
import { formatTime } from '../../../renderer/format';

const NOW = Date.UTC(2026, 11, 1, 10, 42);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

const life = (change: Partial<TemporaryPasswordView> = {}): TemporaryPasswordView => ({
  state: 'outstanding',
  issuedAt: iso(NOW),
  issuedBy: { upn: 'ben@contoso.com', displayName: 'Ben Walters' },
  deliveredTo: 'screen',
  firstUsedAt: null,
  changedAt: null,
  expiresAt: null,
  supersededAt: null,
  directory: 'embedded',
  firstUseReported: true,
  ...change,
});

describe("a temporary password's life in words", () => {
  it('issued: when, by whom (name, else UPN), and how it was delivered', () => {
    assert.equal(issuedText(life()), `Issued ${formatTime(iso(NOW))} by Ben Walters (shown on screen)`);
    assert.equal(
      issuedText(life({ issuedBy: { upn: 'ben@contoso.com', displayName: null }, deliveredTo: '+1 ••• ••• 0143' })),
      `Issued ${formatTime(iso(NOW))} by ben@contoso.com (sent to +1 ••• ••• 0143)`,
    );
  });

  it('the expiry, counted down in whole days, then hours', () => {
    assert.equal(expiryText(null, NOW), 'never expires');
    assert.equal(expiryText(iso(NOW + 3 * DAY), NOW), 'expires in 3 days');
    assert.equal(expiryText(iso(NOW + DAY), NOW), 'expires in 1 day');
    assert.equal(expiryText(iso(NOW + DAY - 1), NOW), 'expires in 23 hours');
    assert.equal(expiryText(iso(NOW + 1000), NOW), 'expires in 1 hour');
    assert.match(expiryText(iso(NOW), NOW), /^expired /);
  });

  it('each state in one line; AD and OpenLDAP say first use is not reported', () => {
    assert.equal(stateText(life({ expiresAt: iso(NOW + 3 * DAY) }), NOW), 'Not used yet · expires in 3 days');
    assert.equal(stateText(life({ directory: 'ad', firstUseReported: false }), NOW), 'First use: not reported by Active Directory · never expires');
    assert.equal(stateText(life({ directory: 'openldap', firstUseReported: false }), NOW), 'First use: not reported by OpenLDAP · never expires');
    assert.equal(stateText(life({ state: 'changed', changedAt: iso(NOW + 60_000) }), NOW), `Changed by the user at ${formatTime(iso(NOW + 60_000))}`);
    assert.match(stateText(life({ state: 'used', firstUsedAt: iso(NOW) }), NOW), /^First used to sign in at .+ · not changed yet · never expires$/);
    assert.match(stateText(life({ state: 'expired', expiresAt: iso(NOW) }), NOW), /before the user changed it: reset again$/);
    assert.match(stateText(life({ state: 'superseded', supersededAt: iso(NOW) }), NOW), /^Replaced by a newer reset at /);
  });

  it('age in days', () => {
    assert.deepEqual([0, 1, 12].map(ageText), ['Today', '1 day', '12 days']);
  });
});

describe('first use in words follows what the directory declares, not its kind', () => {
  it('the pane: "not reported" only where the directory does not report first use', () => {
    assert.equal(stateText(life({ directory: 'ad', firstUseReported: true }), NOW), 'Not used yet · never expires');
    assert.equal(stateText(life({ directory: 'embedded', firstUseReported: false }), NOW), 'First use: not reported by the embedded directory · never expires');
  });

  it('the follow-up list: an outstanding one is "not changed yet" where first use is not reported', () => {
    assert.equal(openStateText('outstanding', true), 'Not used yet');
    assert.equal(openStateText('outstanding', false), 'Not changed yet');
    assert.equal(openStateText('used', true), 'Used, not changed');
    assert.equal(openStateText('expired', false), 'Expired, not changed');
  });
});
