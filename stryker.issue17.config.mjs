// A narrower run for issue 17's rules (see MUTATION.md): the caller check shared
// by reset and unlock, the methods offered, the users' state filters (the rule,
// the SQL conditions, the LDAP clauses), the audit's date range and the times
// written in CSV/JSON, against the tests written for them
// (`npx stryker run stryker.issue17.config.mjs` under scripts/with-keychain.sh).
import base from './stryker.config.mjs';

export default {
  ...base,
  tap: {
    ...base.tap,
    testFiles: [
      'test/unit/reset/caller-check.test.ts',
      'test/unit/reset/verification/offered-methods.test.ts',
      'test/unit/directory/ldap/state-clauses.test.ts',
      'test/unit/domain/time.test.ts',
      'test/unit/ipc/audit-csv.test.ts',
      'test/integration/directory/search-filter.test.ts',
      'test/integration/directory/replica-search.test.ts',
      'test/unit/ipc/audit-contract.test.ts',
      'test/integration/directory/audit-date-range.test.ts',
      'test/integration/reset/unlock-caller-check.test.ts',
    ],
  },
  mutate: [
    'main/domain/caller-check.ts',
    'main/domain/user-filter.ts',
    'main/reset/verification/offered-methods.ts',
    'main/directory/ldap/state-clauses.ts',
    'main/directory/sqlite/search-filtered.ts',
    'main/domain/audit-filter.ts',
    'main/domain/time.ts',
  ],
  incremental: false,
  timeoutMS: 5000,
  timeoutFactor: 1.5,
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/issue17.json' },
};
