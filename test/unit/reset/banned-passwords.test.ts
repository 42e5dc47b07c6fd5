import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  bannedPasswordProblems,
  EMPTY_TERMS,
  normalisePassword,
  scorePassword,
  TermIndex,
  type BannedContext,
} from '../../../main/domain/banned-passwords';
import { globalBannedTerms } from '../../../main/reset/banned-list';
import { suggestPassword } from '../../../main/reset/suggest';
import { generateTemporaryPassword } from '../../../main/reset/generator';
import { DEFAULT_PASSWORD_POLICY } from '../../../main/domain/types';

/** Entra's documented examples: "contoso" on the custom list, "blank" on the global one. */
const entra: BannedContext = {
  global: new TermIndex(['blank']),
  custom: new TermIndex(['contoso']),
  names: [],
  tenantName: '',
};
const context = (over: Partial<BannedContext>): BannedContext => ({ global: EMPTY_TERMS, custom: EMPTY_TERMS, names: [], tenantName: '', ...over });
const score = (password: string, ctx: BannedContext = entra) => scorePassword(password, ctx).score;

test('normalisation: lower case, then 0→o, 1→l, $→s, @→a (and nothing else)', () => {
  assert.equal(normalisePassword('Bl@nK'), 'blank');
  assert.equal(normalisePassword('P@$$w0rd1'), 'passwordl');
  assert.equal(normalisePassword('C0ntos0Blank12'), 'contosoblankl2');
  assert.equal(normalisePassword('3e5!'), '3e5!');
});

test('Entra: "Bl@nK" is "blank" after normalisation, refused', () => {
  const result = scorePassword('Bl@nK', entra);
  assert.equal(result.score, 1);
  assert.equal(result.passed, false);
});

test('Entra: "C0ntos0Blank12" = [contoso] + [blank] + [1] + [2] = 4 points, refused', () => {
  const result = scorePassword('C0ntos0Blank12', entra);
  assert.equal(result.score, 4);
  assert.equal(result.passed, false);
  assert.deepEqual(result.matches.map((m) => m.term), ['contoso', 'blank']);
});

test('Entra: "ContoS0Bl@nkf9!" = [contoso] + [blank] + [f] + [9] + [!] = 5 points, accepted', () => {
  const result = scorePassword('ContoS0Bl@nkf9!', entra);
  assert.equal(result.score, 5);
  assert.equal(result.passed, true);
  assert.deepEqual(bannedPasswordProblems('ContoS0Bl@nkf9!', entra), []);
});

test('Entra fuzzy matching: abcdef also catches abcdeg, abcdefg and abcde (edit distance 1)', () => {
  const ctx = context({ global: new TermIndex(['abcdef']) });
  for (const password of ['abcdef', 'abcdeg', 'abcdefg', 'abcde', 'abxdef', 'abcxdef', 'bcdef']) {
    assert.ok(score(password, ctx) <= 2, password);
    assert.ok(scorePassword(password, ctx).matches.length === 1, password);
  }
  // Two edits away: no match, every character counts.
  assert.equal(score('abxxef', ctx), 6);
  assert.equal(score('abcd', ctx), 4);
});

test('an extra character at a term\'s end scores on its own (Entra counts "blankf" as [blank] + [f])', () => {
  assert.equal(score('blankf', context({ global: new TermIndex(['blank']) })), 2);
  assert.equal(score('fblank', context({ global: new TermIndex(['blank']) })), 2);
});

test('four-character terms match exactly; from five characters within one edit', () => {
  const ctx = context({ global: new TermIndex(['abcd', 'vwxyz']) });
  assert.equal(score('abcd', ctx), 1);
  assert.equal(score('abce', ctx), 4);
  assert.equal(score('vwxya', ctx), 1);
  assert.equal(score('abc', context({ global: new TermIndex(['abc']) })), 3, 'terms under four characters are ignored');
});

test('the user\'s first and last name and the tenant name match as substrings (4+ characters)', () => {
  const ctx = context({ names: ['Poll', 'Nakamura'], tenantName: 'Contoso Ltd' });
  // Entra's example: a user named Poll, "p0LL23fb" → "poll23fb" contains "poll".
  const poll = scorePassword('p0LL23fb', ctx);
  assert.deepEqual(poll.matches, [{ source: 'name', term: 'poll' }]);
  assert.equal(poll.score, 5);
  assert.deepEqual(bannedPasswordProblems('x7Nakamura!#', ctx), [], '[nakamura] + 4 characters = 5');
  assert.deepEqual(bannedPasswordProblems('Nakamura!', ctx).slice(0, 1), ['It contains your name.']);
  assert.deepEqual(bannedPasswordProblems('C0ntoso!', ctx).slice(0, 1), ["It contains your organisation's name: contoso."]);
  // "Ltd" is shorter than four characters: not a term.
  assert.equal(score('ltd', ctx), 3);
  // Names are substrings, not fuzzy: one edit away is not the name.
  assert.equal(score('pxll', ctx), 4);
});

