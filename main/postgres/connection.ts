/**
 * Connections to the team's PostgreSQL: TLS only, with the server's
 * certificate checked against the CA the administrator gives and its name
 * against the host (libpq's sslmode=verify-full), and a password that never
 * comes from the URL (a command line is visible to every account on the host).
 * The `pg` client is pure JavaScript (no libpq to build per platform) and the
 * most used, maintained PostgreSQL client for Node.
 */
import { isIP } from 'node:net';
import pg from 'pg';
import { DomainError } from '../domain/errors';
import type { Secret } from '../domain/secret';

/** Where the team's database is: postgres://USER@HOST:PORT/DB, parsed. */
export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

const DEFAULT_PORT = 5432;

/** Refuses a URL with a password in it, or without a user or a database, saying what to write. */
export function parseStoreUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('INVALID_INPUT', 'The store is a URL such as postgres://USER@HOST:5432/DATABASE.');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DomainError('INVALID_INPUT', 'The store is a URL such as postgres://USER@HOST:5432/DATABASE.');
  }
  if (parsed.password !== '') {
    throw new DomainError(
      'INVALID_INPUT',
      "The store's URL holds a password: take it out, and give it in RESETDESK_STORE_PASSWORD, on standard input, or in the keychain.",
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(parsed.username);
  if (!user || !database || database.includes('/')) {
    throw new DomainError('INVALID_INPUT', 'The store is a URL such as postgres://USER@HOST:5432/DATABASE (with the user and the database).');
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return { host, port: parsed.port ? Number(parsed.port) : DEFAULT_PORT, database, user };
}

export interface PostgresOptions {
  target: PostgresTarget;
  password: Secret;
  /** The CA that signed the database server's certificate (PEM). */
  caPem: string;
  /** At most this many connections (default 10). */
  maxConnections?: number;
  /** How long a connection attempt may take (default 5 s). */
  connectTimeoutMs?: number;
}

/** bigint columns (times in ms, ids) as numbers: every value the stores keep is far below 2^53. */
const NUMBER_TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A pool of TLS connections; nothing connects until the first query. */
export function openPool(options: PostgresOptions): pg.Pool {
  const { target } = options;
  const pool = new pg.Pool({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: options.password.reveal(),
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    application_name: 'resetdesk',
    types: NUMBER_TYPES,
    ssl: {
      ca: options.caPem,
      rejectUnauthorized: true,
      // SNI only for a name; Node checks an IP address against the certificate's IP SANs.
      ...(isIP(target.host) ? {} : { servername: target.host }),
      minVersion: 'TLSv1.2',
    },
  });
  // An idle connection the server dropped (a restart) is replaced on the next query; its error must not end the process.
  pool.on('error', () => {});
  return pool;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const TLS_CODES = /^(ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|CERT_|ERR_SSL_)/;

/**
 * What a failure to reach or use the database means to the person at the
 * other end, as a DomainError; null for an error of the query itself (a
 * constraint, a serialization failure), which the store handles. Never the
 * server's own text, which may quote data.
 */
export function storeFailure(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : '';
  if (UNREACHABLE.has(code) || /timeout|Connection terminated|terminating connection/i.test(message) || code === '57P01' || code === '57P03') {
    return new DomainError('STORE_UNAVAILABLE');
  }
  if (code === '28P01' || code === '28000') return new DomainError('STORE_AUTH_FAILED');
  if (TLS_CODES.test(code) || /certificate|self[- ]signed|Hostname\/IP does not match/i.test(message)) return new DomainError('STORE_TLS_FAILED');
  // Class 08: connection exceptions.
  if (code.startsWith('08')) return new DomainError('STORE_UNAVAILABLE');
  return null;
}

/** Runs `work`, turning a failure to reach the database into its DomainError. */
export async function reaching<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storeFailure(error) ?? error;
  }
}
