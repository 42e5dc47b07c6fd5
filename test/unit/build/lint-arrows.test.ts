import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

/**
 * The layers' arrows point down, and lint (not review) keeps them so: an
 * import against the arrow fails `npm run lint` (the resetdesk/layers rule,
 * scripts/lint/layers.mjs, over the zone table in scripts/lint/zones.mjs).
 * Each case lints one line as if it stood in a file of that folder; the rule
 * judges the path the specifier resolves to, whatever form the import takes.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CONFIG = join(ROOT, 'eslint.config.js');
const eslint = new ESLint({ cwd: ROOT });

async function messagesOf(linter: ESLint, file: string, source: string, rule: string): Promise<string[]> {
  const [result] = await linter.lintText(`${source}\nexport {};\n`, { filePath: file });
  const fatal = (result?.messages ?? []).filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `${file} does not parse`);
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

const layerMessages = (file: string, source: string) => messagesOf(eslint, join(ROOT, file), source, 'resetdesk/layers');

const forbidden: [string, string, string][] = [
  ['the directory imports a rule', 'main/directory/example.ts', "import { ResetEngine } from '../reset/engine';"],
  ['the directory imports the IPC handlers', 'main/directory/example.ts', "import { createHandlers } from '../ipc/handlers';"],
  ['the domain imports the SQLite store', 'main/domain/example.ts', "import { DirectoryStore } from '../directory/store';"],
  ['the domain imports SQLite itself', 'main/domain/example.ts', "import BetterSqlite3 from 'better-sqlite3';"],
  ['a rule imports the IPC layer', 'main/reset/example.ts', "import { AgentSession } from '../ipc/session';"],
  ['a rule imports a front end', 'main/reset/example.ts', "import { createServices } from '../app/services';"],
  ['the IPC layer imports the CLI', 'main/ipc/example.ts', "import { runCli } from '../cli/run';"],
  ['the renderer imports a rule at run time', 'renderer/screens/example.tsx', "import { ResetEngine } from '../../main/reset/engine';"],
  ['the renderer imports the SQLite store', 'renderer/screens/example.tsx', "import { DirectoryStore } from '../../main/directory/sqlite/store';"],
  ['a rule reaches into the SQLite provider', 'main/reset/example.ts', "import { DirectoryStore } from '../directory/sqlite/store';"],
  ['a rule opens SQLite itself', 'main/reset/example.ts', "import BetterSqlite3 from 'better-sqlite3';"],
  ['an IPC handler reads the SQLite audit repo', 'main/ipc/example.ts', "import { AuditRepo } from '../directory/sqlite/audit-repo';"],
  ['the LDAP provider builds on the SQLite one', 'main/directory/ldap/example.ts', "import { DirectoryStore } from '../sqlite/store';"],
  ['the LDAP provider imports a rule', 'main/directory/ldap/example.ts', "import { ResetEngine } from '../../reset/engine';"],
  // Folders the old pattern rules did not cover (issue 19).
  ['the app layer imports the IPC layer', 'main/app/example.ts', "import { createIpcApp } from '../ipc/app';"],
  ['the replica sync imports the IPC layer', 'main/app/replica/example.ts', "import { createIpcApp } from '../../ipc/app';"],
  ['the CLI imports the Electron glue', 'main/cli/example.ts', "import { createWindow } from '../electron/window';"],
  ['the Electron glue imports the CLI', 'main/electron/example.ts', "import { runCli } from '../cli/run';"],
  ['the keychain imports the directory', 'main/secrets/example.ts', "import { DirectoryStore } from '../directory/sqlite/store';"],
  ['the keychain imports delivery', 'main/secrets/example.ts', "import { openDelivery } from '../delivery/open-delivery';"],
  ['the directory imports delivery', 'main/directory/example.ts', "import { openDelivery } from '../delivery/open-delivery';"],
  ['the outbox imports the delivery layer above it', 'main/delivery/outbox/example.ts', "import { openDelivery } from '../open-delivery';"],
  ['preload imports a rule', 'preload/example.ts', "import { ResetEngine } from '../main/reset/engine';"],
  ['preload imports the app layer', 'preload/example.ts', "import { createServices } from '../main/app/services';"],
  ['the desktop composition imports the Electron glue', 'main/desktop/example.ts', "import { createWindow } from '../electron/window';"],
  ['the IPC layer opens the team database', 'main/ipc/example.ts', "import { openPool } from '../postgres/connection';"],
  ['main imports a test helper', 'main/app/example.ts', "import { withKeychain } from '../../test/support/keychain';"],
  ['the renderer imports a domain module it does not use', 'renderer/screens/example.tsx', "import { Secret } from '../../main/domain/secret';"],
  // Every form of import, judged by where it lands.
  ['the domain imports a rule with import()', 'main/domain/example.ts', "export const load = () => import('../reset/engine');"],
  ['the domain requires a rule', 'main/domain/example.ts', "const engine = require('../reset/engine');\nvoid engine;"],
  ['the domain names a rule in an import() type', 'main/domain/example.ts', "export type Engine = import('../reset/engine').ResetEngine;"],
  ['the directory imports a rule as a type', 'main/directory/example.ts', "import type { ResetEngine } from '../reset/engine';\nexport type E = ResetEngine;"],
  ['the directory re-exports a rule', 'main/directory/example.ts', "export { ResetEngine } from '../reset/engine';"],
  ['the directory re-exports all of a rule', 'main/directory/example.ts', "export * from '../reset/engine';"],
  ['the directory uses import = require()', 'main/directory/example.ts', "import engine = require('../reset/engine');\nvoid engine;"],
  ['a path climbs out through the domain and back into the rules', 'main/directory/example.ts', "import { ResetEngine } from '../../main/domain/../reset/engine';"],
  ['the renderer climbs through the contract into the rules', 'renderer/screens/example.tsx', "import { ResetEngine } from '../../main/ipc/../reset/engine';"],
  // Node built-ins where there is no Node.
  ['the domain uses node:crypto', 'main/domain/example.ts', "import { createHash } from 'node:crypto';"],
  ['the domain uses fs without the node: prefix', 'main/domain/example.ts', "import { readFileSync } from 'fs';"],
  ['the renderer uses node:fs', 'renderer/screens/example.tsx', "import { readFileSync } from 'node:fs';"],
  ['the sandboxed preload uses node:path', 'preload/example.ts', "import { join } from 'node:path';"],
  ['a rule opens a file', 'main/reset/example.ts', "import { readFileSync } from 'node:fs';"],
  // Packages where they do not belong.
  ['a rule speaks LDAP itself', 'main/reset/example.ts', "import { Client } from 'ldapts';"],
  ['the app layer imports Electron', 'main/app/example.ts', "import { app } from 'electron';"],
  // Tests and scripts run under plain Node.
  ['a unit test imports a module that loads Electron', 'test/unit/example.test.ts', "import { createWindow } from '../../main/electron/window';"],
  ['a script imports the preload', 'scripts/example.ts', "import '../preload/index';"],
];

for (const [what, file, source] of forbidden) {
  test(`lint refuses it when ${what}`, async () => {
    const messages = await layerMessages(file, source);
    assert.equal(messages.length, 1, `${file}: ${source} → ${JSON.stringify(messages)}`);
    assert.match(messages[0]!, /may not import|may not use|loads Electron/);
  });
}

const allowed: [string, string, string][] = [
  ['the directory imports the domain', 'main/directory/example.ts', "import { ROLES } from '../domain/roles';"],
  ['a rule imports the directory interface', 'main/reset/example.ts', "import type { UserDirectory } from '../directory/directory';"],
  ['the composition root builds the SQLite provider', 'main/app/services.ts', "import { DirectoryStore } from '../directory/sqlite/store';"],
  ['the LDAP provider imports the domain', 'main/directory/ldap/example.ts', "import { DomainError } from '../../domain/errors';"],
  ['the renderer imports the contract', 'renderer/screens/example.tsx', "import type { SessionState } from '../../main/ipc/contract';"],
  ['the renderer imports the domain', 'renderer/screens/example.tsx', "import { ERROR_MESSAGES } from '../../main/domain/errors';"],
  ['a path climbs through a rule back into the domain', 'main/directory/example.ts', "import { ROLES } from '../reset/../domain/roles';"],
  ['the IPC layer imports the app layer', 'main/ipc/example.ts', "import { createServices } from '../app/services';"],
  ['the Electron glue imports the IPC layer', 'main/electron/example.ts', "import { createIpcApp } from '../ipc/app';"],
  ['delivery reads its credentials from the keychain', 'main/delivery/example.ts', "import { openSecretStore } from '../secrets/secret-store';"],
  ['preload builds the typed API', 'preload/example.ts', "import { createApi } from '../main/ipc/api';"],
  ['the CLI reads its version', 'main/cli/example.ts', "import pkg from '../../package.json';\nvoid pkg;"],
  ['the domain uses zod', 'main/domain/example.ts', "import { z } from 'zod';"],
  ['a rule hashes', 'main/reset/example.ts', "import { scrypt } from 'node:crypto';"],
  ['a unit test imports a plain helper of the Electron folder', 'test/unit/example.test.ts', "import { createShutdownGate } from '../../main/electron/shutdown-gate';"],
  ['a unit test imports a module that names an Electron type only', 'test/unit/example.test.ts', "import { menuTemplate } from '../../main/electron/menu-template';"],
  ['a test imports the IPC layer', 'test/integration/example.test.ts', "import { createIpcApp } from '../../main/ipc/app';"],
];

for (const [what, file, source] of allowed) {
  test(`lint allows it when ${what}`, async () => {
    assert.deepEqual(await layerMessages(file, source), []);
  });
}

test('lint refuses a file in a folder the zone table does not name', async () => {
  const messages = await layerMessages('main/unplanned/example.ts', "import { z } from 'zod';");
  assert.equal(messages.length, 1);
  assert.match(messages[0]!, /main\/unplanned has no row in the layer table/);
});

test('every folder of main/, preload/ and renderer/ has a row in the zone table', async () => {
  const folders: string[] = [];
  const walk = (dir: string) => {
    folders.push(relative(ROOT, dir).split('\\').join('/'));
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) walk(join(dir, entry.name));
  };
  for (const top of ['main', 'preload', 'renderer']) walk(join(ROOT, top));
  assert.ok(folders.length > 20, folders.join(' '));
  const missing: string[] = [];
  for (const folder of folders.filter((f) => f !== 'main')) {
    const messages = await layerMessages(`${folder}/example.ts`, '');
    if (messages.some((m) => m.includes('has no row'))) missing.push(folder);
  }
  assert.deepEqual(missing, []);
});

/**
 * No import cycle between files, none between the folders of main/
 * (resetdesk/no-cycle). A scratch tree in a temporary folder, linted with the
 * project's config: the rule reads the rest of the graph from disk.
 */
