/**
 * The pure parts of the LDAP replica feed (issue 18): a server's refusal of a
 * paged read of everyone as DIRECTORY_READ_LIMITED with the setting to change
 * (AD's cannot be made on Samba: it has no page-size policy that refuses), the
 * CSN arithmetic of OpenLDAP's cursor, and the cursors' parsing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AdminLimitExceededError, BusyError, SizeLimitExceededError, UnavailableCriticalExtensionError } from 'ldapts';
import { DomainError } from '../../../../main/domain/errors';
import { isUnder, readLimited } from '../../../../main/directory/ldap/feed-pages';
import { CSN_MARGIN_MS, CsnWatermark, csnAt, csnMicros, parseOpenLdapCursor } from '../../../../main/directory/ldap/openldap-changes';
import { parseAdCursor } from '../../../../main/directory/ldap/ad-changes';
import { parseLdapProfile } from '../../../../main/directory/ldap/profile';

const profile = (type: 'ad' | 'openldap') =>
  parseLdapProfile({ name: 'x', type, urls: ['ldaps://dc1.example.com'], baseDn: 'DC=example,DC=com' });

test('sizeLimitExceeded, adminLimitExceeded and unavailableCriticalExtension are DIRECTORY_READ_LIMITED, naming the setting', () => {
  for (const error of [new SizeLimitExceededError('x'), new AdminLimitExceededError('x'), new UnavailableCriticalExtensionError('x')]) {
    const slapd = readLimited(error, profile('openldap'));
    assert.ok(slapd instanceof DomainError && slapd.code === 'DIRECTORY_READ_LIMITED');
    assert.match(slapd.detail!, /size\.prtotal=unlimited/);
    const ad = readLimited(error, profile('ad'));
    assert.ok(ad instanceof DomainError && ad.code === 'DIRECTORY_READ_LIMITED');
    assert.match(ad.detail!, /paged-results control is on by default.*MaxPageSize/);
  }
  const busy = new BusyError('x');
  assert.equal(readLimited(busy, profile('ad')), busy, 'any other answer is left to the session to map');
});

test("a CSN's time to the microsecond, and the lowest CSN of a time, which sorts at or below every CSN stamped then", () => {
  const csn = '20261207225311.159208Z#000000#000#000000';
  const micros = csnMicros(csn)!;
  assert.equal(micros, Date.UTC(2026, 11, 7, 22, 53, 11) * 1000 + 159208);
  assert.equal(csnAt(micros), csn);
  assert.ok(csnAt(micros) <= '20261207225311.159208Z#000003#001#000000');
  assert.ok(csnAt(micros - 1) < csn);
  assert.equal(csnMicros('20261207225311Z'), null, 'a GeneralizedTime is no CSN');
});

test('cursors: each feed reads its own and nothing else', () => {
  assert.deepEqual(parseOpenLdapCursor('{"csn":"20261207225311.159208Z#000000#000#000000"}'), {
    csn: '20261207225311.159208Z#000000#000#000000',
  });
  assert.equal(parseOpenLdapCursor('{"csn":"yesterday"}'), null);
  const ad = { dsServiceName: 'CN=NTDS Settings,CN=DC1', invocationId: '14fa1fe1-e8b2-48a4-84d3-f70062c6d0c4', usn: 4269 };
  assert.deepEqual(parseAdCursor(JSON.stringify(ad)), ad);
  assert.equal(parseAdCursor(JSON.stringify({ ...ad, usn: -1 })), null);
  assert.equal(parseAdCursor('{"csn":"20261207225311.159208Z#000000#000#000000"}'), null);
  assert.equal(parseAdCursor('not json'), null);
});

test('a DN under another, without case or spaces after the commas', () => {
  assert.ok(isUnder('CN=Adele Vance,OU=Resetdesk Users,DC=ad,DC=test', 'ou=resetdesk users, dc=ad, dc=test'));
  assert.ok(isUnder('OU=Users,DC=ad', 'OU=Users,DC=ad'));
  assert.ok(!isUnder('CN=x,OU=Other Users,DC=ad', 'OU=Users,DC=ad'), 'a suffix of a name is not a parent');
});

test("OpenLDAP's cursor without syncprov: the whole margin for a CSN just seen, none once it has aged, never below the last cursor", () => {
  let now = 1_000_000;
  const stamp = '20261207120000.000000Z#000000#000#000000';
  const entry = (csn: string) => ({ dn: 'uid=x', entryCSN: csn }) as unknown as Parameters<CsnWatermark['see']>[0];
  const full = new CsnWatermark(() => now);
  full.see(entry(stamp));
  const first = full.next(null)!;
  const at = csnMicros(stamp)!;
  assert.ok(csnMicros(first.csn)! <= at - CSN_MARGIN_MS * 1000, 'after a full read: the margin below the newest change');
  assert.deepEqual([first.highest, first.highestSeenAt], [stamp, 1_000_000]);

  // A sync a little later that sees nothing newer: what is left of the margin.
  now += 30_000;
  const soon = new CsnWatermark(() => now);
  soon.see(entry(stamp));
  const second = soon.next(first)!;
  assert.equal(csnMicros(second.csn), at - (CSN_MARGIN_MS - 30_000) * 1000);
  assert.equal(second.highestSeenAt, 1_000_000, 'the newest change keeps when it was first seen');

  // Once it is older than the margin, the cursor is the newest change itself: nothing older is read again.
  now += CSN_MARGIN_MS;
  const aged = new CsnWatermark(() => now).next(second)!;
  assert.equal(aged.csn, csnAt(at));

  // A newer change gets the whole margin again; a cursor never goes back.
  const later = '20261207123000.000000Z#000000#000#000000';
  const next = new CsnWatermark(() => now);
  next.see(entry(later));
  const third = next.next(aged)!;
  assert.ok(csnMicros(third.csn)! <= csnMicros(later)! - CSN_MARGIN_MS * 1000 && csnMicros(third.csn)! >= csnMicros(aged.csn)!);
  assert.deepEqual([third.highest, third.highestSeenAt], [later, now]);
  assert.equal(new CsnWatermark(() => now).next(null), null, 'nothing seen, nothing before: no cursor');
});
