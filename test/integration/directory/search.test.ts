import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { COUNT_CAP } from '../../../main/directory/sqlite/search';
import { planQuery } from '../../../main/directory/sqlite/search-keys';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';

describe('search-as-you-type', () => {
  let fx: SampleFixture;
  before(async () => {
    fx = await sampleDirectory({ size: 400, seed: 3 });
  });
  after(() => fx.close());

  const page = (query: string, limit = 25, offset = 0) => fx.services.directory.as(null).searchUsers(query, { limit, offset });
  const search = async (query: string, limit = 25, offset = 0) => (await page(query, limit, offset)).users;

  it('finds a user by the first letters of the display name', async () => {
    const results = await search('adel');
    assert.ok(results.some((u) => u.upn === EX.cloudMember));
    for (const listed of results) {
      const u = fx.store.findUser({ upn: listed.upn })!;
      const words = [u.displayName, u.givenName, u.surname, u.upn, u.mail].join(' ').toLowerCase();
      assert.match(words, /\badel/, `${u.upn} matches "adel"`);
    }
  });

  it('puts the exact UPN first even when many others share its words', async () => {
    const [first] = await search('megan.bowen@corp.contoso.com');
    assert.equal(first?.upn, EX.syncedManaged);
    const [byMail] = await search('ALICE@fabrikam.com');
    assert.equal(byMail?.upn, EX.guestOtherTenant, 'exact mail, any case');
  });

  it('display names starting with the query come first, alphabetically, then the other matches', async () => {
    // A query that starts some display names and other words too (a surname, a department…).
    for (const query of ['le', 'ma', 'an', 'sa']) {
      const results = await search(query, 200);
      const starts = results.map((u) => u.displayName.toLowerCase().startsWith(query));
      const firstOther = starts.indexOf(false);
      assert.ok(firstOther > 0, `"${query}" has display-name matches and others`);
      assert.ok(starts.slice(firstOther).every((s) => !s), `"${query}": every display-name match comes before the others`);
      const names = results.slice(0, firstOther).map((u) => u.displayName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
      assert.deepEqual(names, [...names].sort(), `"${query}": display-name matches alphabetically`);
    }
  });

  it('does not match the domain of every address: "contoso" is not a word of every user', async () => {
    const { total } = await page('contoso');
    assert.ok(total.count < 20, `"contoso" matched ${total.count} users`);
  });

  it('finds a department and a job title', async () => {
    const engineers = await search('engineering', 50);
    assert.ok(engineers.length > 0);
    const full = engineers.map((u) => fx.store.findUser({ upn: u.upn })!);
    assert.ok(full.every((u) => /engineering/i.test(`${u.department} ${u.jobTitle}`)), 'each is in engineering');
  });

  it('finds a phone number typed without its country code, or by its last digits', async () => {
    const target = fx.store.findUser({ upn: EX.cloudMember })!;
    const phone = (target.mobilePhone ?? target.businessPhone)!;
    const digits = phone.replace(/\D/g, '');
    for (const typed of [digits.slice(1), digits.slice(-7)]) {
      const results = await search(typed, 200);
      assert.ok(results.some((u) => u.upn === EX.cloudMember), `found by ${typed}`);
    }
  });

  it('needs every typed word: first and last name narrow the list', async () => {
    const results = await search('lee gu');
    assert.deepEqual(results.map((u) => u.upn), [EX.syncedFederated]);
  });

  it('finds a user by phone number typed with or without punctuation', async () => {
    // The number itself, as main holds it: a registered phone leaves the store masked.
    const target = fx.store.findUser({ upn: EX.cloudMember })!;
    const phone = target.mobilePhone ?? target.businessPhone;
    assert.ok(phone, 'the sample user has a phone');
    const digits = phone.replace(/\D/g, '');
    for (const typed of [phone, digits, `(${digits.slice(1, 4)}) ${digits.slice(4, 7)}-${digits.slice(7)}`]) {
      const results = await search(typed, 50);
      assert.ok(results.some((u) => u.upn === EX.cloudMember), `found by ${typed}`);
    }
  });

  it('an empty query lists everyone alphabetically, page by page', async () => {
    const page1 = await search('', 10, 0);
    const page2 = await search('', 10, 10);
    const both = [...page1, ...page2].map((u) => u.displayName.toLowerCase());
    assert.deepEqual(both, [...both].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || 0));
    assert.equal(new Set([...page1, ...page2].map((u) => u.id)).size, 20, 'pages do not overlap');
    assert.equal((await search('', 1000, 0)).length, 400);
  });

  it('treats FTS syntax in the input as plain text', async () => {
    for (const typed of ['"', 'AND', 'adele OR', 'NEAR(', '*', 'upn:adele', '-adele', "o'brien"]) {
      await assert.doesNotReject(search(typed), typed);
    }
    assert.deepEqual(await search('***'), [], 'punctuation alone finds nobody');
  });

  it('returns only public fields: never a hash', async () => {
    const [user] = await search(EX.cloudMember);
    assert.ok(user);
    assert.equal('passwordHash' in user, false);
    assert.equal('recentBadDigests' in user, false);
    assert.equal(JSON.stringify(user).includes('$scrypt$'), false);
  });

  it("lists summaries: the full user's values for the list's fields, and nothing more", async () => {
    const fields = ['id', 'upn', 'displayName', 'mail', 'department', 'source', 'userType', 'domainType', 'adminCount',
      'roles', 'enabled', 'locked', 'lockedUntil'] as const;
    const listed = [...(await search('a', 50)), ...(await search(EX.locked)), ...(await search('helpdesk'))];
    assert.ok(listed.some((u) => u.roles.length > 0) && listed.some((u) => u.locked), 'roles and a lock among them');
    for (const summary of listed) {
      const full = (await fx.services.directory.as(null).getUser({ id: summary.id }))!;
      assert.deepEqual(summary, Object.fromEntries(fields.map((f) => [f, full[f]])), summary.upn);
    }
  });

  it('masks a listed mail that is also a verification method, as the full user does', async () => {
    const user = fx.store.findUser({ upn: EX.cloudMember })!;
    fx.store.db
      .prepare("INSERT INTO auth_methods (user_rowid, kind, value, created_at) VALUES (?, 'alternateEmail', ?, 0)")
      .run(user.rowid, user.mail!.toUpperCase());
    const [listed] = await search(EX.cloudMember);
    const full = (await fx.services.directory.as(null).getUser({ upn: EX.cloudMember }))!;
    assert.notEqual(full.mail, user.mail, 'the full user shows it masked');
    assert.equal(listed?.mail, full.mail);
  });

  it('says how many match in all, beyond the page it returns', async () => {
    const everyone = await page('', 25);
    assert.equal(everyone.users.length, 25);
    assert.deepEqual(everyone.total, { count: 400, exact: true }, 'the empty query counts the directory');
    const all = await search('sales', 1000);
    const first = await page('sales', 5);
    assert.equal(first.users.length, 5);
    assert.deepEqual(first.total, { count: all.length, exact: true });
    assert.ok(all.length > 5, 'the query matches more than one page');
    assert.deepEqual((await page('sales', 5, 5)).total, first.total, 'the same total on every page');
    assert.deepEqual((await search('sales', 1000, 5)).map((u) => u.id), all.slice(5).map((u) => u.id), 'pages follow each other');
    assert.deepEqual((await page('lee gu')).total, { count: 1, exact: true });
    assert.deepEqual((await page('zzqx')).total, { count: 0, exact: true });
    assert.deepEqual((await page('***')).total, { count: 0, exact: true });
  });

  it('counts exactly the users it lists, whichever ranges they come from', async () => {
    // One-word prefixes (their name range is counted inside the key range), several words, a
    // department, phone digits with and without the country code, an address.
    const target = fx.store.findUser({ upn: EX.cloudMember })!;
    const phone = (target.mobilePhone ?? target.businessPhone)!;
    const queries = ['ad', 'ma', 'vance', 'sales', 'adele v', 'vance a', 'le', 'an', phone, phone.replace(/^\+\d+\s*/, ''), 'adele.vance'];
    for (const query of queries) {
      const listed = await page(query, 200);
      if (listed.users.length === 200) continue; // more than a page: not listable here
      assert.deepEqual(listed.total, { count: listed.users.length, exact: true }, query);
    }
  });

  it('stops counting past the cap: "more than 1,000", at a bounded cost', async () => {
    const big = await sampleDirectory({ size: 2600, seed: 5 });
    try {
      const everyone = await big.services.directory.as(null).searchUsers('', { limit: 20, offset: 0 });
      assert.equal(everyone.users.length, 20);
      assert.deepEqual(everyone.total, { count: COUNT_CAP, exact: false });
      // "s": display names, surnames, departments and titles starting with s: more than 1,000 of 2,600.
      const matched = await big.services.directory.as(null).searchUsers('s', { limit: 20, offset: 0 });
      assert.deepEqual(matched.total, { count: COUNT_CAP, exact: false });
      const fewer = await big.services.directory.as(null).searchUsers('adele', { limit: 1, offset: 0 });
      assert.equal(fewer.total.exact, true, 'under the cap the count is exact');
    } finally {
      big.close();
    }
  });

  it('plans a query: folded words, an address kept whole, phone digits', () => {
    assert.deepEqual(planQuery('  Zoë  O\'Brien '), { raw: "Zoë  O'Brien", prefix: 'zoe obrien', terms: ['zoe', 'obrien'], addressLike: false, phoneDigits: null });
    assert.equal(planQuery('Adele.Vance@CON')?.prefix, 'adele.vance@con');
    assert.equal(planQuery('+1 (425) 555-01')?.phoneDigits, '142555501');
    assert.equal(planQuery('***'), null);
  });
});
