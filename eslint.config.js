// ESLint 10 flat config.
//
// Type-aware linting is off on purpose: `tsc -p tsconfig.json` and
// `tsc -p renderer/tsconfig.json` already check types (npm run typecheck), and
// the syntactic rules below are what keeps the Electron boundary honest:
//
// - 'electron' may be imported only by the thin glue in main/electron/** and by
//   preload/**; everything else must run under plain Node (CLI, tests).
// - ipcMain / ipcRenderer may appear only in main/electron/ipc.ts and
//   preload/index.ts, so every IPC channel is declared in exactly one place.
// - no console output from main/** except the CLI (main/cli/**) and the
//   Electron glue (main/electron/**).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ELECTRON_GLUE = ['main/electron/**', 'preload/**'];
const IPC_FILES = ['main/electron/ipc.ts', 'preload/index.ts'];

const ELECTRON_ONLY_IN_GLUE =
  "'electron' may only be imported in main/electron/** and preload/**: everything else must run under plain Node.";
const IPC_ONLY_IN_IPC_FILES =
  'ipcMain/ipcRenderer may only be used in main/electron/ipc.ts and preload/index.ts.';

const UNIT_TESTS_NO_KEYCHAIN = 'test/unit uses MemorySecretStore, never the OS keychain: a test that needs the real one belongs in test/integration.';

/** no-restricted-imports options: 'electron' forbidden altogether. */
const noElectronImport = {
  paths: [{ name: 'electron', message: ELECTRON_ONLY_IN_GLUE }],
  patterns: [{ group: ['electron/*'], message: ELECTRON_ONLY_IN_GLUE }],
};

/** no-restricted-imports options: 'electron' allowed, but not its IPC objects. */
const noIpcImport = {
  paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: IPC_ONLY_IN_IPC_FILES }],
};

// no-restricted-imports does not see require() or import(): cover them too.
const electronRequireSyntax = [
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\u002F|$)/]",
    message: ELECTRON_ONLY_IN_GLUE,
  },
  {
    selector: 'ImportExpression[source.value=/^electron(\\u002F|$)/]',
    message: ELECTRON_ONLY_IN_GLUE,
  },
  {
    selector: "TSImportType[argument.literal.value='electron']",
    message: ELECTRON_ONLY_IN_GLUE,
  },
];

const ipcIdentifierSyntax = [
  {
    selector: 'Identifier[name=/^(ipcMain|ipcRenderer)$/]',
    message: IPC_ONLY_IN_IPC_FILES,
  },
];

// The layers, each importing only those below it (GitHub Desktop and Bitwarden
// keep such zones in lint, not in review):
//   domain     types, Secret, role names, lockout state, errors, password policy
//   directory  providers of users (SQLite now, LDAP later): no rules
//   delivery   mail (SMTP) and SMS transports, the sample's loopback outbox: no rules
//   reset      Entra's rules, the engine, sign-in, hashing, caller verification
//   ipc        the contract, dispatcher and handlers
//   cli, app, electron, services: the front ends on top
const LAYER_MESSAGE = (folder, below) => `${folder} may import only from ${below}: the arrows point down.`;
const MAIN_FRONT_ENDS = ['**/cli/*', '**/app/*', '**/electron/*'];
// What only the composition roots (main/app, main/cli) may open:
// above the directory layer, users are reached through UserDirectory alone.
const SQLITE_INSIDES = ['**/sqlite/*', 'better-sqlite3'];
const layerRules = (folder, forbidden, below) => ({
  name: `resetdesk/layer-${folder}`,
  files: [`main/${folder}/**`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        ...noElectronImport,
        patterns: [...noElectronImport.patterns, { group: forbidden, message: LAYER_MESSAGE(`main/${folder}`, below) }],
      },
    ],
  },
});

