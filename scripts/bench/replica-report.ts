/** The replica's section of BENCHMARKS.md (replica-bench.ts's figures, one column or table per size). */
import type { ReplicaSizeResult, SyncCost } from './replica-bench';
import { machine } from './report';
import type { ServerSearchRow } from './server-search';
import { ms } from './stats';
import { COMPARE_EVERY_MS } from '../../main/app/replica/replica-sync';
import { SYNC_EVERY_MS } from '../../main/app/replica/replica-host';

/** The old in-memory index's full read, from issue 18's text: slapd CPU seconds per read at 100,000 users, one read a minute per agent. */
export const OLD_FULL_READ_CPU_100K = 1.1;
export const AGENTS = 20;
const SYNC_EVERY_S = SYNC_EVERY_MS / 1000;
// The product's own intervals (main/app/replica/): the figures follow them when they change.
const COMPARE_EVERY_S = COMPARE_EVERY_MS / 1000;

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const s = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;
const cpu = (seconds: number) => `${seconds.toFixed(2)} s`;
const row = (name: string, cells: string[]) => `| ${name} | ${cells.join(' | ')} |`;

function table(results: ReplicaSizeResult[], rows: [string, (r: ReplicaSizeResult) => string][]): string[] {
  return [
    row('', results.map((r) => `${r.label} (${r.users.toLocaleString('en-US')} users)`)),
    `|---|${results.map(() => '---:').join('|')}|`,
    ...rows.map(([name, cell]) => row(name, results.map(cell))),
  ];
}

function syncCells(pick: (r: ReplicaSizeResult) => SyncCost): [string, (r: ReplicaSizeResult) => string][] {
  return [
    ['time', (r) => `${ms(pick(r).cost.ms)} ms`],
    ['slapd CPU', (r) => cpu(pick(r).cost.cpuSeconds)],
    ['entries read', (r) => pick(r).report.read.toLocaleString('en-US')],
    ['added / changed / removed', (r) => `${pick(r).report.added} / ${pick(r).report.changed} / ${pick(r).report.removed}`],
    ['bytes on loopback', (r) => mb(pick(r).cost.bytes)],
    ['load (1 min) at the end', (r) => pick(r).cost.load.toFixed(1)],
  ];
}

function searchTable(r: ReplicaSizeResult): string[] {
  const { replicaThread, replicaInProcess, embedded, server } = r.search;
  const at = (rows: ServerSearchRow[], i: number) => rows[i]!.timings;
  return [
    `#### Query classes, ${r.label} (limit 20, load ${r.search.load.toFixed(1)} at the end)`,
    '',
    '| Query class | Offset | replica, search thread p50 | p95 | replica in-process p50 | p95 | embedded file p50 | p95 | server p50 | p95 | 1st page replica / server |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...replicaThread.map((x, i) =>
      row(x.queryClass, [
        String(x.offset),
        ms(x.timings.p50), ms(x.timings.p95),
        ms(at(replicaInProcess, i).p50), ms(at(replicaInProcess, i).p95),
        ms(at(embedded, i).p50), ms(at(embedded, i).p95),
        ms(at(server, i).p50), ms(at(server, i).p95),
        `${x.firstPage} / ${server[i]!.firstPage}`,
      ]),
    ),
    '',
  ];
}

