// A one-off, narrower run for issue 11's rules (see MUTATION.md): the pure
// modules of caller verification, the temporary-password life and the
// password check, against their unit tests and the fast integration tests.
import base from './stryker.config.mjs';

export default {
  ...base,
  tap: {
    ...base.tap,
    testFiles: [
      'test/unit/reset/**/*.test.ts',
      'test/integration/reset/password-rules.test.ts',
      'test/integration/reset/reset-audit.test.ts',
      'test/integration/temporary-passwords/embedded.test.ts',
      'test/integration/verification/service.test.ts',
    ],
  },
  mutate: [
    'main/reset/verification/{codes,requirement,caller-check,sealing,totp,registration}.ts',
    'main/reset/temporary-password-life.ts',
    'main/reset/password-check.ts',
    'main/reset/banned-list.ts',
    'main/reset/checked-authenticator.ts',
  ],
  incremental: false,
  timeoutMS: 3000,
  timeoutFactor: 1.25,
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/issue11.json' },
};