export default defineConfig(
  globalIgnores(['.bench-cache/', 'dist/', 'out/', 'release/', 'node_modules/', 'docs/', 'coverage/', 'reports/', '.stryker-tmp/']),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'resetdesk/base',
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'no-restricted-imports': ['error', noElectronImport],
      'no-restricted-syntax': ['error', ...electronRequireSyntax, ...ipcIdentifierSyntax],
    },
  },

  layerRules('domain', ['**/directory/*', '**/reset/*', '**/ipc/*', ...MAIN_FRONT_ENDS, 'better-sqlite3'], 'itself'),
  layerRules('directory', ['**/reset/*', '**/ipc/*', ...MAIN_FRONT_ENDS], 'main/domain'),
  layerRules('reset', ['**/ipc/*', ...MAIN_FRONT_ENDS, ...SQLITE_INSIDES], "main/domain and main/directory's interfaces"),
  layerRules('ipc', ['**/cli/*', '**/electron/*', ...SQLITE_INSIDES], "main/domain, main/directory's interfaces, main/reset and main/app"),
  // Mail and SMS transports: below the rules, beside the directories.
  layerRules('delivery', ['**/directory/*', '**/reset/*', '**/ipc/*', ...MAIN_FRONT_ENDS, ...SQLITE_INSIDES], 'main/domain'),
  // The LDAP providers stand beside the embedded one, never on it.
  layerRules('directory/ldap', ['**/reset/*', '**/ipc/*', ...MAIN_FRONT_ENDS, ...SQLITE_INSIDES], 'main/domain and main/directory'),

  {
    name: 'resetdesk/commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },

  {
    // The renderer reaches main only through window.resetdesk, and only from
    // store actions (renderer/stores/call.ts is the one caller of api()).
    // From main/ it may import the contract, the method list and the domain
    // layer (types, error messages, the password policy), never Node-only code.
    name: 'resetdesk/renderer',
    files: ['renderer/**'],
    ignores: ['renderer/stores/call.ts', 'renderer/api.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noElectronImport,
          patterns: [
            ...noElectronImport.patterns,
            { group: ['**/api', '!**/main/ipc/api'], message: 'IPC calls belong in store actions: use renderer/stores/call.ts.' },
            {
              regex: '(^|/)main/(?!domain/|ipc/contract$|ipc/methods$|ipc/api$)',
              message: 'The renderer reaches main only through the contract and the domain layer (main/domain).',
            },
            { group: ['node:*'], message: 'The renderer is browser code.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'resetdesk', message: 'Use the store actions (renderer/stores/call.ts).' }],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'resetdesk', message: 'Use the store actions (renderer/stores/call.ts).' },
        { object: 'globalThis', property: 'resetdesk', message: 'Use the store actions (renderer/stores/call.ts).' },
      ],
    },
  },

  {
    name: 'resetdesk/preload',
    files: ['preload/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },

  {
    // The Electron glue may import 'electron', but not its IPC objects.
    name: 'resetdesk/electron-glue',
    files: ELECTRON_GLUE,
    rules: {
      'no-restricted-imports': ['error', noIpcImport],
      'no-restricted-syntax': ['error', ...ipcIdentifierSyntax],
    },
  },

  {
    // The only two files that talk IPC.
    name: 'resetdesk/ipc',
    files: IPC_FILES,
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-syntax': 'off',
    },
  },

  {
    // Unit tests use MemorySecretStore; the OS keychain is for integration and e2e (test/support/keychain.ts).
    name: 'resetdesk/unit-tests-no-keychain',
    files: ['test/unit/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noElectronImport.paths, { name: 'keytar', message: UNIT_TESTS_NO_KEYCHAIN }],
          patterns: [...noElectronImport.patterns, { group: ['**/support/keychain'], message: UNIT_TESTS_NO_KEYCHAIN }],
        },
      ],
    },
  },

  {
    name: 'resetdesk/no-console-in-main',
    files: ['main/**'],
    ignores: ['main/cli/**', 'main/electron/**', 'main/preview/**'],
    rules: {
      'no-console': 'error',
    },
  },
);
