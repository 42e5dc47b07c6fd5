/**
 * The benchmark's directories, built with the product's own CLI
 * (`resetdesk init --sample N --seed S`) into the cache folder and reused when
 * present: a 1M build takes minutes on two cores.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DirectoryStore } from '../../main/directory/sqlite/store';
import { progress } from './stats';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(PROJECT_ROOT, 'bin', 'resetdesk.mjs');
export const SEED = 7;
/**
 * Which init built a cached directory. Bump it when `init --sample` changes how
 * it builds (what it writes, or how fast): the next run rebuilds the directories
 * and so reports the current builder's time, not a cached one. 2: the agents'
 * hashes during the load, keys staged one row per user (issue 9, item 3).
 */
export const BUILDER = 2;

export interface AgentAccount {
  upn: string;
  roles: string[];
  password: string;
}

export type BuiltDirectory =
  | { size: number; built: true; db: string; accounts: AgentAccount[]; buildSeconds: number | null; cached: boolean }
  | { size: number; built: false; reason: string };

export function sizeLabel(size: number): string {
  return size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
}

/** Runs a command, collecting stdout and stderr, killed after `limitMs`. */
export function runCommand(
  command: string,
  args: string[],
  limitMs: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/**
 * The cached directory of `size` users, built when missing. The accounts JSON
 * (`init --json`: the agents' passwords, needed to sign in in the Chromium run)
 * is kept beside it, readable by the owner only; these are throwaway bench
 * directories. A refusal (e.g. a size the builder does not take yet) is
 * returned as a reason, not thrown: the bench reports "not built (reason)".
 */
export async function ensureDirectory(cacheDir: string, size: number, buildLimitMs: number): Promise<BuiltDirectory> {
  const base = path.join(cacheDir, `directory-${sizeLabel(size)}-seed${SEED}-b${BUILDER}`);
  const db = `${base}.sqlite`;
  const accountsFile = `${base}.accounts.json`;
  if (existsSync(db) && existsSync(accountsFile)) {
    progress(`${sizeLabel(size)} directory: cached (${path.relative(PROJECT_ROOT, db)})`);
    bringUpToDate(db, size);
    return { size, built: true, db, accounts: readAccounts(accountsFile), buildSeconds: readBuildSeconds(base), cached: true };
  }
  // Built under a temporary name and renamed: an interrupted build is never reused.
  const partial = `${base}.building.sqlite`;
  rmSync(partial, { force: true });
  for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, { force: true });
  progress(`${sizeLabel(size)} directory: building with resetdesk init --sample ${size} (limit ${buildLimitMs / 60_000} min)…`);
  const t0 = performance.now();
  const out = await runCommand(
    process.execPath,
    [CLI, 'init', '--sample', String(size), '--seed', String(SEED), '--db', partial, '--json'],
    buildLimitMs,
  );
  if (out.timedOut || out.code !== 0) {
    rmSync(partial, { force: true });
    const reason = out.timedOut ? `init did not finish within ${buildLimitMs / 60_000} min` : initRefusal(out.stdout, out.stderr);
    progress(`${sizeLabel(size)} directory: not built (${reason})`);
    return { size, built: false, reason };
  }
  const accounts = (JSON.parse(out.stdout) as { accounts: AgentAccount[] }).accounts;
  writeFileSync(accountsFile, JSON.stringify({ accounts }, null, 2), { mode: 0o600 });
  chmodSync(accountsFile, 0o600);
  const buildSeconds = (performance.now() - t0) / 1000;
  writeFileSync(`${base}.built.json`, JSON.stringify({ buildSeconds }));
  renameSync(partial, db);
  bringUpToDate(db, size);
  progress(`${sizeLabel(size)} directory: built in ${buildSeconds.toFixed(0)} s`);
  return { size, built: true, db, accounts, buildSeconds, cached: false };
}

/**
 * Opens the file once with the product's code, so a schema migration added
 * since it was built runs now, before anything is timed and before its size and
 * mtime key the slapd cache; searches only read it afterwards.
 */
function bringUpToDate(db: string, size: number): void {
  const t0 = performance.now();
  DirectoryStore.open(db).close();
  const seconds = (performance.now() - t0) / 1000;
  if (seconds > 1) progress(`${sizeLabel(size)} directory: schema brought up to date in ${seconds.toFixed(0)} s`);
}

/** How long init took when the cached file was built (kept beside it), if known. */
function readBuildSeconds(base: string): number | null {
  try {
    return (JSON.parse(readFileSync(`${base}.built.json`, 'utf8')) as { buildSeconds: number }).buildSeconds;
  } catch {
    return null;
  }
}

function readAccounts(file: string): AgentAccount[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { accounts: AgentAccount[] }).accounts;
}

/** The CLI's one-line reason: the JSON error's message, else the last stderr line. */
function initRefusal(stdout: string, stderr: string): string {
  try {
    const parsed = JSON.parse(stdout || stderr) as { error?: { code: string; message: string } };
    if (parsed.error) return `${parsed.error.code}: ${parsed.error.message}`;
  } catch {
    // not JSON: fall through to the raw text
  }
  return (stderr || stdout).trim().split('\n').pop() ?? 'init failed';
}
