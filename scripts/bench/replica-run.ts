/**
 * `node --import tsx scripts/bench/replica-run.ts [--size 100000] [--quick]`
 * (in your network namespace, nothing else running in it): the replica bench
 * (replica-bench.ts) at one size alone. Prints the section's markdown on
 * stdout and the raw figures as JSON into .bench-cache/replica-<label>.json.
 * `--render 100k,1M`: the section from those saved runs, one column per size
 * (each size measured alone, one after the other: the two never share the machine).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './directories';
import { REPLICA_PLAN, REPLICA_QUICK_PLAN, replicaAtSize, type ReplicaSizeResult } from './replica-bench';
import { renderReplicaSection } from './replica-report';
import { progress } from './stats';

const CACHE = path.join(PROJECT_ROOT, '.bench-cache');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

function saved(label: string): ReplicaSizeResult & { seconds?: number } {
  const result = JSON.parse(readFileSync(path.join(CACHE, `replica-${label}.json`), 'utf8')) as ReplicaSizeResult & { seconds?: number };
  return { ...result, date: new Date(result.date) };
}

async function main(): Promise<void> {
  const render = option('--render');
  if (render) {
    const results = render.split(',').map(saved);
    process.stdout.write(`${renderReplicaSection(results, { seconds: results.reduce((sum, r) => sum + (r.seconds ?? 0), 0) })}\n`);
    return;
  }
  const size = Number(option('--size') ?? 100_000);
  mkdirSync(CACHE, { recursive: true });
  const started = Date.now();
  const result = await replicaAtSize(CACHE, size, process.argv.includes('--quick') ? REPLICA_QUICK_PLAN : REPLICA_PLAN);
  writeFileSync(path.join(CACHE, `replica-${result.label}.json`), JSON.stringify({ ...result, seconds: (Date.now() - started) / 1000 }, null, 2));
  progress(`replica ${result.label}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.stdout.write(`${renderReplicaSection([result], { seconds: (Date.now() - started) / 1000 })}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`replica bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
