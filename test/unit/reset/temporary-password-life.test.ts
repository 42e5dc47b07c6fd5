import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TemporaryPasswordRecord } from '../../../main/domain/stores';
import {
  RESET_STAMP_TOLERANCE_MS,
  directoryChangeTime,
  stateOf,
  viewOf,
  type LifeDirectory,
} from '../../../main/reset/temporary-password-life';

/** A controllable clock: every time below is relative to it. */
const clock = { now: Date.UTC(2026, 11, 1, 10, 42) };
const DAY = 86_400_000;
/** The capabilities each provider declares (sqlite-directory.ts, ldap-directory.ts), as a life sees them. */
const EMBEDDED: LifeDirectory = { kind: 'embedded', capabilities: { syncedFromOnPremises: true, reportsFirstUse: true, readableByFileOwner: true } };
const AD: LifeDirectory = { kind: 'ad', capabilities: { syncedFromOnPremises: false, reportsFirstUse: false, readableByFileOwner: false } };

function issued(change: Partial<TemporaryPasswordRecord> = {}): TemporaryPasswordRecord {
  return {
    id: 1,
    targetId: 'u-1',
    targetUpn: 'adele@contoso.com',
    issuedAt: clock.now,
    issuedById: 'a-1',
    issuedByUpn: 'ben@contoso.com',
    expiresAt: null,
    deliveredTo: 'screen',
    // The tolerance rules below are about resets that did not ask for a change.
    forceChange: false,
    firstUsedAt: null,
    changedAt: null,
    supersededAt: null,
    ...change,
  };
}

describe('stateOf: the life at a given time', () => {
  test('issued, nothing since: outstanding, also long after when it never expires', () => {
    assert.equal(stateOf(issued(), clock.now), 'outstanding');
    assert.equal(stateOf(issued(), clock.now + 3650 * DAY), 'outstanding');
  });

  test('the expiry boundary: outstanding one millisecond before, expired at expiresAt (the sign-in refuses from then)', () => {
    const record = issued({ expiresAt: clock.now + 3 * DAY });
    assert.equal(stateOf(record, clock.now + 3 * DAY - 1), 'outstanding');
    assert.equal(stateOf(record, clock.now + 3 * DAY), 'expired');
    // Used and then left past its lifetime: it no longer lets anyone in.
    assert.equal(stateOf({ ...record, firstUsedAt: clock.now + 60_000 }, clock.now + 3 * DAY - 1), 'used');
    assert.equal(stateOf({ ...record, firstUsedAt: clock.now + 60_000 }, clock.now + 3 * DAY), 'expired');
  });

  test('used, then changed: changed, and it stays changed after the lifetime would have ended', () => {
    const used = issued({ expiresAt: clock.now + DAY, firstUsedAt: clock.now + 60_000 });
    assert.equal(stateOf(used, clock.now + 120_000), 'used');
    const changed = { ...used, changedAt: clock.now + 180_000 };
    assert.equal(stateOf(changed, clock.now + 180_000), 'changed');
    assert.equal(stateOf(changed, clock.now + 10 * DAY), 'changed');
  });

  test('superseded by another reset: superseded, not expired, whatever the time', () => {
    const record = issued({ expiresAt: clock.now + DAY, supersededAt: clock.now + 5_000 });
    assert.equal(stateOf(record, clock.now + 5_000), 'superseded');
    assert.equal(stateOf(record, clock.now + 2 * DAY), 'superseded');
  });
});

describe("directoryChangeTime: an LDAP directory's own change time", () => {
  const later = (ms: number) => new Date(clock.now + ms).toISOString();

  test('a change clearly after the reset is the user\'s: its time', () => {
    const at = RESET_STAMP_TOLERANCE_MS + 1_000;
    assert.equal(directoryChangeTime(issued(), { forceChangeNextSignIn: false, passwordLastSet: later(at) }), clock.now + at);
  });

  test("the reset's own stamp (within the tolerance) is not a change", () => {
    assert.equal(directoryChangeTime(issued(), { forceChangeNextSignIn: false, passwordLastSet: later(800) }), null);
    assert.equal(
      directoryChangeTime(issued(), { forceChangeNextSignIn: false, passwordLastSet: later(RESET_STAMP_TOLERANCE_MS) }),
      null,
    );
  });

  test('while the directory still asks for a change (pwdReset, pwdLastSet=0), it is not changed, whatever the time', () => {
    assert.equal(directoryChangeTime(issued(), { forceChangeNextSignIn: true, passwordLastSet: later(10 * DAY) }), null);
    assert.equal(directoryChangeTime(issued(), { forceChangeNextSignIn: false, passwordLastSet: null }), null);
  });

  test('after a reset that asked for a change, the directory no longer asking is the change, however soon', () => {
    const forced = issued({ forceChange: true });
    assert.equal(directoryChangeTime(forced, { forceChangeNextSignIn: false, passwordLastSet: later(5_000) }), clock.now + 5_000);
    assert.equal(directoryChangeTime(forced, { forceChangeNextSignIn: true, passwordLastSet: later(5_000) }), null, 'still asking');
  });

  test('an earlier change time (before the reset) is not one', () => {
    assert.equal(directoryChangeTime(issued(), { forceChangeNextSignIn: false, passwordLastSet: later(-DAY) }), null);
  });

  test('a record already ended is left alone', () => {
    const user = { forceChangeNextSignIn: false, passwordLastSet: later(DAY) };
    assert.equal(directoryChangeTime(issued({ supersededAt: clock.now + 1 }), user), null);
    assert.equal(directoryChangeTime(issued({ changedAt: clock.now + 1 }), user), null);
  });
});

describe('viewOf', () => {
  test('ISO times, the state at now, and whether first use is reported by the directory', () => {
    const record = issued({ expiresAt: clock.now + 3 * DAY, deliveredTo: 'a•••@contoso.com' });
    const issuer = { upn: 'ben@contoso.com', displayName: 'Ben Walters' };
    const embedded = viewOf(record, clock.now, EMBEDDED, issuer);
    assert.deepEqual(embedded, {
      state: 'outstanding',
      issuedAt: '2026-12-01T10:42:00.000Z',
      issuedBy: issuer,
      deliveredTo: 'a•••@contoso.com',
      firstUsedAt: null,
      changedAt: null,
      expiresAt: '2026-12-04T10:42:00.000Z',
      supersededAt: null,
      directory: 'embedded',
      firstUseReported: true,
    });
    assert.equal(viewOf(record, clock.now, AD, issuer).firstUseReported, false);
    assert.equal(viewOf(record, clock.now, { ...AD, kind: 'openldap' }, issuer).firstUseReported, false);
    assert.equal(viewOf({ ...record, deliveredTo: null }, clock.now, AD, issuer).deliveredTo, 'screen');
  });

  test('whether first use is reported is the provider’s declaration; the kind only names the directory', () => {
    const record = issued();
    const issuer = { upn: 'ben@contoso.com', displayName: 'Ben Walters' };
    const reporting = viewOf(record, clock.now, { kind: 'ad', capabilities: { ...AD.capabilities, reportsFirstUse: true } }, issuer);
    assert.deepEqual([reporting.directory, reporting.firstUseReported], ['ad', true]);
    const silent = viewOf(record, clock.now, { kind: 'embedded', capabilities: { ...EMBEDDED.capabilities, reportsFirstUse: false } }, issuer);
    assert.deepEqual([silent.directory, silent.firstUseReported], ['embedded', false]);
  });
});
