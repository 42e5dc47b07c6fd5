/**
 * `node --import tsx scripts/bench/samba-seed-run.ts [--trial 3000] [--parallel 4] [--batch 500] [--all]`
 * (in your network namespace, the test directories up): times the two ways of
 * seeding bench users into the test Samba (samba-seed.ts) on `--trial` users
 * each (--trial 0: none), extrapolates both to the 100k file's users, and with
 * --all seeds the rest offline (the faster way), unless this run's trial says
 * that would take over SAMBA_SEED_LIMIT_MIN. Prints a JSON
 * summary on stdout. The users stay in Samba's state (.directories/), so the
 * next run only counts them (and continues). The estimate is linear: the real
 * cost grows with the domain (samba-seed.ts says how much).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureDirectory, PROJECT_ROOT } from './directories';
import { reachServers } from './ldap-servers';
import { sambaUsers, seededRowids, seedOffline, seedOverLdap, usersUnder, type SeedTiming } from './samba-seed';
import { progress } from './stats';

/** "Reasonable time here": the bound for a one-off seeding. */
export const SAMBA_SEED_LIMIT_MIN = 20;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

async function main(): Promise<void> {
  const trial = option('--trial', 3000);
  const parallel = option('--parallel', 4);
  const batch = option('--batch', 500);
  const cache = path.join(PROJECT_ROOT, '.bench-cache');
  mkdirSync(cache, { recursive: true });
  const reached = await reachServers();
  if ('reason' in reached) throw new Error(reached.reason);
  const { servers } = reached;
  const built = await ensureDirectory(cache, 100_000, 10 * 60_000);
  if (!built.built) throw new Error(built.reason);
  const users = sambaUsers(servers, built.db);
  const total = users.rows.length;
  const before = await usersUnder(servers, users.ou, true);
  progress(`samba: ${before} of ${total} bench users under ${users.ou}`);
  const timings: SeedTiming[] = [];
  // Each way on rows not yet there, so a second run measures again on the next rows.
  if (trial > 0 && before + 2 * trial <= total) {
    let done = await seededRowids(servers, users.ou);
    const firstFree = users.rows.findIndex((r) => !done.has(r.rowid));
    timings.push(await seedOverLdap(servers, users, firstFree, firstFree + trial, parallel));
    done = await seededRowids(servers, users.ou);
    timings.push(seedOffline(users, firstFree + trial, firstFree + 2 * trial, batch, done));
  }
  const estimates = timings.map((t) => ({ how: t.how, rate: t.rate, minutesFor100k: total / t.rate / 60 }));
  for (const e of estimates) progress(`samba: ${e.how}: ${e.rate.toFixed(0)} users/s, 100k in about ${e.minutesFor100k.toFixed(1)} min`);
  let rest: SeedTiming | null = null;
  if (process.argv.includes('--all')) {
    // Offline: 2-2.5x the LDAPS rate here (measured with --trial); a trial of this run checks the time first.
    const left = total - (await usersUnder(servers, users.ou));
    const offline = timings.find((t) => t.how.startsWith('offline'));
    if (left > 0 && offline && left / offline.rate / 60 > SAMBA_SEED_LIMIT_MIN) {
      progress(`samba: ${left} left would take about ${(left / offline.rate / 60).toFixed(0)} min: not seeded`);
    } else if (left > 0) {
      rest = seedOffline(users, 0, total, batch, await seededRowids(servers, users.ou));
    }
  }
  const after = await usersUnder(servers, users.ou);
  process.stdout.write(`${JSON.stringify({ ou: users.ou, total, before, after, timings, estimates, rest }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`samba seed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
