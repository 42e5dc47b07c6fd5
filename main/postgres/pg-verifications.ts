/**
 * Caller-verification challenges on the team's PostgreSQL. A unit is one
 * transaction that first takes a transaction-scoped advisory lock, so units
 * run one at a time across every server on the database: the hourly send
 * limit is counted and the code inserted with no other send in between.
 */
import type pg from 'pg';
import type { Clock } from '../domain/clock';
import type { VerificationReads, VerificationStore, VerificationUnit } from '../domain/stores';
import { reaching } from './connection';
import { appendChained } from './pg-audit';
import { inTransaction, reachingSql, type Sql } from './pg-unit';
import { challengeOf, type ChallengeRow } from '../domain/stores/rows';

/** pg_advisory_(xact_)lock's key for verification units ("RESETDK" + 2). */
const UNIT_LOCK = (0x5245_5345_5444_4b02n).toString();

const one = async (sql: Sql, text: string, values: unknown[]) => {
  const row = (await sql.query(text, values)).rows[0] as ChallengeRow | undefined;
  return row ? challengeOf(row) : null;
};

function reads(sql: () => Promise<Sql> | Sql): VerificationReads {
  return {
    latest: async (agentId, targetId, method) =>
      one(await sql(), 'SELECT * FROM verification_challenges WHERE agent_id = $1 AND target_id = $2 AND method = $3 ORDER BY created_at DESC, n DESC LIMIT 1', [
        agentId,
        targetId,
        method,
      ]),
    verifiedSince: async (agentId, targetId, since) =>
      ((
        await (await sql()).query(
          `SELECT * FROM verification_challenges WHERE agent_id = $1 AND target_id = $2 AND status = 'verified' AND verified_at >= $3 ORDER BY verified_at`,
          [agentId, targetId, since],
        )
      ).rows as ChallengeRow[]).map(challengeOf),
    lastTotpSuccess: async (targetId) =>
      one(await sql(), `SELECT * FROM verification_challenges WHERE target_id = $1 AND method = 'totp' AND status = 'verified' ORDER BY created_at DESC, n DESC LIMIT 1`, [
        targetId,
      ]),
    sentSince: async (targetId, method, since) =>
      ((await (await sql()).query('SELECT count(*)::int AS n FROM verification_challenges WHERE target_id = $1 AND method = $2 AND created_at >= $3', [
        targetId,
        method,
        since,
      ])).rows[0] as { n: number }).n,
  };
}

function unitOn(client: pg.PoolClient, now: number, clock: Clock): VerificationUnit {
  return {
    now,
    ...reads(() => client),
    supersede: async (agentId, targetId, method) =>
      void (await client.query(
        `UPDATE verification_challenges SET status = 'superseded' WHERE agent_id = $1 AND target_id = $2 AND method = $3 AND status = 'pending'`,
        [agentId, targetId, method],
      )),
    insert: async (c) =>
      void (await client.query(
        `INSERT INTO verification_challenges (id, agent_id, target_id, target_upn, method, destination, code_hmac, salt, created_at, expires_at, attempts, status, verified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [c.id, c.agentId, c.targetId, c.targetUpn, c.method, c.destination, c.codeHmac, c.salt, c.createdAt, c.expiresAt, c.attempts, c.status, c.verifiedAt],
      )),
    update: async (id, change) =>
      void (await client.query('UPDATE verification_challenges SET attempts = $2, status = $3, verified_at = $4 WHERE id = $1', [
        id,
        change.attempts,
        change.status,
        change.verifiedAt,
      ])),
    withdraw: async (id) => void (await client.query(`UPDATE verification_challenges SET status = 'superseded' WHERE id = $1 AND status = 'pending'`, [id])),
    audit: async (draft) => void (await appendChained(client, { at: clock(), draft, result: draft.result, lease: null })),
  };
}

export function pgVerifications(pool: pg.Pool, clock: Clock): VerificationStore {
  return {
    ...reads(() => reachingSql(pool)),
    unit: (work) =>
      inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [UNIT_LOCK]);
        return work(unitOn(client, clock(), clock));
      }),
    serialise: (work) =>
      reaching(async () => {
        const client = await pool.connect();
        try {
          await client.query('SELECT pg_advisory_lock($1)', [UNIT_LOCK]);
          try {
            return await work();
          } finally {
            await client.query('SELECT pg_advisory_unlock($1)', [UNIT_LOCK]).catch(() => {});
          }
        } finally {
          client.release();
        }
      }),
  };
}
