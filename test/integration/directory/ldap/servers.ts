/**
 * Test support: the loopback Samba AD DC and slapd that scripts/directories/up.sh
 * starts, as its servers.json describes them, and a real local SQLite file for
 * the audit. Without servers.json a test fails in CI (CI=true) and skips with
 * the reason elsewhere.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, type TestContext } from 'node:test';
import { lockServers } from '../../../support/server-lock';
import { execFileSync } from 'node:child_process';
import { Client } from 'ldapts';
import { DEFAULT_TENANT_EXTRAS, DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY, type PasswordPolicySettings } from '../../../../main/domain/types';
import { DirectoryStore } from '../../../../main/directory/sqlite/store';
import { parseLdapProfile, type LdapProfile } from '../../../../main/directory/ldap/profile';

export const REPO = new URL('../../../../', import.meta.url).pathname;
export const SERVERS_JSON = join(REPO, '.directories', 'servers.json');

export interface ServerSide {
  urls: string[];
  startTlsUrl: string;
  baseDn: string;
  usersDn: string;
  domain: string;
  upnAttribute?: string;
  admin: { dn: string; upn: string | null; password: string };
  userPassword: string;
  roleGroups: Record<string, string>;
  users: Record<string, string>;
  /** contoso: each case's DN by UPN (the product finds them by a search; a test binds with them directly). */
  dns?: Record<string, string>;
  /** contoso: where the users and the agents are (usersDn is the base: users are found wherever they are). */
  peopleDn?: string;
  agentsDn?: string;
  /** contoso: a mail two entries have. */
  duplicateUpn?: string;
  /** limited: the inetOrgPersons under usersDn (the agents included): more than sizeLimit. */
  userCount?: number;
  /** limited: the database's olcSizeLimit (slapd's default, 500), with no olcLimits exception until liftSizeLimit(). */
  sizeLimit?: number;
  /** limited: what liftSizeLimit() grants each role group (olcLimits), e.g. `size.prtotal=unlimited`. */
  lift?: string;
}
/** slapd's back-monitor (cn=Monitor): where test/support/slapd-searches.ts counts the server's searches. */
export interface SlapdMonitor {
  url: string;
  bindDn: string;
  password: string;
  searchesDn: string;
}
export interface Servers {
  ca: string;
  untrustedCa: string;
  ad: ServerSide;
  openldap: ServerSide;
  /** slapd's second suffix dc=contoso,dc=com: agents in ou=helpdesk, users in ou=people, anonymous may find DNs. */
  contoso: ServerSide;
  /**
   * slapd's third suffix dc=limited,dc=resetdesk,dc=test: an ordinary OpenLDAP with slapd's default size
   * limit (500) and more users than that; two agents (helpdesk, globaladmin) in ou=people with the users.
   */
  limited: ServerSide;
  slapdMonitor: SlapdMonitor;
}

export function loadServers(): Servers | null {
  if (!existsSync(SERVERS_JSON)) return null;
  return JSON.parse(readFileSync(SERVERS_JSON, 'utf8')) as Servers;
}

/** The servers, or null after failing (CI) or skipping (elsewhere) with the reason. */
export function serversOrSkip(t: TestContext): Servers | null {
  const servers = loadServers();
  if (servers) return servers;
  const reason = `no ${SERVERS_JSON}: start the test directories with scripts/directories/up.sh`;
  if (process.env.CI === 'true') throw new Error(reason);
  t.skip(reason);
  return null;
}

export type Kind = 'ad' | 'openldap';
/** Any test directory: Samba AD, slapd's dc=ol suffix, its dc=contoso,dc=com suffix or its size-limited dc=limited suffix (OpenLDAP too). */
export type Side = Kind | 'contoso' | 'limited';

/** `parse`: parseStoredLdapProfile for a profile as an older version may have stored it (ldap:// without StartTLS). */
export function profileOf(servers: Servers, kind: Side, overrides: Record<string, unknown> = {}, parse = parseLdapProfile): LdapProfile {
  const side = servers[kind];
  return parse({
    name: `test-${kind}`,
    type: kind === 'ad' ? 'ad' : 'openldap',
    urls: side.urls,
    caFile: servers.ca,
    baseDn: side.baseDn,
    usersDn: side.usersDn,
    roleGroups: side.roleGroups,
    ...(kind !== 'ad' ? { upnAttribute: side.upnAttribute ?? 'mail', passwordPolicyDn: `cn=default,ou=policies,${side.baseDn}` } : {}),
    connectTimeoutMs: 3000,
    timeoutMs: 8000,
    ...overrides,
  });
}

