/**
 * A private slapd (Debian's OpenLDAP) on 127.0.0.1 with a port of its own, for
 * comparing our search with a real directory server on the same users: a
 * generated slapd.conf (-f), the mdb backend with eq,sub indexes, loaded with
 * `slapadd -q` from an LDIF export of the directory file. The loaded mdb is
 * cached in the cache folder, keyed by the directory file's size and mtime
 * (slapadd of a million entries takes minutes). The bench starts it, and stops
 * it at the end, on Ctrl+C and on errors.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'ldapts';
import { runCommand } from './directories';
import { BASE_DN, exportLdif } from './ldif';
import { progress } from './stats';

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';
const SCHEMA = '/etc/ldap/schema';
/** The "mdb, eq,sub indexes", plus ou: the filter also matches the department, and one unindexed term in an OR makes slapd scan every entry. */
const INDEXES = 'cn,sn,givenName,mail,uid,telephoneNumber,mobile,ou eq,sub';

/** null when slapd and slapadd are installed, else what to tell the user. */
export function slapdMissing(): string | null {
  if (existsSync(SLAPD) && existsSync(SLAPADD)) return null;
  return 'slapd is not installed: sudo apt-get install slapd ldap-utils';
}

function config(dataDir: string, runDir: string): string {
  return [
    `include ${SCHEMA}/core.schema`,
    `include ${SCHEMA}/cosine.schema`,
    `include ${SCHEMA}/inetorgperson.schema`,
    `pidfile ${runDir}/slapd.pid`,
    `argsfile ${runDir}/slapd.args`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'tool-threads 2',
    'sizelimit 1000',
    'database mdb',
    'maxsize 17179869184',
    `suffix "${BASE_DN}"`,
    `rootdn "cn=admin,${BASE_DN}"`,
    `directory ${dataDir}`,
    'index objectClass eq',
    `index ${INDEXES}`,
    '',
  ].join('\n');
}

interface CacheKey {
  size: number;
  mtimeMs: number;
  indexes: string;
}

function keyOf(dbPath: string): CacheKey {
  const s = statSync(dbPath);
  return { size: s.size, mtimeMs: s.mtimeMs, indexes: INDEXES };
}

export interface LoadedData {
  dataDir: string;
  entries: number;
  /** How long the export and slapadd took (now, or when the cached mdb was loaded; null if unknown). */
  loadSeconds: number | null;
  cached: boolean;
}

/** The mdb for `dbPath`, loaded with slapadd -q unless the cached one matches the file. */
export async function ensureLoaded(cacheDir: string, label: string, dbPath: string, limitMs: number): Promise<LoadedData> {
  const dataDir = path.join(cacheDir, `slapd-${label}`);
  const keyFile = path.join(dataDir, 'loaded-from.json');
  const key = keyOf(dbPath);
  if (existsSync(keyFile)) {
    const cached = JSON.parse(readFileSync(keyFile, 'utf8')) as CacheKey & { entries: number; loadSeconds?: number };
    if (cached.size === key.size && cached.mtimeMs === key.mtimeMs && cached.indexes === key.indexes) {
      progress(`slapd ${label}: cached mdb (${cached.entries} users)`);
      return { dataDir, entries: cached.entries, loadSeconds: cached.loadSeconds ?? null, cached: true };
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-slapadd-'));
  try {
    const t0 = performance.now();
    progress(`slapd ${label}: exporting users to LDIF…`);
    const ldif = path.join(work, 'users.ldif');
    const entries = await exportLdif(dbPath, ldif);
    const conf = path.join(work, 'slapd.conf');
    writeFileSync(conf, config(dataDir, work));
    progress(`slapd ${label}: slapadd -q of ${entries} users (limit ${limitMs / 60_000} min)…`);
    const out = await runCommand(SLAPADD, ['-q', '-f', conf, '-l', ldif], limitMs);
    if (out.code !== 0) {
      rmSync(dataDir, { recursive: true, force: true });
      const why = out.timedOut ? `did not finish within ${limitMs / 60_000} min` : out.stderr.trim().split('\n').slice(-3).join(' ');
      throw new Error(`slapadd failed: ${why}`);
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    writeFileSync(keyFile, JSON.stringify({ ...key, entries, loadSeconds }));
    progress(`slapd ${label}: loaded in ${loadSeconds.toFixed(0)} s`);
    return { dataDir, entries, loadSeconds, cached: false };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningSlapd {
  url: string;
  stop(): Promise<void>;
}

/** Starts slapd in the foreground (-d 0) on its own loopback port; resolves once it answers a search. */
export async function startSlapd(data: LoadedData, readyLimitMs = 30_000): Promise<RunningSlapd> {
  const runDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-slapd-'));
  const conf = path.join(runDir, 'slapd.conf');
  writeFileSync(conf, config(data.dataDir, runDir).replace('database mdb', 'database mdb\nreadonly on'));
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(SLAPD, ['-f', conf, '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const killed = await Promise.race([exit.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      if (!killed) child.kill('SIGKILL');
      await exit;
    }
    rmSync(runDir, { recursive: true, force: true });
  };
  const deadline = performance.now() + readyLimitMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`slapd exited at start: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    }
    const client = new Client({ url, timeout: 2000, connectTimeout: 1000 });
    try {
      await client.search(BASE_DN, { scope: 'base', attributes: ['dc'] });
      await client.unbind();
      progress(`slapd: answering on ${url}`);
      return { url, stop };
    } catch {
      await client.unbind().catch(() => undefined);
      if (performance.now() > deadline) {
        await stop();
        throw new Error(`slapd did not answer within ${readyLimitMs / 1000} s`);
      }
      await new Promise((r) => setTimeout(r, 200)); // polling a server start-up, not a test wait
    }
  }
}
