import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { highlight, queryTerms } from '../../../renderer/screens/users/highlight';
import { matchCountText } from '../../../renderer/screens/users/matchCount';

/** The parts as text, the marked ones in [brackets]. */
const marked = (text: string, query: string) =>
  highlight(text, queryTerms(query))
    .map((p) => (p.match ? `[${p.text}]` : p.text))
    .join('');

describe('why a result matched: the marked prefix', () => {
  it('marks the typed prefix of the word it found, in name, UPN and mail alike', () => {
    assert.equal(marked('Adele Vance', 'ade'), '[Ade]le Vance');
    assert.equal(marked('adele.vance@contoso.com', 'ade'), '[ade]le.vance@contoso.com');
    assert.equal(marked('Adele Vance', 'vance ad'), '[Ad]ele [Vance]');
  });

  it('marks only the start of a word, as the search matches prefixes only', () => {
    assert.equal(marked('Ma Dell', 'del'), 'Ma [Del]l');
    assert.equal(marked('Bradel', 'del'), 'Bradel', 'no match inside a word');
  });

  it('ignores case and accents, keeping the text as written', () => {
    assert.equal(marked('Adèle Vance', 'ADE'), '[Adè]le Vance');
    assert.equal(marked('Zoë Straße', 'zoe stra'), '[Zoë] [Stra]ße');
    assert.equal(marked('Adele Vance', 'adè'), '[Ade]le Vance', 'an accent typed but not written');
  });

  it('prefers the longest typed word that fits and treats punctuation as a separator', () => {
    assert.equal(marked('Lee Gu', 'l le lee'), '[Lee] Gu');
    assert.equal(marked('lee.gu@partners.contoso.com', 'lee.gu@partners'), '[lee].[gu]@[partners].contoso.com');
  });

  it('marks nothing for an empty query or one of punctuation', () => {
    assert.deepEqual(highlight('Adele Vance', queryTerms('')), [{ text: 'Adele Vance', match: false }]);
    assert.deepEqual(highlight('Adele Vance', queryTerms('***')), [{ text: 'Adele Vance', match: false }]);
  });
});

describe('how many match', () => {
  it('says the whole count when the list holds every match', () => {
    assert.equal(matchCountText(1, { count: 1, exact: true }), '1 user matches');
    assert.equal(matchCountText(3, { count: 3, exact: true }), '3 users match');
  });

  it('says which part of the total the list is, with thousands separators', () => {
    assert.equal(matchCountText(20, { count: 1342, exact: true }), 'Showing 20 of 1,342');
    assert.equal(matchCountText(20, { count: 1000, exact: false }), 'Showing 20 of more than 1,000');
  });

  it('once the list has loaded the last match, says how many it holds, even past "more than"', () => {
    assert.equal(matchCountText(1342, { count: 1000, exact: false }, true), '1,342 users match');
    assert.equal(matchCountText(60, { count: 43, exact: false }, true), '60 users match');
    assert.equal(matchCountText(60, { count: 43, exact: false }), 'Showing 60 of more than 60', 'a lower bound, never below the list');
  });
});
