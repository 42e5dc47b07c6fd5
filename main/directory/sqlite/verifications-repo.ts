import type { Database, Statement } from 'better-sqlite3';
import type { VerificationChallenge } from '../../domain/stores';
import type { VerificationMethod } from '../../domain/types';
import { challengeOf, type ChallengeRow } from '../../domain/stores/rows';

/**
 * Caller-verification challenges (migration v7). Only HMACs of codes are
 * written; whoever calls inside a transaction (the store port's
 * verifications.unit) gets the read-decide-write in one IMMEDIATE transaction.
 * "Newest" orders by rowid: two sends in the same millisecond still have an order.
 */
export class VerificationsRepo {
  readonly #sentSince: Statement<[string, string, number], { n: number }>;
  readonly #latest: Statement<[string, string, string], ChallengeRow>;
  readonly #verifiedSince: Statement<[string, string, number], ChallengeRow>;
  readonly #lastTotp: Statement<[string], ChallengeRow>;
  readonly #supersede: Statement<[string, string, string]>;
  readonly #insert: Statement;
  readonly #update: Statement;
  readonly #withdraw: Statement<[string]>;

  constructor(db: Database) {
    // A row is written before its code goes out, and kept when the send fails: a count of them is a count of sends tried.
    this.#sentSince = db.prepare(
      `SELECT count(*) AS n FROM verification_challenges WHERE target_id = ? AND method = ? AND created_at >= ?`,
    );
    this.#latest = db.prepare(
      `SELECT * FROM verification_challenges WHERE agent_id = ? AND target_id = ? AND method = ?
        ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    );
    this.#verifiedSince = db.prepare(
      `SELECT * FROM verification_challenges WHERE agent_id = ? AND target_id = ? AND status = 'verified' AND verified_at >= ?
        ORDER BY verified_at`,
    );
    this.#lastTotp = db.prepare(
      `SELECT * FROM verification_challenges WHERE target_id = ? AND method = 'totp' AND status = 'verified'
        ORDER BY created_at DESC LIMIT 1`,
    );
    this.#supersede = db.prepare(
      `UPDATE verification_challenges SET status = 'superseded'
        WHERE agent_id = ? AND target_id = ? AND method = ? AND status = 'pending'`,
    );
    this.#insert = db.prepare(
      `INSERT INTO verification_challenges (id, agent_id, target_id, target_upn, method, destination, code_hmac, salt,
         created_at, expires_at, attempts, status, verified_at)
       VALUES (@id, @agentId, @targetId, @targetUpn, @method, @destination, @codeHmac, @salt,
         @createdAt, @expiresAt, @attempts, @status, @verifiedAt)`,
    );
    this.#update = db.prepare(
      'UPDATE verification_challenges SET attempts = @attempts, status = @status, verified_at = @verifiedAt WHERE id = @id',
    );
    this.#withdraw = db.prepare(`UPDATE verification_challenges SET status = 'superseded' WHERE id = ? AND status = 'pending'`);
  }

  latest(agentId: string, targetId: string, method: VerificationMethod): VerificationChallenge | null {
    const row = this.#latest.get(agentId, targetId, method);
    return row ? challengeOf(row) : null;
  }

  verifiedSince(agentId: string, targetId: string, since: number): VerificationChallenge[] {
    return this.#verifiedSince.all(agentId, targetId, since).map(challengeOf);
  }

  sentSince(targetId: string, method: VerificationMethod, since: number): number {
    return this.#sentSince.get(targetId, method, since)!.n;
  }

  lastTotpSuccess(targetId: string): VerificationChallenge | null {
    const row = this.#lastTotp.get(targetId);
    return row ? challengeOf(row) : null;
  }

  supersede(agentId: string, targetId: string, method: VerificationMethod): void {
    this.#supersede.run(agentId, targetId, method);
  }

  insert(challenge: VerificationChallenge): void {
    this.#insert.run(challenge);
  }

  update(id: string, change: Pick<VerificationChallenge, 'attempts' | 'status' | 'verifiedAt'>): void {
    this.#update.run({ id, ...change });
  }

  withdraw(id: string): void {
    this.#withdraw.run(id);
  }
}
