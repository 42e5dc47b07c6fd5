import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EqualityFilter, FilterParser, OrFilter, SubstringFilter, type Filter } from 'ldapts';
import { escapeFilterValue, ldapFilterFor } from '../../../scripts/bench/ldap-filter';

/** Every substring assertion in a parsed filter, as attribute → initial/any parts. */
function substrings(filter: Filter): { attribute: string; initial: string; any: string[] }[] {
  if (filter instanceof SubstringFilter) return [{ attribute: filter.attribute, initial: filter.initial, any: filter.any }];
  const children = (filter as { filters?: Filter[] }).filters ?? [];
  return children.flatMap(substrings);
}

test('RFC 4515: *, (, ), \\ and NUL typed by the agent are escaped, never filter syntax', () => {
  assert.equal(escapeFilterValue('a*b(c)d\\e\0f'), 'a\\2ab\\28c\\29d\\5ce\\00f');
  // A lone "*" is searched for as a character, not as "everyone".
  const parsed = FilterParser.parseString(ldapFilterFor('*'));
  const cn = substrings(parsed).find((s) => s.attribute === 'cn');
  assert.deepEqual(cn, { attribute: 'cn', initial: '*', any: [] });
  // Parentheses cannot close the filter early: it still parses, with ")(uid=" as text.
  const injected = FilterParser.parseString(ldapFilterFor('x)(uid=admin'));
  assert.ok(substrings(injected).some((s) => s.attribute === 'uid' && s.initial === 'x)(uid=admin'));
  assert.equal(substrings(injected).length, 6, 'one prefix term per searched attribute, nothing injected');
});

test('every typed word must match as a prefix of a name, the UPN, mail or department', () => {
  const parsed = FilterParser.parseString(ldapFilterFor('sofia g'));
  const words = (parsed as unknown as { filters: Filter[] }).filters;
  assert.equal(words.length, 2, 'an AND of the two words');
  for (const [word, initial] of [[words[0]!, 'sofia'], [words[1]!, 'g']] as const) {
    assert.ok(word instanceof OrFilter);
    assert.deepEqual(
      substrings(word).map((s) => `${s.attribute}=${s.initial}*`),
      ['cn', 'givenName', 'sn', 'uid', 'mail', 'ou'].map((a) => `${a}=${initial}*`),
    );
  }
  // A pasted UPN stays one term (whitespace splits words, punctuation does not).
  assert.ok(substrings(FilterParser.parseString(ldapFilterFor('adele.vance@contoso.com'))).every((s) => s.initial === 'adele.vance@contoso.com'));
});

test('a phone-like query also matches either phone by its digits, with or without the country code', () => {
  for (const [query, digits] of [['+1 (425) 555-01', '142555501'], ['4255550195', '4255550195']] as const) {
    const phones = substrings(FilterParser.parseString(ldapFilterFor(query))).filter((s) => s.attribute === 'telephoneNumber' || s.attribute === 'mobile');
    assert.deepEqual(phones, [
      { attribute: 'telephoneNumber', initial: '', any: [digits] },
      { attribute: 'mobile', initial: '', any: [digits] },
    ]);
  }
  // Two digits are not a phone number: names only.
  assert.ok(!ldapFilterFor('42').includes('telephoneNumber'));
  assert.ok(!(FilterParser.parseString(ldapFilterFor('')) instanceof SubstringFilter));
  assert.ok(FilterParser.parseString(ldapFilterFor('')) instanceof EqualityFilter, 'an empty query lists people');
});
