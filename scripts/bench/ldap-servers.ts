/**
 * The loopback Samba AD DC and slapd of scripts/directories/ (as their
 * .directories/servers.json describes them), seen by the bench: profiles for
 * the product's LDAP provider, and the bench users seeded once into subtrees
 * of their own (AD `OU=Resetdesk Bench`, OpenLDAP `ou=bench`), so the test
 * suites, which search the seeded users' OU and expect ~300 users there, never
 * see them.
 *
 * The bench users are the users of the bench's 10k directory file (`resetdesk
 * init --sample 10000 --seed 7`, directories.ts): the same UPNs, names, mail,
 * phones, departments and titles on both servers and in the embedded file, so
 * the three are searched with the same queries (queries.ts). Seeded as the
 * directory's administrator over LDAPS, a few parallel connections; an entry
 * that already exists is left as it is, and a subtree that already holds every
 * user is not touched (cached). On AD only a few users (RESET_TARGETS) get a
 * password (the reset timing's targets); the others are enabled with
 * PASSWD_NOTREQD, as an import would leave them. The AD OU gets the helpdesk
 * delegation the seeded OU has (Reset Password, write pwdLastSet and
 * lockoutTime for user objects), for the Helpdesk Admins group only.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Attribute, Change, Client } from 'ldapts';
import { parseLdapProfile, type LdapProfile } from '../../main/directory/ldap/profile';
import { unicodePwd } from '../../main/directory/ldap/schema';
import type { UserRow } from '../../main/directory/sqlite/users-repo';
import { PROJECT_ROOT } from './directories';
import { dnValue } from './ldif';
import { progress } from './stats';

export type ServerKind = 'ad' | 'openldap';

// The shape of .directories/servers.json, as the tests read it.
export type { ServerSide, Servers } from '../../test/integration/directory/ldap/servers';
import type { ServerSide, Servers } from '../../test/integration/directory/ldap/servers';

export const DIRECTORIES_DIR = process.env.RESETDESK_DIRECTORIES_DIR ?? path.join(PROJECT_ROOT, '.directories');
export const SERVERS_JSON = path.join(DIRECTORIES_DIR, 'servers.json');

/** The bench's own subtree on each server. */
export const BENCH_OU: Record<ServerKind, (side: ServerSide) => string> = {
  ad: (side) => `OU=Resetdesk Bench,${side.baseDn}`,
  openldap: (side) => `ou=bench,${side.baseDn}`,
};

/** How many bench users get a password on AD (the reset timing cycles over them). */
export const RESET_TARGETS = 3;