const scratch = mkdtempSync(join(tmpdir(), 'resetdesk-cycles-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const scratchLint = new ESLint({ cwd: scratch, overrideConfigFile: CONFIG });

function writeScratch(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), `${text}\nexport const value = 1;\n`);
  }
}
async function cycleMessagesOnDisk(file: string): Promise<string[]> {
  const [result] = await scratchLint.lintFiles([join(scratch, file)]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'resetdesk/no-cycle').map((m) => m.message);
}

test('lint refuses two files that import each other', async () => {
  writeScratch({
    'main/app/a.ts': "import { value as b } from './b';\nvoid b;",
    'main/app/b.ts': "import { value as a } from './a';\nvoid a;",
  });
  const messages = await cycleMessagesOnDisk('main/app/a.ts');
  assert.deepEqual(messages.length, 1, JSON.stringify(messages));
  assert.match(messages[0]!, /Import cycle: main\/app\/a\.ts → main\/app\/b\.ts → main\/app\/a\.ts/);
});

test('lint refuses a cycle through three files, closed by a dynamic import() in the text being linted', async () => {
  writeScratch({
    'main/reset/one.ts': "import { value as two } from './two';\nvoid two;",
    'main/reset/two.ts': "import type { X } from './three';\nexport type Y = X;",
  });
  const [result] = await scratchLint.lintText("export const load = () => import('./one');\nexport type X = 1;\n", {
    filePath: join(scratch, 'main/reset/three.ts'),
  });
  const messages = (result?.messages ?? []).filter((m) => m.ruleId === 'resetdesk/no-cycle').map((m) => m.message);
  assert.equal(messages.length, 1, JSON.stringify(messages));
  assert.match(messages[0]!, /main\/reset\/three\.ts → main\/reset\/one\.ts → main\/reset\/two\.ts → main\/reset\/three\.ts/);
});

