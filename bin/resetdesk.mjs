#!/usr/bin/env node
// Entry point of the `resetdesk` command: checks the Node version, then runs the
// bundled CLI (dist/cli.mjs, built by `npm run build`). Uses nothing newer than
// Node 14 so that an old Node reaches the version message instead of a crash.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REQUIRED = [22, 12];
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);

if (major < REQUIRED[0] || (major === REQUIRED[0] && minor < REQUIRED[1])) {
  console.error(
    `resetdesk: Node.js ${REQUIRED.join('.')} or later is required (this is ${process.versions.node}).`,
  );
  process.exit(1);
}

const cli = new URL('../dist/cli.mjs', import.meta.url);

if (!existsSync(fileURLToPath(cli))) {
  console.error('resetdesk: the CLI is not built (dist/cli.mjs is missing); run `npm run build` first.');
  process.exit(1);
}

// Node >= 22.1 keeps compiled code between runs (in the OS temp folder): a CLI
// call then skips most of compiling its modules, a third of its start-up.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();

await import(cli.href);
