/**
 * The team database's numbered migrations: each in its own transaction, all of
 * them under one advisory lock, so two servers starting at once neither race
 * nor apply a step twice (the second waits, then finds nothing left to do). A
 * schema newer than this code is refused before anything is written, as the
 * local file is (DATABASE_NEWER there).
 *
 * Migrations run as the schema's owner; the role the server runs as gets only
 * the grants each migration gives it (the audit: read and insert, never update
 * or delete).
 */
import type pg from 'pg';
import { DomainError } from '../domain/errors';
import { reaching } from './connection';

export interface PostgresMigration {
  version: number;
  name: string;
  /** Runs inside the migration's transaction, as the owner; `roles.app` is the server's role, already quoted as an identifier. */
  up(client: pg.PoolClient, roles: { app: string }): Promise<void>;
}

/** pg_advisory_lock's key for Resetdesk's migrations (any constant no other application uses). */
export const MIGRATION_LOCK_KEY = 0x5245_5345_5444_4b01n; // "RESETDK" + 1

const SCHEMA_TABLE = `CREATE TABLE IF NOT EXISTS resetdesk_schema (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** A role name as an SQL identifier (what `format('%I')` does): refuses anything but a plain name. */
export function quoteRole(name: string): string {
  if (!/^[a-z_][a-z0-9_$]{0,62}$/i.test(name)) {
    throw new DomainError('INVALID_INPUT', 'A database role is a plain name (letters, digits and _).');
  }
  return `"${name}"`;
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: number[];
}

/** Brings the schema up to the last of `migrations`, as the owner connected by `pool`. */
export async function migrate(pool: pg.Pool, migrations: readonly PostgresMigration[], options: { appRole: string }): Promise<MigrationReport> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1)?.version ?? 0;
  const app = quoteRole(options.appRole);
  const client = await reaching(() => pool.connect());
  try {
    await reaching(() => client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]));
    try {
      await client.query(SCHEMA_TABLE);
      // The server's role reads the version at start (requireSchema), and nothing more of this table.
      await client.query(`GRANT SELECT ON resetdesk_schema TO ${app}`);
      const from = await versionOn(client);
      refuseNewer(from, latest);
      const applied: number[] = [];
      for (const migration of ordered) {
        if (migration.version <= from) continue;
        await client.query('BEGIN');
        try {
          await migration.up(client, { app });
          await client.query('INSERT INTO resetdesk_schema (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
        applied.push(migration.version);
      }
      return { from, to: applied.at(-1) ?? from, applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => {});
    }
  } finally {
    client.release();
  }
}

/**
 * The schema version the database holds, checked against this code's: newer is
 * refused (STORE_SCHEMA_NEWER); older (or none) too, saying to migrate first,
 * since the server's role may not change the schema.
 */
export async function requireSchema(pool: pg.Pool, latest: number): Promise<void> {
  const version = await reaching(async () => {
    const exists = await pool.query("SELECT to_regclass('resetdesk_schema') IS NOT NULL AS present");
    return exists.rows[0].present ? versionOn(pool) : 0;
  });
  refuseNewer(version, latest);
  if (version < latest) {
    throw new DomainError(
      'INVALID_INPUT',
      `The team's database is at schema ${version} and this server needs ${latest}: run \`resetdesk store migrate\` as the database's owner first.`,
    );
  }
}

async function versionOn(client: pg.PoolClient | pg.Pool): Promise<number> {
  const { rows } = await client.query('SELECT coalesce(max(version), 0)::int AS version FROM resetdesk_schema');
  return rows[0].version as number;
}

function refuseNewer(version: number, latest: number): void {
  if (version > latest) throw new DomainError('STORE_SCHEMA_NEWER', `(database schema ${version}, this version knows up to ${latest})`);
}
