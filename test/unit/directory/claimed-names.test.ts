import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClaimedNames } from '../../../main/app/sample/claimed-names';

describe('ClaimedNames', () => {
  it('gives each name once, and keeps every name as it grows far past its first table', () => {
    const names = new ClaimedNames();
    const all = Array.from({ length: 50_000 }, (_, i) => `user${i}@contoso.com`);
    for (const name of all) assert.equal(names.claim(name), true, name);
    assert.equal(names.size, all.length);
    for (const name of all) assert.equal(names.claim(name), false, `${name} given twice`);
    assert.equal(names.size, all.length);
  });

  it('compares names exactly: near names are different names', () => {
    const names = new ClaimedNames();
    for (const name of ['a', 'b', 'ab', 'ba', '', 'A', 'adele.vance@contoso.com', 'adele.vance2@contoso.com']) {
      assert.equal(names.claim(name), true, JSON.stringify(name));
    }
    assert.equal(names.claim('ab'), false);
  });
});