/** Twenty desktops, each syncing every SYNC_EVERY_S and comparing ids every COMPARE_EVERY_S, in slapd CPU seconds per minute. */
function agentsLines(results: ReplicaSizeResult[]): string[] {
  return results.map((r) => {
    const idle = r.idle.repeated.cpuSeconds / r.idle.repeated.n;
    const perMinute = AGENTS * (idle * (60 / SYNC_EVERY_S) + r.comparison.cost.cpuSeconds * (60 / COMPARE_EVERY_S));
    const searches = r.idle.repeated.searches / r.idle.repeated.n;
    const read = r.idle.repeated.read / r.idle.repeated.n;
    const old = r.users <= 200_000 ? ` The old index at ${r.label}: ${AGENTS} × ${OLD_FULL_READ_CPU_100K} s (one full read a minute each, issue 18's figure) = ${(AGENTS * OLD_FULL_READ_CPU_100K).toFixed(0)} s a minute (${((AGENTS * OLD_FULL_READ_CPU_100K) / 60).toFixed(2)} of a core).` : ` The old index could not hold ${r.label} (it stopped at 200,000 users); at 100k its ${AGENTS} agents cost ${(AGENTS * OLD_FULL_READ_CPU_100K).toFixed(0)} s a minute.`;
    return `- ${r.label}: an idle sync costs slapd ${cpu(idle)} of CPU and ${searches.toFixed(1)} searches (cn=Monitor), reads ${read.toFixed(0)} entries, takes p50 ${ms(r.idle.repeated.ms.p50)} ms (mean of ${r.idle.repeated.n}, load ${r.idle.repeated.load.toFixed(1)}); the deletion comparison ${cpu(r.comparison.cost.cpuSeconds)}. ${AGENTS} agents, a sync every ${SYNC_EVERY_S} s and a comparison every ${COMPARE_EVERY_S / 60} min each: ${perMinute.toFixed(1)} s of slapd CPU a minute (${(perMinute / 60).toFixed(2)} of a core), of which the comparisons ${(AGENTS * r.comparison.cost.cpuSeconds * (60 / COMPARE_EVERY_S)).toFixed(1)} s.${old}`;
  });
}

