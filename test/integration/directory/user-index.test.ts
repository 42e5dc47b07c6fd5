/**
 * The in-memory index a real directory's search is answered from (the app's
 * search cache), checked against the embedded directory's own search on the
 * same users: a pasted UPN first, names found by what agents type, phones
 * with or without the country code, paging and the capped count.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UserIndex } from '../../../main/app/search-cache/user-index';
import { summaryOf } from '../../../main/directory/ldap/ldap-directory';
import type { DirectoryUser } from '../../../main/domain/types';
import { matchesFilter, type UserFilter } from '../../../main/domain/user-filter';
import { sortName } from '../../../main/directory/sqlite/search-keys';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';

describe('UserIndex: search-as-you-type from memory', () => {
  let fx: SampleFixture;
  let users: DirectoryUser[];
  let index: UserIndex;

  before(async () => {
    fx = await sampleDirectory({ size: 300 });
    const upns = (fx.store.db.prepare('SELECT upn FROM users').all() as { upn: string }[]).map((r) => r.upn);
    users = (await Promise.all(upns.map((upn) => fx.services.directory.as(null).getUser({ upn })))).filter((u): u is DirectoryUser => u !== null);
    index = new UserIndex(users.map((u) => ({ ...u, summary: summaryOf(u) })));
  });
  after(() => fx.close());

  it('puts a pasted UPN first, and finds nobody for text nobody has', () => {
    const adele = users.find((u) => u.upn === EX.cloudMember)!;
    assert.equal(index.search(adele.upn.toUpperCase(), { limit: 5, offset: 0 }).users[0]?.id, adele.id);
    assert.deepEqual(index.search('zzqqxx', { limit: 5, offset: 0 }), { users: [], total: { count: 0, exact: true } });
    assert.deepEqual(index.search('*)(', { limit: 5, offset: 0 }).users, []);
  });

  it('finds each user among the first five by their first name and the start of their surname', () => {
    let missed = 0;
    for (const user of users.filter((u) => u.givenName && u.surname)) {
      const query = `${user.givenName} ${user.surname!.slice(0, 2)}`;
      if (!index.search(query, { limit: 5, offset: 0 }).users.some((u) => u.id === user.id)) missed++;
    }
    assert.equal(missed, 0);
  });

  it('matches the same users as the embedded search, display-name prefixes first', async () => {
    for (const query of ['a', 'mar', 'sales', 'vance a', 'adele.vance', 'adele sales', 'priya s']) {
      const ours = index.search(query, { limit: 1000, offset: 0 });
      const embedded = await fx.services.directory.as(null).searchUsers(query, { limit: 1000, offset: 0 });
      assert.deepEqual(new Set(ours.users.map((u) => u.id)), new Set(embedded.users.map((u) => u.id)), query);
      assert.deepEqual(ours.total, embedded.total, `${query}: the same count`);
    }
    const names = index.search('mar', { limit: 1000, offset: 0 }).users.map((u) => u.displayName.toLowerCase().startsWith('mar'));
    assert.deepEqual(names, [...names].sort((a, b) => Number(b) - Number(a)), 'names starting "mar" before other matches');
  });

  it('lists everyone by name for an empty query, and filters by state as the embedded search does', async () => {
    const now = fx.clock();
    const everyone = index.search('', { limit: 1000, offset: 0 }, undefined, now);
    assert.equal(everyone.users.length, users.length);
    const names = everyone.users.map((u) => sortName(u.displayName));
    assert.deepEqual(names, [...names].sort(), 'by folded name');
    assert.deepEqual(index.search('', { limit: 10, offset: 10 }, undefined, now).users, everyone.users.slice(10, 20), 'page by page');
    const temporary = new Set([users[0]!.id, users[5]!.id]);
    const filters: UserFilter[] = [{ locked: true }, { disabled: true }, { guests: true }, { admins: true }, { source: 'onPremises' }, { source: 'cloud' }, { locked: true, source: 'onPremises' }];
    for (const filter of filters) {
      for (const query of ['', 'a', 'sales', 'adele.vance']) {
        const ours = index.search(query, { limit: 1000, offset: 0 }, filter, now);
        const embedded = await fx.services.directory.as(null).searchUsers(query, { limit: 1000, offset: 0 }, filter);
        const label = `"${query}" ${JSON.stringify(filter)}`;
        assert.deepEqual(new Set(ours.users.map((u) => u.id)), new Set(embedded.users.map((u) => u.id)), label);
        assert.deepEqual(ours.total, embedded.total, `${label}: the same count`);
        assert.ok(ours.users.every((u) => matchesFilter(u, filter, now)), label);
      }
    }
    assert.ok(index.search('', { limit: 1000, offset: 0 }, { locked: true }, now).users.length > 0, 'the sample has locked users');
    const withTemporary = index.search('', { limit: 1000, offset: 0 }, { temporaryPassword: true }, now, temporary);
    assert.deepEqual(new Set(withTemporary.users.map((u) => u.id)), temporary, 'the open temporary passwords given');
    assert.deepEqual(index.search('', { limit: 5, offset: 0 }, { locked: true }, now + 86_400_000).users, [], 'a lock that ran out is over');
  });

  it('finds a phone number typed with or without its country code, and pages', () => {
    // Not one masked as a verification method (a real directory's phones are plain contact data).
    const withPhone = users.find((u) => u.mobilePhone && /^\+1 [\d ]+$/.test(u.mobilePhone))!;
    const digits = withPhone.mobilePhone!.replace(/\D/g, '');
    assert.ok(index.search(withPhone.mobilePhone!, { limit: 20, offset: 0 }).users.some((u) => u.id === withPhone.id));
    assert.ok(index.search(digits.slice(1), { limit: 20, offset: 0 }).users.some((u) => u.id === withPhone.id), 'without the country code');
    const all = index.search('a', { limit: 1000, offset: 0 }).users.map((u) => u.id);
    assert.deepEqual(index.search('a', { limit: 10, offset: 10 }).users.map((u) => u.id), all.slice(10, 20));
  });
});
