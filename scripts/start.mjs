// `npm start` = build, then this: runs Electron on the built app.
//
// The `electron` package (v45) resolves its binary in index.js: it reads
// node_modules/electron/path.txt and, when that or dist/<path> is missing,
// downloads it with a *synchronous*, unbounded spawnSync of install.js. To never
// hang here, we look for the binary ourselves first and, if it is missing, run
// install.js with a timeout; only once the binary exists do we require('electron')
// for its exported path (which then no longer downloads anything).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// Point to `npm run preview` (the app in Chromium) only once that script exists.
const hasPreview = Boolean(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts?.preview);
const NO_ELECTRON = hasPreview
  ? "Electron's binary could not be downloaded here; run `npm run preview` to use the app in Chromium instead."
  : "Electron's binary could not be downloaded here, so the desktop app cannot start; the `resetdesk` CLI works (npx resetdesk --help).";
const DOWNLOAD_TIMEOUT_MS = Number(process.env.RESETDESK_ELECTRON_DOWNLOAD_TIMEOUT_MS) || 5 * 60_000;

function fail(line) {
  console.error(line);
  process.exit(1);
}

/** Is the Electron binary that node_modules/electron/index.js would return present? */
function binaryPresent(electronDir) {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true; // index.js then never downloads
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  const executable = readFileSync(pathFile, 'utf8').trim();
  return executable !== '' && existsSync(path.join(electronDir, 'dist', executable));
}

/** Runs electron's own install.js (the download) with a time limit. */
function downloadBinary(electronDir) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, [path.join(electronDir, 'install.js')], {
      cwd: electronDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: DOWNLOAD_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', () => resolve({ ok: false, timedOut: false, output }));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve({ ok: true });
      if (signal) resolve({ ok: false, timedOut: true, reason: `no answer within ${Math.round(DOWNLOAD_TIMEOUT_MS / 1000)} s`, output });
      else resolve({ ok: false, timedOut: false, output });
    });
  });
}

const appMain = path.join(root, 'dist/electron/main.cjs');
if (!existsSync(appMain)) {
  fail('dist/electron/main.cjs is missing: run `npm run build` (main/electron/main.ts must exist).');
}

let electronDir;
try {
  electronDir = path.dirname(require.resolve('electron/package.json'));
} catch {
  fail('The electron package is not installed (it is a devDependency): run `npm install`.');
}

if (!binaryPresent(electronDir)) {
  const result = await downloadBinary(electronDir);
  if (!result.ok || !binaryPresent(electronDir)) {
    // One clear line; the downloader's own words (a raw "TypeError: fetch failed")
    // help nobody here. RESETDESK_DEBUG=1 shows them for a developer.
    if (process.env.RESETDESK_DEBUG && result.output) process.stderr.write(result.output);
    fail(result.timedOut ? NO_ELECTRON.replace(/;/, ` (${result.reason});`) : NO_ELECTRON);
  }
}

let electronPath;
try {
  // Under Node, the electron package's export is the binary's path (index.js), not the API.
  // eslint-disable-next-line no-restricted-syntax
  electronPath = require('electron');
} catch {
  fail(NO_ELECTRON);
}

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;

// Launch on the project folder: package.json "main" is dist/electron/main.cjs,
// and the app then gets its name (userData folder) from package.json.
const child = spawn(electronPath, [root, ...process.argv.slice(2)], { stdio: 'inherit', env });
child.on('error', (error) => fail(`Electron could not be started: ${error.message}`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  if (signal) console.error(`Electron exited with signal ${signal}.`);
  process.exit(code ?? 1);
});
