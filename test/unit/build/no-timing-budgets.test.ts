/**
 * No wall-clock budget in the unit, integration or conformance tests (issue
 * 16, item 10): "took < N ms" fails on a busy machine while the code is fine.
 * Timings belong in `npm run bench` (scripts/bench/). This reads the test
 * sources for the shapes such a budget takes: a stopwatch (performance.now,
 * process.hrtime) or an assertion comparing the clock or an elapsed time with
 * a number. Ordering checks (a stamp between two readings of the clock) and
 * clocks passed to the code under test are not budgets and pass.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FOLDERS = ['test/unit', 'test/integration', 'test/conformance'];

const BUDGETS: { what: string; pattern: RegExp }[] = [
  { what: 'a stopwatch (performance.now)', pattern: /\bperformance\.now\(/ },
  { what: 'a stopwatch (process.hrtime)', pattern: /\bprocess\.hrtime\b/ },
  { what: 'an assertion on the time elapsed', pattern: /assert[\w.]*\(.*\bDate\.now\(\)\s*-\s*\w+.*[<>]=?\s*[\d_]+/ },
  { what: 'an assertion on a duration', pattern: /assert[\w.]*\(\s*(?:took|elapsed|duration|\w+Ms|perCheck)\s*[<>]=?\s*[\d_]+/ },
];

function testFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));
}

test('no test file times the code against a wall-clock budget', () => {
  const found: string[] = [];
  for (const file of FOLDERS.flatMap(testFiles)) {
    if (file.endsWith(path.join('build', 'no-timing-budgets.test.ts'))) continue;
    readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const { what, pattern } of BUDGETS) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
      });
  }
  assert.deepEqual(found, [], 'time it in scripts/bench/ instead');
});

test('the check sees the shapes it looks for', () => {
  const seen = (line: string) => BUDGETS.some(({ pattern }) => pattern.test(line));
  assert.ok(seen('  const started = performance.now();'));
  assert.ok(seen("assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);"));
  assert.ok(seen('assert.ok(took < 5000, `bounded: ${took} ms`);'));
  assert.ok(seen('assert.ok(perCheck < 5, `${perCheck.toFixed(2)} ms per check`);'));
  assert.ok(!seen('assert.ok(changedAt >= changing - 1000 && changedAt <= read);'));
  assert.ok(!seen("const store = DirectoryStore.open(path, { clock: () => Date.now() - clock.behind });"));
});
