/**
 * The embedded search's state filters and deep pages (issue 17, item 1), on
 * real sample files: a filtered search lists exactly the unfiltered matches in
 * that state (checked row by row with the domain's own rule), whichever path
 * the search takes; an empty query with a filter lists that state's users by
 * name; open temporary passwords come from the local file; and every page of
 * a query with thousands of matches follows the one before, past the rows one
 * range used to be cut at.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UserSearch, COUNT_CAP } from '../../../main/directory/sqlite/search';
import { FILTER_DRIVEN_MAX, NARROW_ROWS } from '../../../main/directory/sqlite/search-filtered';
import { matchesFilter, type UserFilter } from '../../../main/domain/user-filter';
import type { UserSummary } from '../../../main/domain/types';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';

const FILTERS: UserFilter[] = [
  { locked: true },
  { disabled: true },
  { guests: true },
  { admins: true },
  { source: 'cloud' },
  { source: 'onPremises' },
  { locked: true, source: 'onPremises' },
  { disabled: true, admins: true },
];

/** Every result of a query, page by page. */
function everything(search: UserSearch, query: string, now: number, filter?: UserFilter, limit = 200): UserSummary[] {
  const all: UserSummary[] = [];
  for (let offset = 0; ; offset += limit) {
    const { users } = search.search(query, { limit, offset }, now, filter);
    all.push(...users);
    if (users.length < limit) return all;
  }
}

const ids = (users: UserSummary[]) => users.map((u) => u.id);

describe('embedded search: state filters', () => {
  let fx: SampleFixture;
  let search: UserSearch;
  let now: number;
  before(async () => {
    fx = await sampleDirectory({ size: 2000, seed: 11 });
    search = new UserSearch(fx.store.db);
    now = fx.clock();
  });
  after(() => fx.close());

  it('lists exactly the matches in that state, in the same order, with their count', () => {
    for (const query of ['a', 'ma', 'sales', 'lee gu', 'adele.vance@contoso.com', 'engineering manager', 'zzqx']) {
      const unfiltered = everything(search, query, now);
      for (const filter of FILTERS) {
        const expected = unfiltered.filter((u) => matchesFilter(u, filter, now));
        const found = search.search(query, { limit: 200, offset: 0 }, now, filter);
        const label = `"${query}" ${JSON.stringify(filter)}`;
        assert.deepEqual(ids(everything(search, query, now, filter, 7)), ids(expected), `${label}: the same users, page after page`);
        assert.deepEqual(found.total, { count: Math.min(expected.length, COUNT_CAP), exact: expected.length <= COUNT_CAP }, label);
      }
    }
    assert.ok(everything(search, 'a', now, { locked: true }).length > 5, 'the sample has locked users matching "a"');
  });

  it('lists the users in that state by name when nothing is typed, counting them', () => {
    for (const filter of FILTERS) {
      const sql = `SELECT object_id FROM users u WHERE ${sqlOf(filter)} ORDER BY sort_name, rowid`;
      const expected = fx.store.db.prepare(sql).pluck().all({ now }) as string[];
      assert.ok(expected.length > 0 || filter.admins, JSON.stringify(filter));
      assert.deepEqual(ids(everything(search, '', now, filter, 9)), expected, JSON.stringify(filter));
      assert.deepEqual(search.search('', { limit: 5, offset: 0 }, now, filter).total, {
        count: Math.min(expected.length, COUNT_CAP),
        exact: expected.length <= COUNT_CAP,
      });
    }
  });

  it('a lock that has run out is not "locked out"', () => {
    const lockedNow = everything(search, '', now, { locked: true });
    const later = now + 24 * 3600_000;
    assert.ok(lockedNow.length > 0);
    assert.deepEqual(everything(search, '', later, { locked: true }), [], 'a day later every sample lock has run out');
  });

  it('finds the users whose temporary password is not yet changed, from the local file', async () => {
    const [first, second, third] = everything(search, 'a', now).filter((u) => u.userType === 'member');
    const issue = (user: UserSummary, at: number) =>
      fx.store.stores.temporaryPasswords.issue({
        targetId: user.id,
        targetUpn: user.upn,
        issuedAt: at,
        issuedById: 'agent',
        issuedByUpn: 'helpdesk.admin@contoso.com',
        expiresAt: null,
        deliveredTo: null,
        forceChange: true,
      });
    await issue(first!, now - 3000);
    await issue(second!, now - 2000);
    await issue(third!, now - 1000);
    await fx.store.stores.temporaryPasswords.markChanged(second!.id, now);
    const filter = { temporaryPassword: true };
    assert.deepEqual(new Set(ids(everything(search, '', now, filter))), new Set([first!.id, third!.id]), 'the changed one is gone');
    assert.deepEqual(ids(everything(search, third!.upn, now, filter)), [third!.id], 'and with text');
    assert.deepEqual(everything(search, second!.upn, now, filter), []);
  });
});

