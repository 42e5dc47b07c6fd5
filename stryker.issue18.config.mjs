// A narrower run for issue 18's rules (see MUTATION.md): the local copy's
// tables and writer (full builds, changes, role holders, deletions by
// comparison, the swap), the search over either set of tables, the rows'
// lock and roles, the sync's choice of full read or changes and its backoff,
// the status bar's words, and OpenLDAP's change stamps, against the tests
// written for them (`npx stryker run stryker.issue18.config.mjs` under
// scripts/with-keychain.sh). The feed's tests against the real servers are
// left out: a mutant run would hold the servers for hours.
import base from './stryker.config.mjs';

export default {
  ...base,
  tap: {
    ...base.tap,
    testFiles: [
      'test/integration/directory/replica-search.test.ts',
      'test/unit/domain/replica-status.test.ts',
      'test/unit/directory/ldap/replica-feed-parts.test.ts',
      'test/unit/cli/replica-cli.test.ts',
      'test/integration/directory/migrations.test.ts',
    ],
  },
  mutate: [
    'main/directory/sqlite/replica-store.ts',
    'main/directory/sqlite/replica-build.ts',
    'main/directory/sqlite/replica-rows.ts',
    'main/directory/sqlite/search-tables.ts',
    'main/directory/sqlite/migration-11-replicas.ts',
    'main/app/replica/replica-sync.ts',
    'main/domain/replica-status.ts',
    'main/directory/ldap/openldap-changes.ts',
  ],
  incremental: false,
  timeoutMS: 5000,
  timeoutFactor: 1.5,
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/issue18.json' },
};
