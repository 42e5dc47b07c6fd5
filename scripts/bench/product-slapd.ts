/**
 * A bench slapd the product's own OpenLDAP provider can sign in to and read,
 * at 100,000 or 1,000,000 users: the users of a bench directory file
 * (directories.ts) loaded with `slapadd -q` in the layout of product-ldif.ts,
 * configured as close to the test slapd of scripts/directories/seed.py as a
 * slapd.conf allows (memberof and ppolicy overlays, simple binds only over TLS,
 * anonymous may read only what finds a DN to bind with, signed-in users read
 * the rest), over LDAPS with a CA of its own (generated once with openssl in
 * the cache folder; the profile's CA file).
 *
 * The server's size limit is Debian's default, 500; the agent's role group
 * gets `limits … size.prtotal=unlimited` (what the issue tells an
 * administrator to set), so a full paged read works for the agent and not for
 * anyone else. Indexes: what the provider's search filters and the replica's
 * change feed use (entryCSN, modifyTimestamp, entryUUID eq).
 *
 * The loaded mdb is cached in the cache folder (slapd-product-<label>), keyed by
 * the directory file and PRODUCT_LAYOUT, with the agent's and the rootdn's
 * generated passwords beside it (owner-only file: a throwaway bench server).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'ldapts';
import { parseLdapProfile, type LdapProfile } from '../../main/directory/ldap/profile';
import { ROLES } from '../../main/domain/roles';
import { BASE_DN, PEOPLE_DN } from './ldif';
import { AGENT_DN, AGENT_UPN, DEFAULT_POLICY_DN, GLOBAL_ADMINS_DN, ssha, writeProductLdif } from './product-ldif';
import { launchSlapd, loadLayout, type LoadedData } from './slapd';
import { progress } from './stats';

/** Bump when the layout (entries, indexes, config that slapadd sees) changes: cached mdbs are loaded again. */
export const PRODUCT_LAYOUT = 1;
const SCHEMA = '/etc/ldap/schema';
/** Every attribute the provider's search matches (filter.ts openLdapSearch), the feed's change markers, and seed.py's. */
export const PRODUCT_INDEXES = [
  'objectClass eq',
  'cn,sn,givenName,displayName,mail,uid,departmentNumber,title eq,sub',
  'telephoneNumber,mobile eq,sub',
  'entryUUID,entryCSN,modifyTimestamp eq',
  'member,memberOf eq',
  'pwdPolicySubentry eq',
];
/** Debian's default: an ordinary OpenLDAP, where only the agent's group may page through everyone. */
export const SERVER_SIZE_LIMIT = 500;
export const ADMIN_DN = `cn=admin,${BASE_DN}`;

export interface TlsFiles {
  ca: string;
  cert: string;
  key: string;
}

/** Generated at load time, kept beside the mdb (0600). */
export interface BenchCredentials {
  agentPassword: string;
  adminPassword: string;
}

export interface ProductSlapdData extends LoadedData {
  label: string;
  tls: TlsFiles;
  credentials: BenchCredentials;
}

