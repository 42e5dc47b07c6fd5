import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../e2e/target/electron';

/**
 * `npm start` where Electron's binary cannot be had (issue 8, item 11): one
 * clear line pointing to `npm run preview`, not the downloader's raw error.
 * The download is pointed at a closed loopback port, so it fails at once
 * whatever network the machine has.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

test('npm start without an Electron binary says so in one line', (t) => {
  const electron = findElectronBinary(ROOT);
  if (electron.found) {
    t.skip('an Electron binary is installed here, so npm start would launch the app');
    console.log('start-script: skipped, an Electron binary is installed (npm start would launch the app)');
    return;
  }
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', RESETDESK_DEBUG: '' },
  });
  assert.equal(run.status, 1);
  const lines = run.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one line, got: ${run.stderr}`);
  assert.match(lines[0]!, /npm run preview/);
  assert.doesNotMatch(lines[0]!, /TypeError|fetch failed/);
});