test('lint refuses two folders of main/ that import each other, though no file cycle does', async () => {
  writeScratch({
    'main/ipc/handler.ts': "import { value as host } from '../app/host';\nvoid host;",
    'main/ipc/defaults.ts': '',
    'main/app/host.ts': '',
    'main/app/config.ts': "import { value as defaults } from '../ipc/defaults';\nvoid defaults;",
  });
  const messages = await cycleMessagesOnDisk('main/app/config.ts');
  assert.equal(messages.length, 1, JSON.stringify(messages));
  assert.match(messages[0]!, /Folder cycle: main\/app\/config\.ts → main\/ipc; main\/ipc\/handler\.ts → main\/app/);
});

test('lint allows imports that point one way, between files and between folders', async () => {
  writeScratch({
    'main/domain/types.ts': '',
    'main/directory/directory.ts': "import { value as types } from '../domain/types';\nvoid types;",
    'main/directory/sqlite/store.ts': "import { value as directory } from '../directory';\nimport { value as types } from '../../domain/types';\nvoid directory, types;",
  });
  assert.deepEqual(await cycleMessagesOnDisk('main/directory/sqlite/store.ts'), []);
  assert.deepEqual(await cycleMessagesOnDisk('main/directory/directory.ts'), []);
});

/**
 * The provider seam (eslint.config.js, providerSeamSyntax): outside the
 * providers (main/directory/**) and the connection profile's form, code asks
 * what a directory can do, never which provider it is.
 */
