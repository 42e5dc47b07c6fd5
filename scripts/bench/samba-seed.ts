/**
 * Can the test Samba AD DC (scripts/directories/) hold the bench's 100,000
 * users, seeded in reasonable time here? Two ways of adding the users of the
 * 100k bench directory file under an OU of their own (`OU=Resetdesk Bench
 * 100k`), the same entries ldap-servers.ts makes for the 10k bench (enabled,
 * no password: PASSWD_NOTREQD, as an import leaves them):
 *
 * - over LDAPS as Administrator, several connections (addOverLdap): what
 *   ensureSeeded does, through Samba's LDAP server, ACL checks and all;
 * - offline: Samba stopped, the users added straight into sam.ldb by one
 *   python process (samba-offline-add.py; a transaction every batch), through
 *   the same DSDB module stack (samldb assigns the SIDs, RIDs and defaults)
 *   without the network, TLS or the LDAP server.
 *
 * Measured here (2 cores, shared): offline is 2-2.5x LDAPS, but on both ways
 * each add costs more as the domain grows, also into an empty OU (offline, one
 * process, a transaction every 500: about 80 users/s with 15,000 bench users
 * in the domain, 30/s with 53,000, the load equal or lower), so the whole
 * seeding grows with the square of the users and a rate from the first
 * thousands understates it: 100,000 would take about 70 minutes offline, not
 * the 21 the first 3,000 suggest. Samba also refuses a userPrincipalName
 * already in use anywhere in the domain: 7,034 of the 10k bench's UPNs are in
 * the 100k file, so ldap-bench's 10k seeding fails on a Samba holding these.
 *
 * An entry already there is skipped (LDAP: entryAlreadyExists; offline: the
 * rows already under the OU are counted first and left out), so a seeding cut
 * short is continued by the next run. Run inside the helper's network
 * namespace (Samba is the one up.sh started there).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { line } from './ldif';
import { adminClient, addOverLdap, attributesOf, benchRows, countUnder, delegateHelpdesk, DIRECTORIES_DIR, dnsOf, type BenchRow, type Servers } from './ldap-servers';
import { PROJECT_ROOT } from './directories';
import { progress } from './stats';

export const SAMBA_BENCH_OU = (servers: Servers) => `OU=Resetdesk Bench 100k,${servers.ad.baseDn}`;
const DIRECTORIES_SCRIPTS = path.join(PROJECT_ROOT, 'scripts', 'directories');
const OFFLINE_ADD = path.join(PROJECT_ROOT, 'scripts', 'bench', 'samba-offline-add.py');

export interface SambaUsers {
  ou: string;
  rows: BenchRow[];
  dns: string[];
}

/** The users of the bench directory file `dbPath` with their DNs under the 100k OU (unique CNs over the whole file). */
export function sambaUsers(servers: Servers, dbPath: string): SambaUsers {
  const ou = SAMBA_BENCH_OU(servers);
  const rows = benchRows(dbPath);
  return { ou, rows, dns: dnsOf('ad', rows, ou) };
}

/** How many users the OU holds (-1: no OU), as the administrator over LDAPS; creates it (with the helpdesk delegation) when asked. */
export async function usersUnder(servers: Servers, ou: string, create = false): Promise<number> {
  const admin = adminClient(servers, 'ad');
  await admin.bind(servers.ad.admin.dn, servers.ad.admin.password);
  try {
    const count = await countUnder(admin, ou, 'ad');
    if (count >= 0 || !create) return count;
    await admin.add(ou, { objectClass: 'organizationalUnit', description: 'Resetdesk bench users, 100k (scripts/bench/samba-seed.ts)' });
    await delegateHelpdesk(servers, admin, ou);
    return 0;
  } finally {
    await admin.unbind().catch(() => undefined);
  }
}

export interface SeedTiming {
  how: string;
  added: number;
  seconds: number;
  /** Users a second, added only. */
  rate: number;
}

/** Rows [from, to) over LDAPS with `parallel` connections. */
export async function seedOverLdap(servers: Servers, users: SambaUsers, from: number, to: number, parallel: number): Promise<SeedTiming> {
  const t0 = performance.now();
  const added = await addOverLdap(servers, 'ad', to - from, (i) => ({ dn: users.dns[from + i]!, attributes: attributesOf('ad', users.rows[from + i]!, null) }), parallel);
  const seconds = (performance.now() - t0) / 1000;
  progress(`samba: ${added} users over LDAPS (${parallel} connections) in ${seconds.toFixed(1)} s`);
  return { how: `LDAPS, ${parallel} connections`, added, seconds, rate: added / seconds };
}

