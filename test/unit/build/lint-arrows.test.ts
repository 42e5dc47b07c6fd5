import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

/**
 * The layers' arrows point down, and lint (not review) keeps them so: an
 * import against the arrow fails `npm run lint` (eslint.config.js, layerRules
 * and the renderer's block). Each case lints one line as if it stood in a file
 * of that folder.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

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
];

for (const [what, file, source] of forbidden) {
  test(`lint refuses it when ${what}`, async () => {
    const messages = await restrictedImports(file, source);
    assert.equal(messages.length, 1, `${file}: ${source}`);
    assert.match(messages[0]!, /may import only from|reaches main only through/);
  });
}

const allowed: [string, string, string][] = [
  ['the directory imports the domain', 'main/directory/example.ts', "import { ROLES } from '../domain/roles';"],
  ['a rule imports the directory interface', 'main/reset/example.ts', "import type { UserDirectory } from '../directory/directory';"],
  ['the composition root builds the SQLite provider', 'main/app/services.ts', "import { DirectoryStore } from '../directory/sqlite/store';"],
  ['the LDAP provider imports the domain', 'main/directory/ldap/example.ts', "import { DomainError } from '../../domain/errors';"],
  ['the renderer imports the contract', 'renderer/screens/example.tsx', "import type { SessionState } from '../../main/ipc/contract';"],
  ['the renderer imports the domain', 'renderer/screens/example.tsx', "import { ERROR_MESSAGES } from '../../main/domain/errors';"],
];

for (const [what, file, source] of allowed) {
  test(`lint allows it when ${what}`, async () => {
    assert.deepEqual(await restrictedImports(file, source), []);
  });
}