export function renderReplicaSection(results: ReplicaSizeResult[], run: { seconds: number }): string {
  const first = results[0]!;
  const out = [
    '## Real directories: the local copy (issue 18)',
    '',
    `Written by \`npm run bench\` (scripts/bench/replica-bench.ts; alone: \`node --import tsx scripts/bench/replica-run.ts --size N\`) on ${first.date.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.round(run.seconds)} s. The load average (1 min) is given beside each figure: the machine's 2 cores were shared with other sessions, so read the wall times as upper bounds; slapd's CPU seconds, the bytes and the entries read are firmer.`,
    '',
    ...machine(),
    '- Server: the product slapd (scripts/bench/product-slapd.ts: LDAPS, the size limit 500 of an ordinary OpenLDAP with `size.prtotal=unlimited` for the agents\' group, ppolicy, memberof, no syncprov), on a writable copy of the bench\'s slapadd-loaded mdb, in the bench\'s own network namespace with nothing else on its loopback interface',
    '',
    '### First full read, through the app\'s sync thread',
    '',
    ...table(results, [
      ['wall time, sign-in to the replica live', (r) => s(r.build.cost.ms)],
      ['slapd CPU (utime + stime): the read and the searches typed meanwhile', (r) => cpu(r.build.cost.cpuSeconds)],
      ['bytes on loopback (both ways, LDAPS)', (r) => mb(r.build.cost.bytes)],
      ['users in the replica', (r) => r.build.result.users.toLocaleString('en-US')],
      ['process peak RSS (VmHWM; main + sync + search threads)', (r) => `${mb(r.build.result.memory.after.peak)} (${mb(r.build.result.memory.before.peak)} before)`],
      ['local file on disk after (file + WAL)', (r) => mb(r.build.result.fileBytes)],
      ['main thread event-loop delay p50 / p99 / max', (r) => `${ms(r.build.result.eventLoop.p50)} / ${ms(r.build.result.eventLoop.p99)} / ${ms(r.build.result.eventLoop.max)} ms`],
      ['event-loop p99 < 20 ms', (r) => (r.build.result.eventLoop.p99 < 20 ? 'met' : '**not met**')],
      ['searches typed during the build (one every 250 ms), answered by the server: p50 / p95', (r) => `${ms(r.build.result.typed.p50)} / ${ms(r.build.result.typed.p95)} ms (n ${r.build.result.typed.n}, ${r.build.result.typed.answered} with users)`],
      ['load (1 min) at the end', (r) => r.build.cost.load.toFixed(1)],
    ]),
    '',
    '### The first sync after the read (one user renamed since)',
    '',
    ...table(results, syncCells((r) => r.settle)),
    '',
    `### Incremental sync after ${first.changes.made.renamed.toLocaleString('en-US')} renames, ${first.changes.made.added} adds and ${first.changes.made.deleted} deletes (ldapmodify as the rootdn)`,
    '',
    ...table(results, syncCells((r) => r.changes.sync)),
    '',
    '### The next sync, with no change since',
    '',
    ...table(results, syncCells((r) => r.idle.first)),
    '',
    `### The deletion comparison (every entryUUID; every ${COMPARE_EVERY_S / 60} min per signed-in agent)`,
    '',
    ...table(results, syncCells((r) => r.comparison)),
    '',
    '### Finding people from the replica',
    '',
    ...results.flatMap((r) => [
      ...r.lastUsers.map((f, i) => `- ${r.label}: the ${i === 0 ? 'second-to-last' : 'last'} user of the directory file (${f.query}): ${f.upns.includes(f.query) ? 'found' : '**not found**'} from the replica in ${ms(f.ms)} ms (search thread).`),
      `- ${r.label}: after the sync, "${r.changes.renamedFound.query}" (the renamed users' new surname) finds ${r.changes.renamedFound.total.exact ? '' : 'more than '}${r.changes.renamedFound.total.count} from the replica in ${ms(r.changes.renamedFound.ms)} ms.`,
    ]),
    '',
    ...results.flatMap(searchTable),
    `### ${AGENTS} agents`,
    '',
    ...agentsLines(results),
    '',
    '### How it was measured',
    '',
    '- A child process (scripts/bench/replica-probe.ts, bundled by esbuild with the sync and search threads beside it, as the app ships them) makes a fresh local file, stores the profile, signs the agent in through the product (LdapAuthenticator) and calls warm(): the sync thread (ReplicaHost, sync-worker.ts) binds as the agent and reads everyone in pages of 500 into the file. The composition is replicatedDirectory()\'s, with the host kept so the bench can ask for a sync (syncNow); no scheduled sync runs during the measurements.',
    '- Wall time: from warm() to the replica live, polled every 20 ms on the main thread, which meanwhile types one typical prefix every 250 ms through the replicated directory (answered by the server until the replica is live).',
    '- slapd CPU: /proc/<slapd pid>/stat utime + stime before and after (10 ms ticks). Bytes: /sys/class/net/lo/statistics/tx_bytes of the namespace before and after (everything on loopback: the read, the searches typed meanwhile, TLS).',
    '- Peak RSS: VmHWM of the child process from /proc/self/status: the whole process, main thread and every worker thread together (they share it). Event loop: perf_hooks.monitorEventLoopDelay (1 ms resolution) in that process during the build.',
    '- Query classes: queries.ts\'s classes and queries at each size; "replica, search thread": the replicated directory\'s searchUsers as the window calls it (the search thread over replicaTables(id)); "in-process": UserSearch over replicaTables(id) on the probe\'s main thread, as `users search --directory` runs it; "embedded file": the bench\'s directory file holding the same users, opened as the app does; "server": the provider\'s live search as the signed-in agent (a connection, TLS and a bind per search). One untimed warm-up pass, then rounds until the rounds or the time budget run out; nearest-rank percentiles.',
    '- Before the first read, and again before the first sync after it, one user is renamed with ldapmodify. slapd has no syncprov here, so the feed\'s cursor is the newest entryCSN it saw less the read\'s duration and a 2-minute margin (openldap-changes.ts CSN_MARGIN_MS): with the slapadd as the newest change, the syncs would read the load\'s last minutes again and again (seen: at 100k, loaded in 23 s, every sync read all 100,001 users). The first sync after the read still reads again whatever was stamped within that window; the rename moves the cursor past the load, as an ordinary directory\'s daily changes do.',
    '- Changes: ldapmodify as the rootdn on the writable copy: displayName and sn replaced on the first 1,000 users under ou=people, 5 users added, the next 5 deleted; then one sync. The feed reads `(entryCSN>=cursor)` from the entryCSN eq index; deletions are found only by the comparison.',
    `- Twenty agents: computed from the measured idle sync and comparison, each desktop syncing every ${SYNC_EVERY_S} s (SYNC_EVERY_MS) and comparing every ${COMPARE_EVERY_S / 60} min (COMPARE_EVERY_MS).`,
    ...results.map((r) => `- Loopback in the namespace with nothing running, over 5 s before the ${r.label} read: ${r.idleLoopback} bytes.`),
    '',
  ];
  return out.join('\n');
}
