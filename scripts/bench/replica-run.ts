/**
 * `node --import tsx scripts/bench/replica-run.ts [--size 100000] [--quick]`
 * (in your network namespace, nothing else running in it): the replica bench
 * (replica-bench.ts) at one size alone. Prints the section's markdown on
 * stdout and the raw figures as JSON into .bench-cache/replica-<label>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './directories';
import { REPLICA_PLAN, REPLICA_QUICK_PLAN, replicaAtSize } from './replica-bench';
import { renderReplicaSection } from './replica-report';
import { progress } from './stats';

const CACHE = path.join(PROJECT_ROOT, '.bench-cache');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const size = Number(option('--size') ?? 100_000);
  mkdirSync(CACHE, { recursive: true });
  const started = Date.now();
  const result = await replicaAtSize(CACHE, size, process.argv.includes('--quick') ? REPLICA_QUICK_PLAN : REPLICA_PLAN);
  writeFileSync(path.join(CACHE, `replica-${result.label}.json`), JSON.stringify(result, null, 2));
  progress(`replica ${result.label}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.stdout.write(`${renderReplicaSection([result], { seconds: (Date.now() - started) / 1000 })}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`replica bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
