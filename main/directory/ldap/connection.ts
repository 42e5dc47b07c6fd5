/**
 * Opening a bound LDAP connection for one unit of work, and closing it.
 *
 * - Each URL of the profile is tried in order; an unreachable server or a
 *   timeout moves on to the next. A certificate problem or a refused bind does
 *   not: the next server would say the same, and the agent must see why.
 * - TLS always verifies the certificate (`rejectUnauthorized: true`, the
 *   profile's CA file or the system's store). ldap:// URLs are upgraded with
 *   StartTLS when the profile says so.
 * - No password crosses an unencrypted connection: not a bind, not a reset. A
 *   profile with a plain ldap:// URL and no StartTLS gets
 *   DIRECTORY_TLS_REQUIRED before a socket is opened.
 * - Connect and every operation are bounded by the profile's timeouts; the
 *   connection is always unbound and closed when the work ends.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { debuglog } from 'node:util';
import type { ConnectionOptions } from 'node:tls';
import { Client, type ClientOptions, type Control } from 'ldapts';
import { DomainError } from '../../domain/errors';
import type { Secret } from '../../domain/secret';
import { isDirectoryFailure, toDirectoryError, type Phase } from './ldap-errors';
import { isPlainUrl, type LdapProfile } from './profile';

/** Who binds: a DN (or, in AD, a UPN) and its password. */
export interface BindIdentity {
  readonly dn: string;
  readonly password: Secret;
}

export interface ConnectionDeps {
  /** Reads the CA file (default: fs). */
  readCa?: (path: string) => Promise<Buffer>;
  /** Makes the ldapts client (tests wrap it). */
  createClient?: (options: ClientOptions) => Client;
}

/** A client that is connected, encrypted and bound; `phase` tells the error mapping what was sent. */
export interface Session {
  readonly client: Client;
  readonly url: string;
  /** Marks that a change is about to be sent: from here a lost socket means "unknown outcome". */
  writing(): void;
}

type ConnectionProfile = Pick<LdapProfile, 'urls' | 'startTls' | 'caFile' | 'connectTimeoutMs' | 'timeoutMs'>;

function hostOf(url: string): string {
  const host = new URL(url).hostname;
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

/** TLS options for one URL: verification on, the CA if configured, SNI only for names (not IPs). */
function tlsOptionsFor(url: string, ca: Buffer | undefined): ConnectionOptions {
  const host = hostOf(url);
  return {
    host,
    ...(isIP(host) ? {} : { servername: host }),
    ...(ca ? { ca: [ca] } : {}),
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Connection timeout')), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Refuses a profile that would send a password in clear, before any socket exists. */
export function assertEncrypted(profile: Pick<LdapProfile, 'urls' | 'startTls'>): void {
  if (!profile.startTls && profile.urls.some(isPlainUrl)) throw new DomainError('DIRECTORY_TLS_REQUIRED');
}

/**
 * ldapts writes every request it sends to stderr when NODE_DEBUG names it
 * (node:util debuglog 'ldapts'): it redacts a bind's password, but not a
 * modify's userPassword / unicodePwd values or a Password Modify request. So
 * with that switch on, no request carrying a password is sent: refused before
 * the intent, nothing changed, and the agent is told why.
 */
export function assertPasswordsNotLogged(): void {
  if (debuglog('ldapts').enabled) {
    throw new DomainError(
      'DIRECTORY_ERROR',
      'NODE_DEBUG includes ldapts, which would write the password to the log: Resetdesk sends no password while it is set. Unset NODE_DEBUG and start again.',
    );
  }
}

/** Opens one URL, encrypted (ldaps://, or StartTLS on ldap://); the bind comes next. */
async function open(url: string, profile: ConnectionProfile, ca: Buffer | undefined, deps: ConnectionDeps): Promise<Client> {
  const plain = isPlainUrl(url);
  const tls = tlsOptionsFor(url, ca);
  const create = deps.createClient ?? ((options: ClientOptions) => new Client(options));
  const client = create({
    url,
    connectTimeout: profile.connectTimeoutMs,
    timeout: profile.timeoutMs,
    strictDN: false,
    ...(plain ? {} : { tlsOptions: tls }),
  });
  if (plain) {
    // assertEncrypted made sure StartTLS is on: the extended operation, then the handshake, bounded.
    try {
      await withTimeout(client.startTLS(tls), profile.connectTimeoutMs + profile.timeoutMs);
    } catch (error) {
      await client.unbind().catch(() => undefined);
      throw error;
    }
  }
  return client;
}

async function readCa(profile: ConnectionProfile, deps: ConnectionDeps): Promise<Buffer | undefined> {
  if (!profile.caFile) return undefined;
  try {
    return await (deps.readCa ?? readFile)(profile.caFile);
  } catch {
    throw new DomainError('DIRECTORY_CERTIFICATE', 'The CA file of the connection profile cannot be read.');
  }
}

/**
 * Runs `work` on a connection bound as `identity`, then unbinds and closes it
 * whatever happened. Each URL is tried in turn until one is reached (a server
 * that cannot be reached or times out before the work starts: the next one);
 * any other failure is thrown as a DomainError.
 *
 * `identity` null: no bind, the work runs anonymously (finding the DN a user
 * binds as). Such work only reads, so a server lost during it is failed over
 * like one lost at the bind.
 */
export async function withSession<T>(
  profile: ConnectionProfile,
  identity: BindIdentity | null,
  work: (session: Session) => Promise<T>,
  deps: ConnectionDeps = {},
  bindControls?: Control[],
): Promise<T> {
  assertEncrypted(profile);
  const ca = await readCa(profile, deps);
  let last = new DomainError('DIRECTORY_UNREACHABLE');
  for (const url of profile.urls) {
    let phase: Phase = 'connect';
    let client: Client | undefined;
    try {
      client = await open(url, profile, ca, deps);
      // For ldaps:// ldapts opens the socket at the first operation, the bind: its failure to reach is "connect".
      if (identity) {
        await client.bind(identity.dn, identity.password.reveal(), bindControls);
        phase = 'read';
      }
      return await work({
        client,
        url,
        writing: () => {
          phase = 'write';
        },
      });
    } catch (error) {
      if (!isDirectoryFailure(error)) throw error;
      const mapped = toDirectoryError(error, phase);
      if (phase !== 'connect' || mapped.code !== 'DIRECTORY_UNREACHABLE') throw mapped;
      last = mapped;
    } finally {
      await client?.unbind().catch(() => undefined);
    }
  }
  throw last;
}
