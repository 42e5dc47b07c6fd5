// Bundles the app with esbuild. No type checking here: `npm run typecheck` (tsc)
// does that. Runs on every `npm install` (the "prepare" script), so an entry
// whose source does not exist yet is skipped with a notice instead of failing.
//
//   main/cli/main.ts       -> dist/cli.mjs                Node 22, ESM
//   main/electron/main.ts  -> dist/electron/main.cjs      Electron main, CJS
//   main/directory/sqlite/search-worker.ts -> dist/electron/search-worker.cjs
//                          the search thread main starts (search-worker-client.ts
//                          finds it beside main.cjs); CJS, loaded from app.asar
//   main/app/replica/sync-worker.ts -> dist/electron/replica-sync-worker.cjs
//                          the replica's sync thread, beside it the same way
//   preload/index.ts       -> dist/preload/index.cjs      sandboxed preload, CJS
//   renderer/main.tsx      -> dist/renderer/main.js       browser, IIFE (+ index.html, app.css)
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fromRoot = (p) => path.join(root, p);

/** ESM output has no `require`; some CommonJS dependencies still call it. */
const ESM_REQUIRE_BANNER = [
  "import { createRequire as __resetdeskCreateRequire } from 'node:module';",
  'const require = __resetdeskCreateRequire(import.meta.url);',
].join('\n');

/**
 * CJS output has no `import.meta`: give `import.meta.url` its CJS equivalent.
 * The banner goes before esbuild's own "use strict", so it repeats it.
 */
const CJS_IMPORT_META_BANNER = [
  "'use strict';",
  "const __resetdeskImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
].join('\n');

const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
};

/**
 * A worker thread main starts (search, replica sync): CJS beside main.cjs, its
 * packages left to node_modules, import.meta.url as the bundle's own URL.
 * @param {string} outfile
 * @returns {import('esbuild').BuildOptions}
 */
function workerThread(outfile) {
  return {
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    packages: 'external',
    banner: { js: CJS_IMPORT_META_BANNER },
    define: { 'import.meta.url': '__resetdeskImportMetaUrl' },
  };
}

/** @type {{ name: string, entry: string, options: import('esbuild').BuildOptions, after?: () => Promise<void> }[]} */
const targets = [
  {
    name: 'cli',
    entry: 'main/cli/main.ts',
    options: {
      // Split, so what a command does not use is not loaded: ldapts (~100 ms of
      // start-up) only for a real directory. dist/cli.mjs + dist/cli-chunks/.
      outdir: 'dist',
      entryNames: 'cli',
      chunkNames: 'cli-chunks/[name]-[hash]',
      outExtension: { '.js': '.mjs' },
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      banner: { js: ESM_REQUIRE_BANNER },
    },
  },
  {
    name: 'electron main',
    entry: 'main/electron/main.ts',
    options: {
      outfile: 'dist/electron/main.cjs',
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      packages: 'external',
      external: ['electron'],
      banner: { js: CJS_IMPORT_META_BANNER },
      define: { 'import.meta.url': '__resetdeskImportMetaUrl' },
    },
  },
  {
    // Beside main.cjs, where search-worker-client.ts looks for it. In a packaged
    // app it stays inside app.asar with main.cjs: Electron sets up asar support
    // in worker threads (electron/electron#33216, Electron 17 and later), so the
    // thread loads it, and requires better-sqlite3, exactly as main does.
    name: 'search worker',
    entry: 'main/directory/sqlite/search-worker.ts',
    options: workerThread('dist/electron/search-worker.cjs'),
  },
  {
    // The replica's sync thread (main/app/replica/sync-worker-client.ts starts it), beside main.cjs as the search thread.
    name: 'replica sync worker',
    entry: 'main/app/replica/sync-worker.ts',
    options: workerThread('dist/electron/replica-sync-worker.cjs'),
  },
  {
    // A sandboxed preload may only require('electron') (and a few polyfilled
    // modules): bundle everything else into the one file.
    name: 'preload',
    entry: 'preload/index.ts',
    options: {
      outfile: 'dist/preload/index.cjs',
      platform: 'browser',
      format: 'cjs',
      target: 'es2023',
      external: ['electron'],
    },
  },
  {
    name: 'renderer',
    entry: 'renderer/main.tsx',
    options: {
      outfile: 'dist/renderer/main.js',
      platform: 'browser',
      format: 'iife',
      target: 'es2023',
      jsx: 'automatic',
      minify: true,
      define: { 'process.env.NODE_ENV': '"production"' },
    },
    after: copyRendererStatic,
  },
];

/** Copies renderer/*.{html,css,svg,png,ico} next to the bundle in dist/renderer/. */
async function copyRendererStatic() {
  const dir = fromRoot('renderer');
  const out = fromRoot('dist/renderer');
  await mkdir(out, { recursive: true });
  const entries = await readdir(dir, { withFileTypes: true });
  await Promise.all(
    entries
      .filter((e) => e.isFile() && /\.(html|css|svg|png|ico)$/i.test(e.name))
      .map((e) => copyFile(path.join(dir, e.name), path.join(out, e.name))),
  );
}

async function buildTarget({ name, entry, options, after }) {
  if (!existsSync(fromRoot(entry))) {
    console.log(`build: skipped ${name} (${entry} does not exist yet)`);
    return true;
  }
  try {
    // A split build's chunks are named by hash: drop the last build's, or they pile up.
    if (options.chunkNames) await rm(fromRoot(path.join(options.outdir, path.dirname(options.chunkNames))), { recursive: true, force: true });
    await esbuild.build({ ...common, ...options, entryPoints: [entry] });
    if (after) await after();
    console.log(`build: ${entry} -> ${options.outfile ?? path.join(options.outdir, `${options.entryNames}.mjs`)}`);
    return true;
  } catch (error) {
    // esbuild has already printed the diagnostics (logLevel 'warning').
    if (!(error && typeof error === 'object' && 'errors' in error)) console.error(error);
    console.error(`build: ${name} failed`);
    return false;
  }
}

const started = performance.now();
const results = await Promise.all(targets.map(buildTarget));
if (results.includes(false)) {
  process.exitCode = 1;
} else {
  console.log(`build: done in ${Math.round(performance.now() - started)} ms`);
}