/** A test CA and a server certificate for 127.0.0.1 / localhost, made once with openssl. */
export function ensureTls(cacheDir: string): TlsFiles {
  const dir = path.join(cacheDir, 'product-slapd-tls');
  const files = { ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'server.pem'), key: path.join(dir, 'server.key') };
  if (existsSync(files.ca) && existsSync(files.cert) && existsSync(files.key)) return files;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caKey = path.join(dir, 'ca.key');
  const csr = path.join(dir, 'server.csr');
  const ext = path.join(dir, 'server.ext');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl(['req', '-x509', ...ec, '-keyout', caKey, '-out', files.ca, '-days', '3650', '-subj', '/CN=Resetdesk bench CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(['req', ...ec, '-keyout', files.key, '-out', csr, '-subj', '/CN=127.0.0.1']);
  writeFileSync(ext, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n');
  openssl(['x509', '-req', '-in', csr, '-CA', files.ca, '-CAkey', caKey, '-CAcreateserial', '-out', files.cert, '-days', '3650', '-extfile', ext]);
  rmSync(csr);
  rmSync(ext);
  return files;
}

/** seed.py's ct_acl(), with the agents' group as the delegated writer. */
function access(): string[] {
  const group = `group.exact="${GLOBAL_ADMINS_DN}"`;
  return [
    `access to dn.subtree="${PEOPLE_DN}" attrs=userPassword by ${group} =w by self write by anonymous auth by * none`,
    'access to attrs=userPassword by self write by anonymous auth by * none',
    `access to dn.subtree="${PEOPLE_DN}" attrs=pwdReset,pwdAccountLockedTime,pwdFailureTime by ${group} write by users read by * none`,
    'access to attrs=entry,objectClass,uid,mail by * read',
    'access to * by users read by * none',
  ];
}

function productConfig(dataDir: string, runDir: string, tls: TlsFiles, credentials: BenchCredentials, readonly: boolean): string {
  return [
    ...['core', 'cosine', 'nis', 'inetorgperson'].map((s) => `include ${SCHEMA}/${s}.schema`),
    `pidfile ${runDir}/slapd.pid`,
    `argsfile ${runDir}/slapd.args`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'moduleload ppolicy',
    'moduleload memberof',
    `TLSCACertificateFile ${tls.ca}`,
    `TLSCertificateFile ${tls.cert}`,
    `TLSCertificateKeyFile ${tls.key}`,
    'TLSProtocolMin 3.3',
    'tool-threads 2',
    'database mdb',
    'maxsize 34359738368',
    `suffix "${BASE_DN}"`,
    `rootdn "${ADMIN_DN}"`,
    `rootpw ${ssha(credentials.adminPassword)}`,
    `directory ${dataDir}`,
    ...(readonly ? ['readonly on'] : []),
    // Simple binds only over TLS, like the test slapd's olcSecurity and AD's "require strong auth".
    'security simple_bind=64',
    `sizelimit ${SERVER_SIZE_LIMIT}`,
    `limits group="${GLOBAL_ADMINS_DN}" size.soft=unlimited size.hard=unlimited size.prtotal=unlimited time.soft=unlimited time.hard=unlimited`,
    ...PRODUCT_INDEXES.map((i) => `index ${i}`),
    ...access(),
    'overlay memberof',
    'memberof-group-oc groupOfNames',
    'memberof-member-ad member',
    'memberof-memberof-ad memberOf',
    'memberof-refint TRUE',
    'overlay ppolicy',
    `ppolicy_default "${DEFAULT_POLICY_DN}"`,
    'ppolicy_hash_cleartext',
    'ppolicy_use_lockout',
    // back-monitor (built into Debian's slapd): the replica bench counts the server's searches (cn=Monitor), read by the rootdn only.
    'database monitor',
    `access to * by dn.exact="${ADMIN_DN}" read by * none`,
    '',
  ].join('\n');
}

function password(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('base64url')}-7a`;
}

/**
 * The product slapd's mdb for the directory file `dbPath` (`label`: 100k, 1M),
 * loaded with slapadd -q unless cached. `loadSeconds` is the LDIF export plus
 * slapadd, now or when it was cached.
 */
export async function ensureProductSlapd(cacheDir: string, label: string, dbPath: string, limitMs: number): Promise<ProductSlapdData> {
  const tls = ensureTls(cacheDir);
  const folder = `slapd-product-${label}`;
  const credentialsFile = path.join(cacheDir, folder, 'credentials.json');
  let credentials: BenchCredentials = { agentPassword: password('Agent'), adminPassword: password('Admin') };
  const loaded = await loadLayout(
    cacheDir,
    {
      folder,
      key: { layout: PRODUCT_LAYOUT, indexes: PRODUCT_INDEXES.join(';') },
      config: (dataDir, runDir) => productConfig(dataDir, runDir, tls, credentials, false),
      writeLdif: async (db, out) => {
        const users = await writeProductLdif(db, out, ssha(credentials.agentPassword));
        writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
        return users;
      },
    },
    dbPath,
    limitMs,
  );
  credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as BenchCredentials;
  return { ...loaded, label, tls, credentials };
}

/** The profile an administrator would add for this server: `resetdesk directory add` with the same fields. */
export function productProfile(url: string, data: ProductSlapdData): LdapProfile {
  return parseLdapProfile({
    name: `bench-slapd-${data.label}`,
    type: 'openldap',
    urls: [url],
    caFile: data.tls.ca,
    baseDn: BASE_DN,
    // The whole base, as seed.py's contoso profile: agents in ou=helpdesk, users in ou=people.
    usersDn: BASE_DN,
    roleGroups: { [GLOBAL_ADMINS_DN]: ROLES.globalAdministrator },
    upnAttribute: 'mail',
    passwordPolicyDn: DEFAULT_POLICY_DN,
  });
}

export interface RunningProductSlapd {
  url: string;
  profile: LdapProfile;
  /** The Global Administrator agent: UPN and password, as an agent types them at sign-in. */
  agent: { upn: string; dn: string; password: string };
  /** The rootdn, for changes made "with the admin tools, not through the product". */
  admin: { dn: string; password: string };
  ca: string;
  users: number;
  /** slapd's process id (its CPU time in /proc/<pid>/stat). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the product slapd on its own ldaps://127.0.0.1 port; resolves once it
 * answers an anonymous LDAPS search. `writable`: on a copy of the cached mdb
 * (removed on stop), so changes never reach the cache; else read-only on the
 * cached one.
 */
export async function startProductSlapd(data: ProductSlapdData, options: { writable?: boolean } = {}): Promise<RunningProductSlapd> {
  let dataDir = data.dataDir;
  let scratch: string | null = null;
  if (options.writable) {
    scratch = mkdtempSync(path.join(path.dirname(data.dataDir), `${path.basename(data.dataDir)}-run-`));
    const t0 = performance.now();
    // cp, not fs.copyFile: data.mdb is a sparse file of maxsize (32 GiB) holding a few; copyFile writes every hole (100 s at 100k).
    execFileSync('cp', ['--sparse=always', path.join(data.dataDir, 'data.mdb'), path.join(scratch, 'data.mdb')], { stdio: 'pipe' });
    progress(`slapd product ${data.label}: writable copy of the mdb in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    dataDir = scratch;
  }
  const ca = readFileSync(data.tls.ca);
  const probe = async (url: string) => {
    const client = new Client({ url, tlsOptions: { ca, rejectUnauthorized: true }, timeout: 2000, connectTimeout: 1000 });
    try {
      await client.search(BASE_DN, { scope: 'base', attributes: ['1.1'] });
    } finally {
      await client.unbind().catch(() => undefined);
    }
  };
  try {
    const running = await launchSlapd(
      (runDir) => productConfig(dataDir, runDir, data.tls, data.credentials, !options.writable),
      (port) => `ldaps://127.0.0.1:${port}`,
      probe,
    );
    return {
      url: running.url,
      profile: productProfile(running.url, data),
      agent: { upn: AGENT_UPN, dn: AGENT_DN, password: data.credentials.agentPassword },
      admin: { dn: ADMIN_DN, password: data.credentials.adminPassword },
      ca: data.tls.ca,
      users: data.entries,
      pid: running.pid,
      async stop() {
        await running.stop();
        if (scratch) rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}