test('the custom list is matched like the global one, and its terms are named', () => {
  const ctx = context({ custom: new TermIndex(['Widget', 'London']) });
  assert.deepEqual(bannedPasswordProblems('widget1', ctx), [
    'It contains a banned word: widget.',
    'Add more of your own characters, or use other words.',
  ]);
  assert.equal(bannedPasswordProblems('Lond0nWidgets', ctx)[0], 'It contains banned words: london and widget.');
});

test('reasons never quote the password or a global term, and say why when nothing matched', () => {
  const ctx = context({ global: new TermIndex(['password']) });
  const problems = bannedPasswordProblems('P@ssword1', ctx);
  assert.equal(problems[0], 'It contains a commonly used password, word or year.');
  for (const sentence of problems) assert.ok(!/p@ss|ssword1/i.test(sentence), sentence);
  assert.deepEqual(bannedPasswordProblems('x7#q', ctx), ['It is too short to be hard to guess.']);
});

test('the shipped global list: common passwords and years, loaded once', async () => {
  const global = await globalBannedTerms();
  assert.equal(await globalBannedTerms(), global, 'the same index every time');
  assert.ok(global.size > 40_000, `${global.size} terms`);
  for (const term of ['password', 'qwerty', 'dragon', 'monkey', '2024', '1999']) assert.ok(global.match(normalisePassword(term)), term);
  // Every year from 1900 to 2099 is a term of its own (zxcvbn's lists leave years out).
  for (const year of ['1900', '1999', '2024', '2087', '2099']) assert.equal(global.match(normalisePassword(year)), year);
  const ctx = context({ global, tenantName: 'Contoso' });
  // Contoso2024! = [contoso] + [2024] + [!]: refused, and the reason names the tenant's word.
  const refused = bannedPasswordProblems('Contoso2024!', ctx);
  assert.ok(refused.includes("It contains your organisation's name: contoso."), refused.join(' '));
  assert.notDeepEqual(bannedPasswordProblems('Summer2024!', ctx), []);
  assert.deepEqual(bannedPasswordProblems('Kd7#pQ2vLm9x', ctx), []);
});

test('the app\'s own passwords pass: generated temporary passwords and suggestions', async () => {
  const ctx = context({ global: await globalBannedTerms(), tenantName: 'Contoso' });
  for (let i = 0; i < 300; i++) {
    assert.deepEqual(bannedPasswordProblems(generateTemporaryPassword().reveal(), ctx), []);
    assert.deepEqual(bannedPasswordProblems(suggestPassword(DEFAULT_PASSWORD_POLICY).reveal(), ctx), []);
  }
});

const terms = fc.array(fc.stringMatching(/^[a-z0-9]{4,10}$/), { maxLength: 8 });
const text = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789!#%'), maxLength: 24 });

test('property: appending one character adds at most one point; one no term contains never lowers the score', () => {
  fc.assert(
    fc.property(terms, text, fc.constantFrom(...'abcxyz09!#'), (list, password, char) => {
      const ctx = context({ global: new TermIndex(list) });
      const before = score(password, ctx);
      const after = score(password + char, ctx);
      assert.ok(after <= before + 1);
      if (!list.some((t) => t.includes(char)) && !/[a-z0-9]/.test(char)) assert.ok(after >= before);
    }),
  );
});

test('property: the score is case- and substitution-blind, between 1 and the length', () => {
  fc.assert(
    fc.property(terms, text, (list, password) => {
      const ctx = context({ global: new TermIndex(list) });
      const s = score(password, ctx);
      assert.equal(score(password.toUpperCase(), ctx), s);
      assert.equal(score(password.replace(/o/g, '0').replace(/a/g, '@'), ctx), s);
      assert.ok(s <= password.length && (password.length === 0 || s >= 1));
      // With no terms at all, every character is a point.
      assert.equal(score(password, context({})), password.length);
    }),
  );
});

test('property: a banned term anywhere in a password is found (the score drops below the length)', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z]{5,12}$/), text, text, (term, before, after) => {
      const ctx = context({ custom: new TermIndex([term]) });
      assert.ok(score(before + term + after, ctx) <= before.length + after.length + 1);
    }),
  );
});
