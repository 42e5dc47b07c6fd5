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
import resetdesk from './scripts/lint/layers.mjs';

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

// A provider declares what it can do (DirectoryCapabilities, and the optional
// methods of UserDirectory in main/directory/directory.ts); nothing outside it
// asks which provider it has. Outside main/directory/** and the connection
// profile's own form in the window, no `instanceof` of a provider's class (…Directory,
// …Credential) and no comparison with a directory kind ('embedded', 'ad',
// 'openldap'): a kind names a directory for display, through a label lookup.
const PROVIDER_SEAM = 'Decide from what the provider declares (UserDirectory.capabilities and its optional methods), not from its class or kind: the kind only names a directory, through a label lookup.';
const DIRECTORY_KINDS_PATTERN = '/^(embedded|ad|openldap)$/';
const providerSeamSyntax = [
  { selector: "BinaryExpression[operator='instanceof'][right.name=/(Directory|Credential)$/]", message: PROVIDER_SEAM },
  { selector: "BinaryExpression[operator='instanceof'][right.property.name=/(Directory|Credential)$/]", message: PROVIDER_SEAM },
  { selector: `BinaryExpression[operator=/^[!=]==?$/][right.value=${DIRECTORY_KINDS_PATTERN}]`, message: PROVIDER_SEAM },
  { selector: `BinaryExpression[operator=/^[!=]==?$/][left.value=${DIRECTORY_KINDS_PATTERN}]`, message: PROVIDER_SEAM },
  { selector: `SwitchCase[test.value=${DIRECTORY_KINDS_PATTERN}]`, message: PROVIDER_SEAM },
];
// The providers themselves, and the connection profile's form (first run, the
// Directories screen), which asks which kind to connect.
const PROVIDER_SEAM_EXEMPT = ['main/directory/**', 'renderer/screens/first-run/**', 'renderer/screens/directories/**'];

// The layers' arrows and the cycle check are one local plugin
// (scripts/lint/layers.mjs): every import, static or dynamic, require() or a
// type, is resolved to a real path and checked against the zone table of
// every folder (scripts/lint/zones.mjs), as Signal Desktop's and VS Code's
// layering rules do; no import cycle between files, none between folders of main/.

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

  {
    name: 'resetdesk/layers',
    plugins: { resetdesk },
    rules: {
      'resetdesk/layers': 'error',
      'resetdesk/no-cycle': 'error',
    },
  },

  {
    name: 'resetdesk/provider-seam',
    files: ['main/**', 'renderer/**', 'preload/**'],
    ignores: PROVIDER_SEAM_EXEMPT,
    rules: {
      'no-restricted-syntax': ['error', ...electronRequireSyntax, ...ipcIdentifierSyntax, ...providerSeamSyntax],
    },
  },

  {
    name: 'resetdesk/commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },

  {
    // The renderer reaches main only through window.resetdesk, and only from
    // store actions (renderer/stores/call.ts is the one caller of api()).
    // What it may import from main/ (the contract and some of the domain, no
    // Node) is its row in scripts/lint/zones.mjs.
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
      'no-restricted-syntax': ['error', ...ipcIdentifierSyntax, ...providerSeamSyntax],
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
