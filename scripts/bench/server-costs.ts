/**
 * What an operation costs the directory server, read from outside it: the
 * server process's CPU seconds (/proc/<pid>/stat utime + stime), the bytes
 * that crossed the loopback interface (the bench's namespace has nothing else
 * talking on it while a measurement runs), and slapd's own count of searches
 * (back-monitor's cn=Search,cn=Operations,cn=Monitor, read as the rootdn).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Client } from 'ldapts';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICKS = 100;

/** A process's user + system CPU, in seconds; a server that forks (Samba) is summed over `pids`. */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis: utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS;
}

/** Bytes sent on the loopback interface so far (every byte sent there is also received there). */
export function loopbackBytes(): number {
  return Number(readFileSync('/sys/class/net/lo/statistics/tx_bytes', 'utf8'));
}

/** The 1-minute load average, as the report writes it beside each figure. */
export function loadNow(): number {
  return os.loadavg()[0]!;
}

export interface Cost {
  ms: number;
  cpuSeconds: number;
  bytes: number;
  /** The 1-minute load average at the end. */
  load: number;
}

/** Times `work` and takes what it cost the server processes `pids` and the loopback interface. */
export async function costOf<T>(pids: readonly number[], work: () => Promise<T>): Promise<{ result: T; cost: Cost }> {
  const cpu0 = cpuSeconds(pids);
  const bytes0 = loopbackBytes();
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  return { result, cost: { ms, cpuSeconds: cpuSeconds(pids) - cpu0, bytes: loopbackBytes() - bytes0, load: loadNow() } };
}

const SEARCHES_DN = 'cn=Search,cn=Operations,cn=Monitor';
/** This process's own reads of the count (each one is a search slapd counts). */
let ownReads = 0;

/**
 * Searches slapd has started (monitorOpInitiated), less the reads of it this
 * process made: between two reads, the count moves by the searches others made.
 */
export async function slapdSearches(url: string, ca: string, admin: { dn: string; password: string }): Promise<number> {
  const client = new Client({ url, tlsOptions: { ca: readFileSync(ca), rejectUnauthorized: true }, timeout: 10_000, connectTimeout: 3000 });
  try {
    await client.bind(admin.dn, admin.password);
    ownReads++;
    const { searchEntries } = await client.search(SEARCHES_DN, { scope: 'base', attributes: ['monitorOpInitiated'] });
    return Number(searchEntries[0]?.monitorOpInitiated) - ownReads;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
