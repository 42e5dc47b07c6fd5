/** Measurements that need a process of their own: the CLI's wall time and the main-process RSS. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { CLI, PROJECT_ROOT, runCommand } from './directories';
import { summarize, type Summary } from './stats';

/** `resetdesk users search` through bin/resetdesk.mjs (not npx), process start included. */
export async function cliWallTime(dbPath: string, queries: string[], runs: number): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const query = queries[i % queries.length]!;
    const t0 = performance.now();
    const out = await runCommand(process.execPath, [CLI, 'users', 'search', query, '--limit', '20', '--db', dbPath], 60_000);
    samples.push(performance.now() - t0);
    if (out.code !== 0) throw new Error(`resetdesk users search failed: ${out.stderr.trim().split('\n').pop()}`);
  }
  return summarize(samples);
}

export interface RssResult {
  searchMode: string;
  openRssMb: number;
  rssMb: number;
  heapUsedMb: number;
  searches: number;
}

/** RSS of a fresh process with the directory open after `count` searches. */
export async function mainProcessRss(cacheDir: string, dbPath: string, queries: string[], count: number): Promise<RssResult> {
  const outfile = path.join(cacheDir, 'rss-probe.mjs'); // inside the repo, so better-sqlite3 resolves from node_modules
  // The search thread's code, beside the probe where search-worker-client.ts looks for a bundle.
  const worker = path.join(PROJECT_ROOT, 'main', 'directory', 'sqlite', 'search-worker.ts');
  if (existsSync(worker)) {
    await build({ entryPoints: [worker], bundle: true, platform: 'node', format: 'cjs', target: 'node22', packages: 'external', outfile: path.join(cacheDir, 'search-worker.cjs'), logLevel: 'silent' });
  }
  await build({
    entryPoints: [path.join(PROJECT_ROOT, 'scripts', 'bench', 'rss-probe.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['better-sqlite3'],
    outfile,
    logLevel: 'silent',
  });
  const out = await runCommand(process.execPath, [outfile, dbPath, JSON.stringify(queries), String(count)], 10 * 60_000);
  if (out.code !== 0) throw new Error(`RSS probe failed: ${out.stderr.trim().split('\n').pop()}`);
  const r = JSON.parse(out.stdout) as { searchMode: string; openRss: number; rss: number; heapUsed: number; searches: number };
  const mb = (b: number) => b / (1024 * 1024);
  return { searchMode: r.searchMode, openRssMb: mb(r.openRss), rssMb: mb(r.rss), heapUsedMb: mb(r.heapUsed), searches: r.searches };
}
