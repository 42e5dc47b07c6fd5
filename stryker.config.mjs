// `npm run mutate` (not in CI): mutation testing of the reset rules and the
// IPC dispatcher, the code where a silently deleted rule would hurt most.
//
// The tap runner runs each test file as its own `node --import tsx` process;
// node:test prints TAP when its output is not a terminal. It records which test
// files reach which mutant, so each mutant runs only the files that cover it.
// Only the tests that exercise these modules are listed: the rest of the suite
// (CLI child processes, e2e) cannot report coverage back and would only slow a run.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  tap: {
    testFiles: [
      'test/unit/reset/**/*.test.ts',
      'test/integration/reset/*.test.ts',
      // Caller verification and the temporary-password life (main/reset/verification/, temporary-password-life.ts).
      'test/integration/verification/*.test.ts',
      'test/integration/temporary-passwords/embedded.test.ts',
      // What the engine records of an out-of-band reset, and the live password check through IPC.
      'test/integration/notifications/out-of-band.test.ts',
      'test/integration/ipc/password-check.test.ts',
      'test/integration/ipc/dispatch.test.ts',
      'test/integration/ipc/dispatcher-errors.test.ts',
    ],
    nodeArgs: ['--test-reporter=tap', '-r', '{{hookFile}}', '--import', 'tsx', '{{testFile}}'],
  },
  // The rules, plus the two that moved to the domain layer with them (the policy check, Secret).
  mutate: ['main/reset/**/*.ts', 'main/domain/password-policy.ts', 'main/domain/secret.ts', 'main/ipc/dispatch.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // Re-runs only mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'html', 'json', 'progress'],
  // The sandbox is a copy of the project: leave out build output and caches.
  ignorePatterns: ['/.bench-cache', '/.directories', '/dist', '/out', '/release', '/docs', '/test-results', '/playwright-report', '/test/e2e'],
  tempDirName: '.stryker-tmp',
};
