/**
 * One transaction on one pooled connection, with the failure to reach the
 * database turned into its DomainError. Every write of the team store goes
 * through here, so a unit is all or nothing.
 */
import type pg from 'pg';
import { reaching } from './connection';

export type Sql = Pick<pg.PoolClient, 'query'>;

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return reaching(async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    } finally {
      client.release();
    }
  });
}

/** A read on any pooled connection. */
export async function rows<R>(pool: pg.Pool, text: string, values: unknown[] = []): Promise<R[]> {
  return reaching(async () => (await pool.query(text, values)).rows as R[]);
}

/**
 * The pool as an Sql whose every statement turns a failure to reach the
 * database into its DomainError (STORE_UNAVAILABLE…): what the ports' single
 * statements run on.
 */
export function reachingSql(pool: pg.Pool): Sql {
  return { query: ((text: string, values?: unknown[]) => reaching(() => pool.query(text, values))) as Sql['query'] };
}
