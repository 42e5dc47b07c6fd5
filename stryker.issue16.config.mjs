// A narrower run for issue 16's rules (see MUTATION.md): who may read what and
// the IPC access table, who may change connections, when and by what an intent
// is settled, the codes' pepper, and the local file's SQLite
// errors, against the tests written for them (`npx stryker run stryker.issue16.config.mjs`
// under scripts/with-keychain.sh).
import base from './stryker.config.mjs';

export default {
  ...base,
  tap: {
    ...base.tap,
    testFiles: [
      'test/unit/reset/read-rights.test.ts',
      'test/unit/reset/verification/*.test.ts',
      'test/unit/directory/ldap/{change-markers,intent-lease}.test.ts',
      'test/unit/directory/local-file-errors.test.ts',
      'test/integration/ipc/access.test.ts',
      'test/integration/ipc/directories.test.ts',
      'test/integration/directory/profile-changes.test.ts',
      'test/integration/directory/intent-outcomes.test.ts',
      'test/integration/verification/service.test.ts',
    ],
  },
  mutate: [
    'main/reset/read-rights.ts',
    'main/ipc/access.ts',
    'main/app/profile-changes.ts',
    'main/directory/ldap/{change-markers,intent-lease}.ts',
    'main/reset/verification/pepper.ts',
    'main/secrets/tenant-key.ts',
    // The local file's permissions are proven on the built CLI (permissions.test.ts), which the sandbox has not.
    'main/directory/sqlite/local-file-errors.ts',
  ],
  incremental: false,
  timeoutMS: 5000,
  timeoutFactor: 1.5,
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/issue16.json' },
};
