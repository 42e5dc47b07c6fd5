import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarize } from '../../../scripts/bench/stats';

test('percentiles are nearest-rank over the samples, in any order', () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1
  assert.deepEqual(summarize(samples), { n: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  assert.deepEqual(summarize([7]), { n: 1, p50: 7, p95: 7, p99: 7, max: 7 });
  assert.equal(summarize([1, 2, 3, 1000]).p95, 1000, 'an outlier in the top 5% is the p95 of four samples');
});