/** The servers, or why the LDAP part of the bench cannot run. */
export async function reachServers(): Promise<{ servers: Servers } | { reason: string }> {
  if (!existsSync(SERVERS_JSON)) {
    return { reason: `no ${path.relative(PROJECT_ROOT, SERVERS_JSON)}: start the test directories with \`npm run directories:up\`` };
  }
  const servers = JSON.parse(readFileSync(SERVERS_JSON, 'utf8')) as Servers;
  for (const kind of ['ad', 'openldap'] as const) {
    const client = adminClient(servers, kind);
    try {
      await client.bind(servers[kind].admin.dn, servers[kind].admin.password);
    } catch (error) {
      return { reason: `${kind} at ${servers[kind].urls[0]} does not answer (${error instanceof Error ? error.message : String(error)}): \`npm run directories:up\`` };
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
  return { servers };
}

export function adminClient(servers: Servers, kind: ServerKind): Client {
  return new Client({ url: servers[kind].urls[0]!, tlsOptions: { ca: readFileSync(servers.ca) }, timeout: 60_000, connectTimeout: 5000 });
}

/** A profile for the product's provider, as `resetdesk directory add` would store it. */
export function benchProfile(servers: Servers, kind: ServerKind, usersDn: string, name = `bench-${kind}`): LdapProfile {
  const side = servers[kind];
  return parseLdapProfile({
    name,
    type: kind,
    urls: side.urls,
    caFile: servers.ca,
    baseDn: side.baseDn,
    usersDn,
    roleGroups: side.roleGroups,
    ...(kind === 'openldap' ? { upnAttribute: side.upnAttribute ?? 'mail', passwordPolicyDn: `cn=default,ou=policies,${side.baseDn}` } : {}),
  });
}

/** The columns a bench user is made of: the product's own row type. */
export type BenchRow = Pick<
  UserRow,
  'upn' | 'display_name' | 'given_name' | 'surname' | 'mail' | 'mobile_phone' | 'business_phone' | 'department' | 'job_title'
> & { rowid: number };

export function benchRows(dbPath: string): BenchRow[] {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT rowid, upn, display_name, given_name, surname, mail, mobile_phone, business_phone, department, job_title
         FROM users ORDER BY rowid`,
      )
      .all() as BenchRow[];
  } finally {
    db.close();
  }
}

/**
 * The AD users that get a password: plain members of the sample's own domain,
 * evenly spread (the same ones on every run).
 */
export function resetTargets(rows: BenchRow[]): BenchRow[] {
  const plain = rows.filter((r) => /^[a-z0-9.]+@contoso\.com$/.test(r.upn) && r.mail !== null && r.department !== null);
  return Array.from({ length: RESET_TARGETS }, (_, i) => plain[Math.floor(((i + 1) * plain.length) / (RESET_TARGETS + 1))]!);
}

/** Attributes of one entry, by server; `null`/empty values left out. */
export function attributesOf(kind: ServerKind, row: BenchRow, password: string | null): Record<string, string | string[] | Buffer> {
  const a: Record<string, string | string[] | Buffer> = {};
  const put = (name: string, value: string | null) => {
    if (value !== null && value.trim() !== '') a[name] = value;
  };
  put('displayName', row.display_name);
  put('givenName', row.given_name);
  put('telephoneNumber', row.business_phone);
  put('mobile', row.mobile_phone);
  put('title', row.job_title);
  if (kind === 'ad') {
    a.objectClass = 'user';
    a.sAMAccountName = `bench${String(row.rowid).padStart(6, '0')}`;
    a.userPrincipalName = row.upn;
    put('sn', row.surname);
    put('mail', row.mail ?? row.upn);
    put('department', row.department);
    put('company', 'Resetdesk Bench');
    if (password) {
      a.unicodePwd = unicodePwd(password);
      a.userAccountControl = '512'; // NORMAL_ACCOUNT
    } else {
      a.userAccountControl = '544'; // NORMAL_ACCOUNT | PASSWD_NOTREQD: enabled, no password set
    }
  } else {
    a.objectClass = 'inetOrgPerson';
    a.cn = row.display_name;
    a.sn = row.surname ?? row.display_name; // required by person
    a.uid = localPart(row.upn);
    a.mail = row.upn; // the profile's UPN attribute
    put('departmentNumber', row.department);
    put('ou', row.department);
  }
  return a;
}

export function asAttributes(record: Record<string, string | string[] | Buffer>): Attribute[] {
  return Object.entries(record).map(([type, value]) => new Attribute({ type, values: typeof value === 'string' ? [value] : Array.isArray(value) ? value : [value] }));
}

function localPart(upn: string): string {
  return upn.slice(0, upn.lastIndexOf('@'));
}

/** Unique RDNs: AD names users by display name (CN), OpenLDAP by uid; a repeat gets the row number. */
export function dnsOf(kind: ServerKind, rows: BenchRow[], ou: string): string[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    let value = kind === 'ad' ? row.display_name : localPart(row.upn);
    if (seen.has(value.toLowerCase())) value = `${value} ${row.rowid}`;
    seen.add(value.toLowerCase());
    return `${kind === 'ad' ? 'CN' : 'uid'}=${dnValue(value)},${ou}`;
  });
}

export async function countUnder(client: Client, ou: string, kind: ServerKind): Promise<number> {
  let count = 0;
  try {
    for await (const page of client.searchPaginated(ou, {
      scope: 'one',
      filter: kind === 'ad' ? '(objectClass=user)' : '(objectClass=inetOrgPerson)',
      attributes: ['1.1'],
      paged: { pageSize: 1000 },
    })) {
      count += page.searchEntries.length;
    }
  } catch (error) {
    if ((error as { code?: number }).code === 32) return -1; // no such object: the OU is not there yet
    throw error;
  }
  return count;
}

export interface Seeded {
  kind: ServerKind;
  ou: string;
  users: number;
  /** null: already there (cached). */
  seconds: number | null;
  /** AD: the UPNs with a password, and that password. */
  targets: { upn: string; password: string }[];
}

const PARALLEL = 4;

/**
 * Adds `count` entries (`entry(i)`: its DN and attributes) as the directory's
 * administrator over LDAPS, `parallel` connections each taking the next index;
 * an entry that already exists is left as it is. Returns how many were added.
 */
export async function addOverLdap(
  servers: Servers,
  kind: ServerKind,
  count: number,
  entry: (i: number) => { dn: string; attributes: Record<string, string | string[] | Buffer> },
  parallel = PARALLEL,
): Promise<number> {
  const side = servers[kind];
  let next = 0;
  let added = 0;
  const worker = async () => {
    const client = adminClient(servers, kind);
    await client.bind(side.admin.dn, side.admin.password);
    try {
      for (let i = next++; i < count; i = next++) {
        const { dn, attributes } = entry(i);
        try {
          await client.add(dn, asAttributes(attributes));
          added++;
          if (added % 2000 === 0) progress(`  ${kind}: ${added} added`);
        } catch (error) {
          if ((error as { code?: number }).code !== 68) throw new Error(`${dn}: ${(error as Error).message}`, { cause: error }); // 68: already exists
        }
      }
    } finally {
      await client.unbind().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return added;
}

/**
 * The bench subtree with every bench user, seeded when it holds fewer. The
 * reset targets' password is set again on every run (the last run's resets
 * changed it), as the administrator.
 */
export async function ensureSeeded(servers: Servers, kind: ServerKind, dbPath: string): Promise<Seeded> {
  const side = servers[kind];
  const ou = BENCH_OU[kind](side);
  const rows = benchRows(dbPath);
  const targets = kind === 'ad' ? resetTargets(rows) : [];
  const password = `Bench-${randomBytes(9).toString('base64url')}-7a`;
  const targetUpns = new Set(targets.map((t) => t.upn));
  const admin = adminClient(servers, kind);
  await admin.bind(side.admin.dn, side.admin.password);
  try {
    const existing = await countUnder(admin, ou, kind);
    let seconds: number | null = null;
    if (existing < rows.length) {
      const t0 = performance.now();
      progress(`${kind}: seeding ${rows.length} bench users under ${ou} (${Math.max(existing, 0)} there)…`);
      if (existing < 0) {
        await admin.add(ou, kind === 'ad' ? { objectClass: 'organizationalUnit', description: 'Resetdesk bench users (npm run bench)' } : { objectClass: 'organizationalUnit', ou: 'bench' });
        if (kind === 'ad') await delegateHelpdesk(servers, admin, ou);
      }
      const dns = dnsOf(kind, rows, ou);
      const added = await addOverLdap(servers, kind, rows.length, (i) => ({
        dn: dns[i]!,
        attributes: attributesOf(kind, rows[i]!, targetUpns.has(rows[i]!.upn) ? password : null),
      }));
      seconds = (performance.now() - t0) / 1000;
      progress(`${kind}: ${added} bench users added in ${seconds.toFixed(0)} s`);
    } else {
      progress(`${kind}: ${existing} bench users under ${ou} (cached)`);
    }
    for (const target of targets) {
      const { searchEntries } = await admin.search(ou, { scope: 'one', filter: `(userPrincipalName=${target.upn})`, attributes: ['1.1'] });
      const dn = searchEntries[0]?.dn;
      if (!dn) throw new Error(`reset target ${target.upn} is not under ${ou}`);
      await admin.modify(dn, [
        new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(password)] }) }),
        new Change({ operation: 'replace', modification: new Attribute({ type: 'userAccountControl', values: ['512'] }) }),
      ]);
    }
    return { kind, ou, users: rows.length, seconds, targets: targets.map((t) => ({ upn: t.upn, password })) };
  } finally {
    await admin.unbind().catch(() => undefined);
  }
}

const GUID_RESET_PASSWORD = '00299570-246d-11d0-a768-00aa006e0529';
const GUID_USER_CLASS = 'bf967aba-0de6-11d0-a285-00aa003049e2';
const GUID_LOCKOUT_TIME = '28630ebf-41d5-11d1-a9c1-0000f80367c1';
const GUID_PWD_LAST_SET = 'bf967a0a-0de6-11d0-a285-00aa003049e2';

/** S-1-5-21-… from a binary objectSid. */
export function sidToString(sid: Buffer): string {
  const count = sid[1]!;
  const authority = sid.readUIntBE(2, 6);
  const subs = Array.from({ length: count }, (_, i) => sid.readUInt32LE(8 + 4 * i));
  return `S-${sid[0]}-${authority}${subs.map((s) => `-${s}`).join('')}`;
}

/**
 * The seeded OU's delegation, for the Helpdesk Admins group, on the bench OU
 * (scripts/directories/README.md): samba-tool over LDAP as Administrator
 * (signed NTLM; the DC is running, its sam.ldb is not opened here).
 */
export async function delegateHelpdesk(servers: Servers, admin: Client, ou: string): Promise<void> {
  const group = Object.entries(servers.ad.roleGroups).find(([dn]) => /^CN=Resetdesk Helpdesk Admins,/i.test(dn))?.[0];
  if (!group) throw new Error('servers.json names no Resetdesk Helpdesk Admins group');
  const { searchEntries } = await admin.search(group, { scope: 'base', attributes: ['objectSid'], explicitBufferAttributes: ['objectSid'] });
  const sid = sidToString(searchEntries[0]!.objectSid as Buffer);
  const sddl = [GUID_RESET_PASSWORD, GUID_LOCKOUT_TIME, GUID_PWD_LAST_SET]
    .map((right, i) => `(OA;CIIO;${i === 0 ? 'CR' : 'WP'};${right};${GUID_USER_CLASS};${sid})`)
    .join('');
  execFileSync(
    'samba-tool',
    ['dsacl', 'set', `--objectdn=${ou}`, `--sddl=${sddl}`, '-H', 'ldap://127.0.0.1', `-U${servers.ad.admin.upn ?? 'Administrator'}%${servers.ad.admin.password}`],
    { stdio: 'pipe', timeout: 60_000 },
  );
}
