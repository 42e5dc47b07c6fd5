/**
 * The loopback Samba AD DC and slapd (scripts/directories/up.sh) for the e2e specs:
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
import { Client, PasswordPolicyControl, PasswordPolicyError } from 'ldapts';
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
 * slapd's second suffix, dc=contoso,dc=com (issue 16, item 1's layout): agents
 * in ou=helpdesk, users in ou=people, anonymous may read what finds a DN.
 * `dns`: each case's DN by UPN, for binds of our own.
 */
export interface ContosoServer extends AdServer {
  upnAttribute: string;
  dns: Record<string, string>;
}

export function loadContoso(): ContosoServer | null {
  if (!existsSync(SERVERS_JSON)) return null;
  const json = JSON.parse(readFileSync(SERVERS_JSON, 'utf8')) as { ca: string; untrustedCa: string; contoso?: Omit<ContosoServer, 'ca' | 'untrustedCa'> };
  return json.contoso ? { ca: json.ca, untrustedCa: json.untrustedCa, ...json.contoso } : null;
}

/**
 * slapd's third suffix, dc=limited (issue 18): an ordinary OpenLDAP with the
 * default size limit (500) and more users than that; `lift` is what
 * scripts/directories/limits.sh grants the agents' groups.
 */
export interface LimitedServer extends AdServer {
  upnAttribute: string;
  userCount: number;
  sizeLimit: number;
  lift: string;
}

export function loadLimited(): LimitedServer | null {
  if (!existsSync(SERVERS_JSON)) return null;
  const json = JSON.parse(readFileSync(SERVERS_JSON, 'utf8')) as { ca: string; untrustedCa: string; limited?: Omit<LimitedServer, 'ca' | 'untrustedCa'> };
  return json.limited ? { ca: json.ca, untrustedCa: json.untrustedCa, ...json.limited } : null;
}

/** How long a file may wait for another file's run on the servers (each spec file on them holds the lock throughout). */
const LOCK_WAIT_MS = 5 * 60_000;

/**
 * For a spec file on the loopback servers: their facts (null: skipped), the
 * lock held from its first test to its last, the case users reset before and
 * after. Call at the top of the file.
 */
function useServers<T>(what: string, load: () => T | null): () => T {
  const facts = load();
  const reason = `no ${what} in ${SERVERS_JSON}: start the test directories with sudo npm run directories:up`;
  if (!facts) {
    if (process.env.CI === 'true') throw new Error(reason);
    console.log(`e2e on ${what} skipped: ${reason}`);
  }
  test.skip(!facts, reason);
  let release: (() => void) | null = null;
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a hook uses from this pattern
  test.beforeAll(async ({}, testInfo) => {
    if (!facts) return;
    // Another file on the servers holds the lock for its whole run, which may be longer than one test's timeout.
    testInfo.setTimeout(testInfo.timeout + LOCK_WAIT_MS);
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
  return () => facts!;
}

/** The Samba AD DC, for a spec file (see useServers). */
export function useSambaAd(): { ad: () => AdServer } {
  return { ad: useServers('Samba AD', loadAd) };
}

/** slapd's dc=contoso,dc=com, for a spec file (see useServers). */
export function useSlapdContoso(): { ct: () => ContosoServer } {
  return { ct: useServers('slapd dc=contoso,dc=com', loadContoso) };
}

/** slapd's size-limited dc=limited, for a spec file (see useServers). */
export function useSlapdLimited(): { lim: () => LimitedServer } {
  return { lim: useServers('slapd dc=limited', loadLimited) };
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
export function addWithCli(db: string, ad: AdServer, name: string, type: 'ad' | 'openldap' = 'ad'): void {
  const groups = Object.entries(ad.roleGroups).flatMap(([dn, role]) => ['--role-group', `${dn}=${role}`]);
  // A users DN only where it narrows the base (contoso's is the base itself: users are found wherever they are).
  const usersDn = ad.usersDn === ad.baseDn ? [] : ['--users-dn', ad.usersDn];
  const args = ['directory', 'add', name, '--type', type, ...ad.urls.flatMap((u) => ['--url', u]), '--base', ad.baseDn, ...usersDn, '--ca', ad.ca, ...groups, '--db', db, '--json'];
  const env: NodeJS.ProcessEnv = { ...process.env, RESETDESK_DB: '' };
  delete env.RESETDESK_AGENT_PASSWORD;
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'resetdesk.mjs'), ...args], { env, encoding: 'utf8', timeout: 60_000 });
  expect(run.status, `resetdesk ${args.join(' ')}: ${run.stdout}${run.stderr}`).toBe(0);
}

/**
 * A bind of our own to slapd with the ppolicy request control, outside the
 * product: 'must change' (changeAfterReset), 'ok', or 'refused (<result code>)'
 * (49 for a wrong password and for a lock alike: slapd says no more).
 */
export async function ppolicyBind(server: ContosoServer, dn: string, password: string): Promise<string> {
  const client = new Client({ url: server.urls[0]!, tlsOptions: { ca: [readFileSync(server.ca)] }, timeout: 8000, connectTimeout: 3000 });
  const control = new PasswordPolicyControl();
  try {
    await client.bind(dn, password, [control]);
    return control.value?.error === PasswordPolicyError.ChangeAfterReset ? 'must change' : 'ok';
  } catch (error) {
    return `refused (${(error as { code?: unknown }).code ?? (error as Error).message})`;
  } finally {
    await client.unbind().catch(() => undefined);
  }
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
