/**
 * `node --import tsx scripts/bench/product-slapd-run.ts [--size 100000] [--search] [--quick] [--keep]`
 * (after `npm run build`; in your network namespace): the product slapd at a
 * size (product-bench.ts), proved through the product (sign-in, a page,
 * everyone counted as the agent), then with --search the server's own search
 * per query class. Prints a JSON summary on stdout; writes nothing else but
 * the cache (.bench-cache/). --keep leaves slapd running until Ctrl+C, with
 * its URL, CA and the agent's UPN on stderr (the password is in the cache's
 * credentials.json, owner-only).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './directories';
import { openProductSlapd, proveProfile, serverSearchAt, type ProductSlapdAt } from './product-bench';
import { progress } from './stats';

const CACHE = path.join(PROJECT_ROOT, '.bench-cache');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

let open: ProductSlapdAt | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void (open?.slapd.stop() ?? Promise.resolve()).finally(() => process.exit(130)));
}

async function main(): Promise<void> {
  const size = Number(option('--size') ?? 100_000);
  mkdirSync(CACHE, { recursive: true });
  open = await openProductSlapd(CACHE, size);
  const { slapd, data } = open;
  const summary: Record<string, unknown> = {
    size,
    users: data.entries,
    slapadd: { seconds: data.loadSeconds, cached: data.cached },
    url: slapd.url,
    proof: await proveProfile(slapd),
  };
  if (process.argv.includes('--keep')) {
    progress(`slapd on ${slapd.url}, CA ${slapd.ca}, agent ${slapd.agent.upn}: Ctrl+C stops it`);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  await slapd.stop();
  open = null;
  if (process.argv.includes('--search')) {
    const plan = process.argv.includes('--quick') ? { rounds: 3, budgetMs: 2_000 } : { rounds: 30, budgetMs: 15_000 };
    summary.search = await serverSearchAt(CACHE, size, plan);
  }
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch(async (error: unknown) => {
  await open?.slapd.stop();
  process.stderr.write(`product slapd: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
