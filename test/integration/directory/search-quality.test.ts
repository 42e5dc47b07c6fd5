import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DirectoryUser } from '../../../main/domain/types';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';

/**
 * Search quality as an agent meets it: for a few hundred queries typed the way
 * agents type them, taken from real sample users, the intended user is among
 * the first five results. A ranking rule removed (display-name prefixes first,
 * "surname given", addresses whole, phone numbers without country code) makes
 * some of them miss.
 */
describe('the intended user is in the first five', () => {
  let fx: SampleFixture;
  let people: DirectoryUser[] = [];
  before(async () => {
    fx = await sampleDirectory({ size: 3000, seed: 11 });
    // The list's rows are summaries: the names to type come from the full users.
    const listed = (await fx.services.directory.as(null).searchUsers('', { limit: 1000, offset: 0 })).users;
    const everyone = listed.map((u) => fx.store.findUser({ upn: u.upn })!);
    // Members with both names, every fifth: a spread over the alphabet.
    people = everyone.filter((u) => u.givenName && u.surname && u.userType === 'member').filter((_, i) => i % 5 === 0);
    assert.ok(people.length >= 60, `enough people to type (${people.length})`);
  });
  after(() => fx.close());

  const rankOf = async (query: string, id: string) => {
    const { users } = await fx.services.directory.as(null).searchUsers(query, { limit: 5, offset: 0 });
    return users.findIndex((u) => u.id === id);
  };

  const typings: [string, (u: DirectoryUser) => string | null][] = [
    ['given name and the start of the surname', (u) => `${u.givenName} ${u.surname!.slice(0, 3)}`],
    ['surname first, then the start of the given name', (u) => `${u.surname} ${u.givenName!.slice(0, 2)}`],
    ['the start of the display name, in lower case', (u) => u.displayName.toLowerCase().slice(0, u.givenName!.length + 4)],
    ['the UPN pasted whole', (u) => u.upn],
    ['the local part of the mail', (u) => (u.mail ? u.mail.slice(0, u.mail.indexOf('@')) : null)],
    ['the start of the UPN', (u) => u.upn.slice(0, u.upn.indexOf('.') + 3)],
  ];

  for (const [how, typed] of typings) {
    it(`typed as ${how}`, async () => {
      const misses: string[] = [];
      let asked = 0;
      for (const person of people.slice(0, 60)) {
        const query = typed(person);
        if (query === null) continue;
        asked++;
        if ((await rankOf(query, person.id)) === -1) misses.push(`${query} → not ${person.displayName}`);
      }
      assert.ok(asked >= 20, `${asked} queries asked`);
      assert.deepEqual(misses, [], `${misses.length} of ${asked} missed`);
    });
  }
});
