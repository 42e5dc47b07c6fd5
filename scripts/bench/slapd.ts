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

/** What a slapd load is keyed by besides the directory file: its layout (indexes, entries), so a change reloads. */
export type LayoutKey = Record<string, string | number>;

/** A slapd layout: its slapd.conf for a data folder, and the LDIF of a directory file's users. */
export interface SlapdLayout {
  /** The cache folder's subfolder name, e.g. slapd-100k. */
  folder: string;
  key: LayoutKey;
  config(dataDir: string, runDir: string): string;
  /** Writes the LDIF slapadd loads; returns how many users it holds. */
  writeLdif(dbPath: string, outPath: string): Promise<number>;
}

export interface LoadedData {
  dataDir: string;
  entries: number;
  /** How long the export and slapadd took (now, or when the cached mdb was loaded; null if unknown). */
  loadSeconds: number | null;
  cached: boolean;
}

function keyOf(dbPath: string, layout: LayoutKey): LayoutKey {
  const s = statSync(dbPath);
  return { size: s.size, mtimeMs: s.mtimeMs, ...layout };
}

function sameKey(a: LayoutKey, b: LayoutKey): boolean {
  return Object.keys(b).every((k) => a[k] === b[k]);
}

/** The mdb for `dbPath` in `layout`, loaded with slapadd -q unless the cached one matches the file and the layout. */
export async function loadLayout(cacheDir: string, layout: SlapdLayout, dbPath: string, limitMs: number): Promise<LoadedData> {
  const dataDir = path.join(cacheDir, layout.folder);
  const keyFile = path.join(dataDir, 'loaded-from.json');
  const key = keyOf(dbPath, layout.key);
  if (existsSync(keyFile)) {
    const cached = JSON.parse(readFileSync(keyFile, 'utf8')) as LayoutKey & { entries: number; loadSeconds?: number };
    if (sameKey(cached, key)) {
      progress(`${layout.folder}: cached mdb (${cached.entries} users)`);
      return { dataDir, entries: cached.entries, loadSeconds: cached.loadSeconds ?? null, cached: true };
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-slapadd-'));
  try {
    const t0 = performance.now();
    progress(`${layout.folder}: exporting users to LDIF…`);
    const ldif = path.join(work, 'users.ldif');
    const entries = await layout.writeLdif(dbPath, ldif);
    const conf = path.join(work, 'slapd.conf');
    writeFileSync(conf, layout.config(dataDir, work));
    progress(`${layout.folder}: slapadd -q of ${entries} users (limit ${limitMs / 60_000} min)…`);
    const out = await runCommand(SLAPADD, ['-q', '-f', conf, '-l', ldif], limitMs);
    if (out.code !== 0) {
      rmSync(dataDir, { recursive: true, force: true });
      const why = out.timedOut ? `did not finish within ${limitMs / 60_000} min` : out.stderr.trim().split('\n').slice(-3).join(' ');
      throw new Error(`slapadd failed: ${why}`);
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    writeFileSync(keyFile, JSON.stringify({ ...key, entries, loadSeconds }));
    progress(`${layout.folder}: loaded in ${loadSeconds.toFixed(0)} s`);
    return { dataDir, entries, loadSeconds, cached: false };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The mdb of the anonymous comparison slapd (run.ts's search table) for `dbPath`. */
export function ensureLoaded(cacheDir: string, label: string, dbPath: string, limitMs: number): Promise<LoadedData> {
  return loadLayout(cacheDir, { folder: `slapd-${label}`, key: { indexes: INDEXES }, config, writeLdif: exportLdif }, dbPath, limitMs);
}

export function freePort(): Promise<number> {
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

/**
 * Starts slapd in the foreground (-d 0) with `confText` on `url`; resolves once
 * `probe` (one LDAP request) succeeds. The run folder (conf, pid) is removed on stop.
 */
export async function launchSlapd(
  confText: (runDir: string) => string,
  url: (port: number) => string,
  probe: (url: string) => Promise<void>,
  readyLimitMs = 30_000,
): Promise<RunningSlapd & { runDir: string; pid: number }> {
  const runDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-slapd-'));
  const conf = path.join(runDir, 'slapd.conf');
  writeFileSync(conf, confText(runDir), { mode: 0o600 });
  const at = url(await freePort());
  const child: ChildProcess = spawn(SLAPD, ['-f', conf, '-h', `${at}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
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
    try {
      await probe(at);
      progress(`slapd: answering on ${at}`);
      return { url: at, stop, runDir, pid: child.pid! };
    } catch {
      if (performance.now() > deadline) {
        await stop();
        throw new Error(`slapd did not answer within ${readyLimitMs / 1000} s`);
      }
      await new Promise((r) => setTimeout(r, 200)); // polling a server start-up, not a test wait
    }
  }
}

/** The anonymous comparison slapd, read-only, on its own loopback port; resolves once it answers a search. */
export async function startSlapd(data: LoadedData, readyLimitMs = 30_000): Promise<RunningSlapd> {
  const probe = async (url: string) => {
    const client = new Client({ url, timeout: 2000, connectTimeout: 1000 });
    try {
      await client.search(BASE_DN, { scope: 'base', attributes: ['dc'] });
    } finally {
      await client.unbind().catch(() => undefined);
    }
  };
  const { url, stop } = await launchSlapd(
    (runDir) => config(data.dataDir, runDir).replace('database mdb', 'database mdb\nreadonly on'),
    (port) => `ldap://127.0.0.1:${port}`,
    probe,
    readyLimitMs,
  );
  return { url, stop };
}
