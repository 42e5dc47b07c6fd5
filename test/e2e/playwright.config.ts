/**
 * One suite, two targets. `npm run test:e2e` runs the specs in test/e2e/specs on
 *   chromium  Debian's Chromium on the built renderer + the real main handlers
 *   electron  the unpackaged app via _electron.launch, when an Electron binary
 *             exists; where it does not (its download is impossible here), the
 *             project is left out and this says so in one line.
 * Run `npm run build` first (npm test does).
 */
import { defineConfig } from '@playwright/test';
import type { TargetOption } from './fixtures';
import { PROJECT_ROOT } from './launch';
import { findElectronBinary } from './target/electron';

const electron = findElectronBinary(PROJECT_ROOT);
const inRunner = process.env.TEST_WORKER_INDEX === undefined;
if (!electron.found && inRunner) {
  console.log(`e2e: the electron project is not run: ${electron.reason}. The chromium project runs the same specs.`);
}

export default defineConfig<TargetOption>({
  testDir: './specs',
  outputDir: '../../test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list']],
  // No traces or screenshots by default: they would hold temporary passwords in clear.
  use: { trace: 'off', screenshot: 'off' },
  projects: [
    { name: 'chromium', use: { target: 'chromium' } },
    ...(electron.found ? [{ name: 'electron', use: { target: 'electron' as const } }] : []),
  ],
});
