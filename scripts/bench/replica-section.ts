/**
 * `npm run bench`'s replica section (issue 18): replica-bench.ts at 100k (and
 * at 1M with --replica-1m: about 15 min more), rendered by replica-report.ts;
 * without slapd, or when a size fails, the section says so and why.
 */
import { REPLICA_PLAN, REPLICA_QUICK_PLAN, replicaAtSize, type ReplicaSizeResult } from './replica-bench';
import { renderReplicaSection } from './replica-report';
import { bounded, progress } from './stats';

const MINUTE = 60_000;
const TITLE = '## Real directories: the local copy (issue 18)';

export async function replicaSection(cacheDir: string, options: { quick: boolean; noSlapd: string | null; with1M: boolean }): Promise<string> {
  if (options.noSlapd) {
    progress(`replica: not run (${options.noSlapd})`);
    return `${TITLE}\n\nNot measured: ${options.noSlapd}.\n`;
  }
  const started = Date.now();
  const sizes = options.with1M && !options.quick ? [100_000, 1_000_000] : [100_000];
  const results: ReplicaSizeResult[] = [];
  const failures: string[] = [];
  for (const size of sizes) {
    try {
      // 1M: a 1,000,000-user read, the searches and the syncs; slapadd of the mdb too when it is not cached (about 10 min).
      const limit = (size >= 1_000_000 ? 45 : 15) * MINUTE;
      results.push(await bounded(`replica ${size}`, limit, () => replicaAtSize(cacheDir, size, options.quick ? REPLICA_QUICK_PLAN : REPLICA_PLAN)));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      progress(`replica ${size}: failed (${message})`);
      failures.push(`- ${size.toLocaleString('en-US')} users: not measured (${message.split('\n')[0]}).`);
    }
  }
  const skipped = sizes.includes(1_000_000) ? [] : ['- 1,000,000 users: not run (`npm run bench -- --replica-1m` adds it: about 15 min more).'];
  if (results.length === 0) return `${TITLE}\n\n${[...failures, ...skipped].join('\n')}\n`;
  const extra = [...failures, ...skipped];
  return renderReplicaSection(results, { seconds: (Date.now() - started) / 1000 }) + (extra.length ? `\n${extra.join('\n')}\n` : '');
}
