import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FilterParser, SubstringFilter, AndFilter, OrFilter } from 'ldapts';
import { userDnFilter } from '../../../../main/directory/ldap/locate';
import {
  escapeFilterValue,
  openLdapSearch,
  queryWords,
  searchFilter,
  toFilterString,
  toLdapFilter,
  unescapeFilterValue,
  AD_SEARCH,
} from '../../../../main/directory/ldap/filter';

test('escaping leaves no filter syntax, is pure printable ASCII, and round-trips any string (UTF-8 bytes)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (value) => {
      const escaped = escapeFilterValue(value);
      assert.doesNotMatch(escaped, /[*()\0]/);
      assert.match(escaped, /^[\x20-\x7e]*$/);
      assert.doesNotMatch(escaped.replace(/\\[0-9a-f]{2}/g, ''), /\\/);
      assert.equal(unescapeFilterValue(escaped).toString('utf8'), value);
    }),
  );
});

test('the RFC 4515 characters and non-ASCII escape as \\xx', () => {
  assert.equal(escapeFilterValue('a*b(c)d\\e\0'), 'a\\2ab\\28c\\29d\\5ce\\00');
  assert.equal(escapeFilterValue('é'), '\\c3\\a9');
  assert.equal(escapeFilterValue(Buffer.from([0xd1, 0x14, 0x00])), '\\d1\\14\\00');
});

test('any query, written as a string and parsed back by ldapts, has exactly the shape built: one OR per word, no more', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '*', '(', ')', '\\', '=', '&', '|', ' ', '!', '0') }), (query) => {
      const node = searchFilter(query, AD_SEARCH);
      const words = queryWords(query);
      const parsed = FilterParser.parseString(toFilterString(node));
      if (words.length === 0) return;
      assert.ok(parsed instanceof AndFilter);
      assert.equal(parsed.filters.length, 1 + words.length);
      for (const [i, word] of words.entries()) {
        const or: unknown = parsed.filters[i + 1];
        assert.ok(or instanceof OrFilter);
        for (const sub of (or as OrFilter).filters as unknown[]) {
          assert.ok(sub instanceof SubstringFilter);
          assert.equal([sub.initial, ...sub.any, sub.final].join(''), word);
        }
      }
    }),
  );
});

test('the wire filter carries each word as it is (no escaping needed there), the UPN attribute included for OpenLDAP', () => {
  const filter = toLdapFilter(searchFilter('adé', openLdapSearch('mail')));
  assert.ok(filter instanceof AndFilter);
  const or = filter.filters[1] as OrFilter;
  assert.ok(or.filters.some((f) => f instanceof SubstringFilter && f.attribute === 'mail' && f.initial === 'adé'));
  assert.ok(or.filters.some((f) => f instanceof SubstringFilter && f.attribute === 'mobile' && f.any[0] === 'adé'));
});

test('query words: spaces split, control characters (NUL) never reach a filter, at most 8 words', () => {
  assert.deepEqual(queryWords('  adele   vance '), ['adele', 'vance']);
  assert.deepEqual(queryWords('ade\0*)'), ['ade', '*)']);
  assert.equal(queryWords('a b c d e f g h i j').length, 8);
  assert.deepEqual(toFilterString(searchFilter('', AD_SEARCH)), '(&(objectClass=user)(objectCategory=person))');
});

test("the search for a user's bind DN takes the UPN as a value: filter syntax in it is escaped, never a filter (RFC 4515)", () => {
  const profile = { upnAttribute: 'mail' };
  assert.equal(toFilterString(userDnFilter(profile, 'hd.agent@contoso.com')), '(&(objectClass=inetOrgPerson)(mail=hd.agent@contoso.com))');
  assert.equal(
    toFilterString(userDnFilter(profile, 'x*)(|(uid=*')),
    '(&(objectClass=inetOrgPerson)(mail=x\\2a\\29\\28|\\28uid=\\2a))',
  );
  // On the wire: one equality filter whose value is the whole UPN, stars and parentheses included.
  const wire = toLdapFilter(userDnFilter(profile, '*')) as AndFilter;
  assert.equal(wire.filters.length, 2);
  assert.equal(wire.filters[1]!.constructor.name, 'EqualityFilter');
});
