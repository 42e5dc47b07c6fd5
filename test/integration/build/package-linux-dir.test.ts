/**
 * Packs the app with the real electron-builder (Linux "dir" target, x64) and
 * checks what lands in app.asar: the bundles and package.json, the production
 * dependencies, exactly one better-sqlite3 binary (linux-x64, unpacked), and
 * none of the project's sources, tests or .git.
 *
 * Electron's binary cannot be downloaded everywhere, so a stand-in Electron
 * folder is used (electronDist) and the fuses, which patch the real binary, are
 * left out of this run; test/unit/build/electron-builder-config.test.ts checks them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);

interface AsarModule {
  listPackage(archive: string, options: { isPack: boolean }): string[];
}

test('electron-builder packs only the app files and the linux-x64 better-sqlite3 binary', (t) => {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    t.skip(`packs for linux x64 only (this is ${process.platform} ${process.arch})`);
    return;
  }
  if (!existsSync(path.join(root, 'dist/electron/main.cjs'))) {
    t.skip('dist/electron/main.cjs is missing: run `npm run build` first');
    return;
  }

  const work = mkdtempSync(path.join(tmpdir(), 'resetdesk-pack-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));

  // A stand-in for the unpacked Electron distribution electron-builder copies.
  const fakeElectron = path.join(work, 'electron-dist');
  mkdirSync(path.join(fakeElectron, 'resources'), { recursive: true });
  writeFileSync(path.join(fakeElectron, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(path.join(fakeElectron, 'electron'), 0o755);
  const electronPackage = readFileSync(require.resolve('electron/package.json'), 'utf8');
  const electronVersion = (JSON.parse(electronPackage) as { version: string }).version;
  writeFileSync(path.join(fakeElectron, 'version'), `v${electronVersion}`);

  const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  delete config.electronFuses;
  config.electronDist = fakeElectron;
  config.directories = { ...(config.directories as object), output: path.join(work, 'out') };
  const configFile = path.join(work, 'electron-builder.json');
  writeFileSync(configFile, JSON.stringify(config));

  const cli = require.resolve('electron-builder/cli.js');
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  delete env.ELECTRON_RUN_AS_NODE;
  const run = spawnSync(
    process.execPath,
    [cli, '--linux', 'dir', '--x64', '--config', configFile, '--publish', 'never'],
    { cwd: root, env, encoding: 'utf8', timeout: 180_000 },
  );
  assert.equal(run.status, 0, `electron-builder failed:\n${run.stdout}\n${run.stderr}`);

  const resources = path.join(work, 'out', 'linux-unpacked', 'resources');
  const builderRequire = createRequire(createRequire(require.resolve('electron-builder')).resolve('app-builder-lib'));
  const asar = builderRequire('@electron/asar') as AsarModule;
  const entries = asar.listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((e) => e.replaceAll('\\', '/'));

  const topLevel = new Set(entries.map((e) => e.split('/')[1]));
  assert.deepEqual([...topLevel].sort(), ['dist', 'node_modules', 'package.json']);
  // The search thread's bundle sits in app.asar beside main.cjs: Electron's worker threads read asar.
  const bundles = ['/dist/electron/main.cjs', '/dist/electron/search-worker.cjs', '/dist/electron/replica-sync-worker.cjs', '/dist/preload/index.cjs', '/dist/renderer/index.html'];
  for (const required of bundles) {
    assert.ok(entries.includes(required), `app.asar holds ${required}`);
  }
  assert.deepEqual(entries.filter((e) => e.endsWith('.map')), [], 'no source maps');

  const modules = new Set(entries.filter((e) => e.startsWith('/node_modules/')).map((e) => e.split('/')[2]));
  assert.ok(modules.has('better-sqlite3') && modules.has('zod'), 'production dependencies are packed');
  for (const dev of ['electron', 'esbuild', 'typescript', 'eslint', 'tsx']) {
    assert.ok(!modules.has(dev), `devDependency ${dev} is not packed`);
  }

  const sqliteFiles = entries.filter((e) => e.startsWith('/node_modules/better-sqlite3/'));
  assert.deepEqual(
    sqliteFiles.filter((e) => e.endsWith('.node')),
    ['/node_modules/better-sqlite3/prebuilds/linux-x64.node'],
  );
  assert.deepEqual(sqliteFiles.filter((e) => /\/better-sqlite3\/(deps|src)\/./.test(e)), [], 'no C sources');
  // Native addons live next to the archive, where they can be loaded.
  assert.ok(existsSync(path.join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/prebuilds/linux-x64.node')));
});
