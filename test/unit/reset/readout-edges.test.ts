import assert from 'node:assert/strict';
import { test } from 'node:test';
import { natoReadout } from '../../../main/reset/generator';

// The ends of each range, which `npm run mutate` found untested: an agent
// reading "A" or "Z" aloud must not hear a code point instead.
test('the read-aloud words cover the first and last letter and digit', () => {
  assert.deepEqual(natoReadout('AZaz09'), ['capital Alfa', 'capital Zulu', 'alfa', 'zulu', 'zero', 'nine']);
});
