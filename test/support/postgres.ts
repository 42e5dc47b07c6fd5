/**
 * The test PostgreSQL (scripts/postgres/up.sh): its address, CA and roles from
 * .postgres.json, and a fresh database per test (owned by resetdesk_owner,
 * dropped after), so test files running at once never share tables.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import pg from 'pg';
import { Secret } from '../../main/domain/secret';
import { DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY, DEFAULT_TENANT_EXTRAS, type TenantSettings } from '../../main/domain/types';
import { openPool, type PostgresOptions } from '../../main/postgres/connection';
import { migrate } from '../../main/postgres/migrate';
import { TEAM_STORE_MIGRATIONS } from '../../main/postgres/migrations/001-team-store';
import { createTenant } from '../../main/postgres/pg-stores';
import { ROOT } from './cli-process';

export interface PostgresInfo {
  host: string;
  port: number;
  ca: string;
  otherCa: string;
  superuser: { user: string; password: string };
  owner: { user: string; password: string };
  app: { user: string; password: string };
  dataDir: string;
  pgBin: string;
}

export const POSTGRES_JSON = join(ROOT, '.postgres.json');

export function postgresOrSkip(t: TestContext): PostgresInfo | null {
  if (existsSync(POSTGRES_JSON)) return JSON.parse(readFileSync(POSTGRES_JSON, 'utf8')) as PostgresInfo;
  const reason = `no ${POSTGRES_JSON}: start the test PostgreSQL with scripts/postgres/up.sh (as root)`;
  if (process.env.CI === 'true') throw new Error(reason);
  t.skip(reason);
  return null;
}

/** Connection options for `role` on `database`, trusting the test CA. */
export function optionsFor(info: PostgresInfo, role: 'owner' | 'app' | 'superuser', database: string): PostgresOptions {
  return {
    target: { host: info.host, port: info.port, database, user: info[role].user },
    password: new Secret(info[role].password),
    caPem: readFileSync(info.ca, 'utf8'),
  };
}

export interface TestDatabase {
  name: string;
  /** A pool as the owner (migrations) and as the server's role. */
  owner: pg.Pool;
  app: pg.Pool;
  info: PostgresInfo;
}

/** A new database for this test, dropped (with its pools closed) when the test ends. */
export async function freshDatabase(t: TestContext, info: PostgresInfo): Promise<TestDatabase> {
  const name = `rd_${randomBytes(6).toString('hex')}`;
  const admin = openPool({ ...optionsFor(info, 'superuser', 'postgres'), maxConnections: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name} OWNER ${info.owner.user}`);
    await admin.query(`REVOKE ALL ON DATABASE ${name} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT ON DATABASE ${name} TO ${info.app.user}`);
  } finally {
    await admin.end();
  }
  // The owner's schema: public belongs to pg_database_owner (PostgreSQL 15), so the owner may create in it.
  const owner = openPool(optionsFor(info, 'owner', name));
  const app = openPool(optionsFor(info, 'app', name));
  t.after(async () => {
    await owner.end().catch(() => {});
    await app.end().catch(() => {});
    const drop = openPool({ ...optionsFor(info, 'superuser', 'postgres'), maxConnections: 1 });
    try {
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await drop.end();
    }
  });
  return { name, owner, app, info };
}

/** The one tenant a team database holds in the tests, as `resetdesk init` makes one for a real directory. */
export const TEAM_TENANT: TenantSettings = {
  tenantId: '00000000-0000-4000-8000-000000000019',
  name: 'Contoso',
  domains: [{ name: 'contoso.com', type: 'managed', isDefault: true }],
  passwordWriteback: false,
  temporaryPasswordLifetimeDays: null,
  passwordPolicy: DEFAULT_PASSWORD_POLICY,
  lockoutPolicy: DEFAULT_LOCKOUT_POLICY,
  ...DEFAULT_TENANT_EXTRAS,
};

/** Brings a database to the team store's schema as its owner and makes its tenant as the server's role. */
export async function makeTeamStore(info: PostgresInfo, owner: pg.Pool, app: pg.Pool, now = Date.now()): Promise<void> {
  await migrate(owner, TEAM_STORE_MIGRATIONS, { appRole: info.app.user });
  await createTenant(app, TEAM_TENANT, now);
}