/**
 * A fresh local SQLite file (audit, tenant), removed at the end; `clock`: the
 * store's (a test moves it past a lease); `passwordPolicy` replaces the default one.
 */
export function localStore(t: TestContext, options: { clock?: () => number; passwordPolicy?: PasswordPolicySettings } = {}): DirectoryStore {
  const { clock, passwordPolicy = DEFAULT_PASSWORD_POLICY } = options;
  const dir = mkdtempSync(join(tmpdir(), 'resetdesk-ldap-'));
  const store = DirectoryStore.open(join(dir, 'local.sqlite'), { create: true, ...(clock ? { clock } : {}) });
  store.tenant.create(
    {
      tenantId: '00000000-0000-4000-8000-000000000010',
      name: 'Resetdesk test directories',
      domains: [],
      passwordWriteback: true,
      temporaryPasswordLifetimeDays: null,
      passwordPolicy,
      lockoutPolicy: DEFAULT_LOCKOUT_POLICY, ...DEFAULT_TENANT_EXTRAS,
    },
    Date.now(),
  );
  t.after(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

/** The DN a case user binds as, from the server's side (independent of the provider's own code). */
export function bindDn(servers: Servers, kind: Side, upn: string): string {
  if (kind === 'ad') return upn;
  return servers[kind].dns?.[upn.toLowerCase()] ?? `uid=${upn.slice(0, upn.indexOf('@'))},${servers[kind].usersDn}`;
}

/** A plain ldapts client over LDAPS, for checks from the server's side. */
export function rawClient(servers: Servers, kind: Side): Client {
  return new Client({ url: servers[kind].urls[0]!, tlsOptions: { ca: readFileSync(servers.ca) }, timeout: 8000, connectTimeout: 3000 });
}

/** A plain client bound as dn/password for `action` (a test's own reads from the server's side), unbound after. */
export async function withBoundClient<T>(servers: Servers, kind: Side, dn: string, password: string, action: (client: Client) => Promise<T>): Promise<T> {
  const client = rawClient(servers, kind);
  try {
    await client.bind(dn, password);
    return await action(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** Binds as dn/password; the error (or null) and the ppolicy control's answer. */
export async function tryBind(servers: Servers, kind: Side, dn: string, password: string) {
  const { PasswordPolicyControl } = await import('ldapts');
  const client = rawClient(servers, kind);
  const control = new PasswordPolicyControl();
  try {
    await client.bind(dn, password, kind !== 'ad' ? [control] : undefined);
    return { error: null as null | (Error & { code?: number }), policy: control.value };
  } catch (error) {
    return { error: error as Error & { code?: number }, policy: control.value };
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** Reads an entry as the directory's administrator. */
export async function adminRead(servers: Servers, kind: Side, upn: string, attributes: string[]) {
  const client = rawClient(servers, kind);
  try {
    await client.bind(servers[kind].admin.dn, servers[kind].admin.password);
    const attr = kind === 'ad' ? 'userPrincipalName' : 'mail';
    // (an equality filter on a UPN the test chose: no escaping needed)
    const result = await client.search(servers[kind].usersDn, { filter: `(${attr}=${upn})`, attributes });
    return result.searchEntries[0]!;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** Puts every case user back (scripts/directories/reset-cases.sh). */
export function resetCases(): void {
  execFileSync('bash', [join(REPO, 'scripts/directories/reset-cases.sh')], { stdio: 'pipe', timeout: 120_000 });
}

/**
 * Lets the agents' groups of the `limited` suffix page through everyone (olcLimits … size.prtotal=unlimited on
 * its database, over ldapi as root), or takes that away again: scripts/directories/limits.sh lift|restore.
 * resetCases() (and so holdServersForThisFile's end) restores it too.
 */
export function liftSizeLimit(): void {
  execFileSync('bash', [join(REPO, 'scripts/directories/limits.sh'), 'lift'], { stdio: 'pipe', timeout: 30_000 });
}
export function restoreSizeLimit(): void {
  execFileSync('bash', [join(REPO, 'scripts/directories/limits.sh'), 'restore'], { stdio: 'pipe', timeout: 30_000 });
}

/**
 * The servers are shared with other test files, and two files run at once:
 * hold them (the server lock) for this file's whole run, and put the case users
 * back at its end.
 */
export function holdServersForThisFile(): void {
  let release = () => {};
  before(async () => {
    if (loadServers()) release = await lockServers();
  });
  after(() => {
    try {
      if (loadServers()) resetCases();
    } finally {
      release();
    }
  });
}