describe('embedded search at 20,000 users: deep pages and the filter-driven path', () => {
  let fx: SampleFixture;
  let search: UserSearch;
  let now: number;
  before(async () => {
    fx = await sampleDirectory({ size: 20_000, seed: 1 });
    search = new UserSearch(fx.store.db);
    now = fx.clock();
  });
  after(() => fx.close());

  it('pages through thousands of matches: each page follows the one before, to the last match', () => {
    // Users "a" finds: display names, keys and the exact address, counted in SQL.
    const distinct = fx.store.db
      .prepare(
        `SELECT count(*) FROM (SELECT rowid FROM users WHERE sort_name >= 'a' AND sort_name < 'b'
         UNION SELECT user_rowid FROM search_keys WHERE key >= 'a' AND key < 'b')`,
      )
      .pluck()
      .get() as number;
    assert.ok(distinct > 8 * (COUNT_CAP + 1) / 2, `"a" matches ${distinct}: more than one range read used to reach`);
    const paged = everything(search, 'a', now, undefined, 200);
    assert.equal(paged.length, distinct, 'every match, once');
    assert.equal(new Set(ids(paged)).size, distinct);
    const deep = search.search('a', { limit: 50, offset: distinct - 50 }, now);
    assert.deepEqual(ids(deep.users), ids(paged.slice(-50)), 'the last page read on its own');
    assert.deepEqual(deep.total, { count: COUNT_CAP, exact: false }, '"more than 1,000" on every page');
  });

  it('answers a broad query with a small filter from the filter: the same users', () => {
    const keyRows = fx.store.db.prepare("SELECT count(*) FROM search_keys WHERE key >= 'a' AND key < 'b'").pluck().get() as number;
    assert.ok(keyRows >= NARROW_ROWS, '"a" is broad here');
    const admins = everything(search, '', now, { admins: true });
    assert.ok(admins.length > 0 && admins.length <= FILTER_DRIVEN_MAX, 'few admins');
    const unfiltered = everything(search, 'a', now);
    const expected = unfiltered.filter((u) => matchesFilter(u, { admins: true }, now));
    const found = everything(search, 'a', now, { admins: true }, 3);
    assert.deepEqual(new Set(ids(found)), new Set(ids(expected)));
    assert.equal(found.length, expected.length, 'each once');
    // Display-name matches first, as without a filter.
    const starts = found.map((u) => u.displayName.toLowerCase().startsWith('a'));
    assert.deepEqual(starts, [...starts].sort((x, y) => Number(y) - Number(x)));
    // A broad query with a large filter (cloud: most users) reads the ranges: the same users in the same order.
    const cloud = { source: 'cloud' } as const;
    assert.ok(everything(search, '', now, cloud).length > FILTER_DRIVEN_MAX);
    const inCloud = unfiltered.filter((u) => matchesFilter(u, cloud, now));
    assert.deepEqual(ids(everything(search, 'a', now, cloud, 500)), ids(inCloud));
    const deep = search.search('a', { limit: 50, offset: inCloud.length - 50 }, now, cloud);
    assert.deepEqual(ids(deep.users), ids(inCloud.slice(-50)), 'its last page on its own');
  });
});

/** The filter in SQL written independently of search-filtered.ts, for the expected lists. */
function sqlOf(filter: UserFilter): string {
  const parts: string[] = [];
  if (filter.locked) parts.push('u.locked_until > @now');
  if (filter.disabled) parts.push('u.account_enabled = 0');
  if (filter.guests) parts.push("u.user_type = 'guest'");
  if (filter.source) parts.push(`u.source = '${filter.source}'`);
  if (filter.admins) parts.push('EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_rowid = u.rowid)');
  return parts.join(' AND ') || '1';
}
