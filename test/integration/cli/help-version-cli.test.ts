/**
 * The built binary (bin/resetdesk.mjs → dist/cli.mjs) answers --version with
 * the version esbuild put in the bundle, and `help` as a command (issue 16,
 * item 4). `npm test` builds dist/ first.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ROOT, runBin } from '../../support/cli-process';

const PACKAGE_VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

before(() => assert.ok(existsSync(join(ROOT, 'dist', 'cli.mjs')), 'dist/cli.mjs is missing: run `npm run build` first'));

test('the bundle prints its version for --version and -V', () => {
  for (const flag of ['--version', '-V']) {
    const run = runBin([flag]);
    assert.deepEqual([run.status, run.stdout, run.stderr], [0, `resetdesk ${PACKAGE_VERSION}\n`, ''], flag);
  }
});

test('help is a command; help COMMAND its part; help nosuch exit 2', () => {
  const all = runBin(['help']);
  assert.equal(all.status, 0, all.stderr);
  assert.match(all.stdout, /^Usage: resetdesk/);
  assert.match(all.stdout, /audit list/);
  const one = runBin(['help', 'audit']);
  assert.equal(one.status, 0);
  assert.match(one.stdout, /audit list/);
  assert.doesNotMatch(one.stdout, /password reset/);
  const unknown = runBin(['help', 'nosuch']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /Unknown command\. Run resetdesk help for the list\./);
  const v = runBin(['-v']);
  assert.equal(v.status, 2);
  assert.match(v.stderr, /Unknown option -v: the version is --version or -V\./);
});