/** One user as LDIF for sam.ldb (values that are not plain ASCII in base64). */
function ldifOf(dn: string, record: Record<string, string | string[] | Buffer>): string {
  let out = line('dn', dn);
  for (const [name, value] of Object.entries(record)) {
    for (const v of Array.isArray(value) ? value : [value]) out += typeof v === 'string' ? line(name, v) : `${name}:: ${v.toString('base64')}\n`;
  }
  return `${out}\n`;
}

/** Runs one of scripts/directories' shell steps (lib.sh sourced): stop Samba by its pid file, or up.sh to start it again. */
function stopSamba(): void {
  execFileSync('bash', ['-c', `. "${DIRECTORIES_SCRIPTS}/lib.sh" && stop_pidfile "$SAMBA_PID" samba`], { stdio: 'pipe', timeout: 60_000 });
}

function startSamba(): void {
  execFileSync('bash', [path.join(DIRECTORIES_SCRIPTS, 'up.sh')], { stdio: 'pipe', timeout: 120_000 });
}

/** The rowids of the bench users already under the OU (their sAMAccountName is bench<rowid>). */
export async function seededRowids(servers: Servers, ou: string): Promise<Set<number>> {
  const admin = adminClient(servers, 'ad');
  await admin.bind(servers.ad.admin.dn, servers.ad.admin.password);
  const rowids = new Set<number>();
  try {
    for await (const page of admin.searchPaginated(ou, { scope: 'one', filter: '(objectClass=user)', attributes: ['sAMAccountName'], paged: { pageSize: 1000 } })) {
      for (const entry of page.searchEntries) {
        const match = /^bench(\d+)$/.exec(String(entry.sAMAccountName));
        if (match) rowids.add(Number(match[1]));
      }
    }
  } finally {
    await admin.unbind().catch(() => undefined);
  }
  return rowids;
}

/**
 * Rows [from, to) offline, but those in `skip` (rowids already there): Samba
 * stopped, the users added to sam.ldb by samba-offline-add.py (one process, a
 * transaction every `batch` users), Samba started again. `seconds` is the adds
 * alone; `stopStartSeconds` what stopping and starting cost on top.
 */
export function seedOffline(users: SambaUsers, from: number, to: number, batch: number, skip: ReadonlySet<number> = new Set()): SeedTiming & { stopStartSeconds: number } {
  const work = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-samba-'));
  const ldif = path.join(work, 'users.ldif');
  const wanted: number[] = [];
  for (let i = from; i < to; i++) if (!skip.has(users.rows[i]!.rowid)) wanted.push(i);
  writeFileSync(ldif, wanted.map((i) => ldifOf(users.dns[i]!, attributesOf('ad', users.rows[i]!, null))).join(''), { mode: 0o600 });
  let t = performance.now();
  stopSamba();
  let stopStart = performance.now() - t;
  const t0 = performance.now();
  let seconds: number;
  try {
    const args = [OFFLINE_ADD, path.join(DIRECTORIES_DIR, 'samba', 'smb.conf'), path.join(DIRECTORIES_DIR, 'samba', 'private', 'sam.ldb'), ldif, String(batch)];
    execFileSync('/usr/bin/python3', args, { stdio: ['ignore', 2, 'pipe'], timeout: 3 * 60 * 60_000, maxBuffer: 64 * 1024 * 1024 });
  } finally {
    seconds = (performance.now() - t0) / 1000;
    t = performance.now();
    startSamba();
    stopStart += performance.now() - t;
    rmSync(work, { recursive: true, force: true });
    progress(`samba: offline seeding of ${wanted.length} users (a transaction every ${batch}) ended after ${seconds.toFixed(1)} s; Samba stopped and started in ${(stopStart / 1000).toFixed(1)} s`);
  }
  return { how: `offline into sam.ldb, a transaction every ${batch}`, added: wanted.length, seconds, rate: wanted.length / seconds, stopStartSeconds: stopStart / 1000 };
}