async function seamMessages(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax' && /what the provider declares/.test(m.message)).map((m) => m.message);
}

const seamBreaches: [string, string, string][] = [
  ['the app unwraps a provider by its class', 'main/app/example.ts', 'export const ldap = (d: unknown) => d instanceof LdapUserDirectory;'],
  ['the CLI asks for the embedded file by its class', 'main/cli/example.ts', 'export const embedded = (d: unknown) => d instanceof SqliteUserDirectory;'],
  ['a handler checks a credential by its class, through a namespace', 'main/ipc/example.ts', 'export const agent = (c: unknown) => c instanceof ldap.LdapAgentCredential;'],
  ['the Electron glue unwraps the replica', 'main/electron/example.ts', 'export const inner = (d: unknown) => d instanceof ReplicatedDirectory;'],
  ['the CLI decides by the directory kind', 'main/cli/example.ts', "export const f = (s: { directory: { kind: string } }) => s.directory.kind === 'embedded';"],
  ['a rule decides by a kind written first', 'main/reset/example.ts', "export const f = (kind: string) => 'ad' !== kind;"],
  ['a rule switches on the kind', 'main/reset/example.ts', "export function f(kind: string) { switch (kind) { case 'openldap': return 1; default: return 0; } }"],
  ['a screen decides by the kind', 'renderer/screens/example.tsx', "export const f = (state: { directoryKind: string | null }) => state.directoryKind !== 'embedded';"],
];

for (const [what, file, source] of seamBreaches) {
  test(`lint refuses it when ${what}`, async () => {
    assert.equal((await seamMessages(file, source)).length, 1, `${file}: ${source}`);
  });
}

const seamKept: [string, string, string][] = [
  ['a provider tells AD from OpenLDAP', 'main/directory/ldap/example.ts', "export const f = (kind: string) => kind === 'ad';"],
  ['the profile form asks which kind to connect', 'renderer/screens/directories/example.tsx', "export const f = (values: { type: string }) => values.type === 'openldap';"],
  ['the first run asks which kind to create', 'renderer/screens/first-run/example.tsx', "export const f = (kind: string) => kind === 'ad' || kind === 'sample';"],
  ['the first-run plan is told apart by its own kinds', 'main/app/example.ts', "export const f = (plan: { kind: string }) => plan.kind === 'sample';"],
  ['an error is told apart by its class', 'main/app/example.ts', 'export const f = (e: unknown) => e instanceof SecretStoreUnavailableError;'],
  ['the CLI decides from a capability', 'main/cli/example.ts', 'export const f = (d: { capabilities: { readableByFileOwner: boolean } }) => d.capabilities.readableByFileOwner;'],
  ['a kind named through a label lookup', 'renderer/screens/example.tsx', "export const f = (kind: 'ad' | 'openldap') => ({ ad: 'Active Directory', openldap: 'OpenLDAP' })[kind];"],
];

for (const [what, file, source] of seamKept) {
  test(`lint allows it when ${what}`, async () => {
    assert.deepEqual(await seamMessages(file, source), []);
  });
}
