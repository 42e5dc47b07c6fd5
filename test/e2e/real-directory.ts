/**
 * The loopback Samba AD DC (scripts/directories/up.sh) for the e2e specs:
 * its facts from .directories/servers.json, the server lock every file that
 * changes it holds for its whole run, reset-cases before and after, the real
 * CLI to add it to a local file as a person would, and a bind of our own to
 * prove a result from the server's side. Without servers.json a spec fails in
 * CI (CI=true) and is skipped, with the reason printed, elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Client } from 'ldapts';
import { lockServers } from '../support/server-lock';
import { PROJECT_ROOT } from './launch';

export const SERVERS_JSON = path.join(process.env.RESETDESK_DIRECTORIES_DIR ?? path.join(PROJECT_ROOT, '.directories'), 'servers.json');

export interface AdServer {
  ca: string;
  untrustedCa: string;
  urls: string[];
  startTlsUrl: string;
  baseDn: string;
  usersDn: string;
  userPassword: string;
  roleGroups: Record<string, string>;
  users: Record<string, string>;
}

export function loadAd(): AdServer | null {
  if (!existsSync(SERVERS_JSON)) return null;
  const json = JSON.parse(readFileSync(SERVERS_JSON, 'utf8')) as { ca: string; untrustedCa: string; ad: Omit<AdServer, 'ca' | 'untrustedCa'> };
  return { ca: json.ca, untrustedCa: json.untrustedCa, ...json.ad };
}

/**
 * For a spec file on the Samba AD DC: the server's facts (null: skipped),
 * the lock held from its first test to its last, the case users reset before
 * and after. Call at the top of the file.
 */
export function useSambaAd(): { ad: () => AdServer } {
  const ad = loadAd();
  const reason = `no ${SERVERS_JSON}: start the test directories with sudo npm run directories:up`;
  if (!ad) {
    if (process.env.CI === 'true') throw new Error(reason);
    console.log(`e2e on Samba AD skipped: ${reason}`);
  }
  test.skip(!ad, reason);
  let release: (() => void) | null = null;
  test.beforeAll(async () => {
    if (!ad) return;
    release = await lockServers();
    resetCases();
  });
  test.afterAll(() => {
    if (!release) return;
    try {
      resetCases();
    } finally {
      release();
    }
  });
  return { ad: () => ad! };
}

export function resetCases(): void {
  const run = spawnSync('bash', [path.join(PROJECT_ROOT, 'scripts/directories/reset-cases.sh')], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`reset-cases.sh failed: ${run.stderr}`);
}

/** A fresh local-file path (its folder removed by the returned function). */
export function freshDb(): { db: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'resetdesk-e2e-ad-'));
  return { db: path.join(dir, 'local.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `resetdesk directory add NAME --type ad …` into `db`, as a person would: on
 * a fresh install that makes the file and the directory the app signs in to.
 */
export function addWithCli(db: string, ad: AdServer, name: string): void {
  const groups = Object.entries(ad.roleGroups).flatMap(([dn, role]) => ['--role-group', `${dn}=${role}`]);
  const args = ['directory', 'add', name, '--type', 'ad', ...ad.urls.flatMap((u) => ['--url', u]), '--base', ad.baseDn, '--users-dn', ad.usersDn, '--ca', ad.ca, ...groups, '--db', db, '--json'];
  const env: NodeJS.ProcessEnv = { ...process.env, RESETDESK_DB: '' };
  delete env.RESETDESK_AGENT_PASSWORD;
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'resetdesk.mjs'), ...args], { env, encoding: 'utf8', timeout: 60_000 });
  expect(run.status, `resetdesk ${args.join(' ')}: ${run.stdout}${run.stderr}`).toBe(0);
}

/** A bind of our own to the DC over LDAPS with the test CA, outside the product: null when it succeeds, else the server's message. */
export async function bindError(ad: AdServer, upn: string, password: string): Promise<string | null> {
  const client = new Client({ url: ad.urls[0]!, tlsOptions: { ca: [readFileSync(ad.ca)] }, timeout: 8000, connectTimeout: 3000 });
  try {
    await client.bind(upn, password);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
