/**
 * The rows both SQL stores keep alike (the local SQLite file, the team's
 * PostgreSQL: the same column names, migrations 5–12 there and 1 here) and
 * what they are as the ports give them. Pure mapping: no SQL, no driver. A
 * boolean column comes back as 0/1 from SQLite and as a boolean from
 * PostgreSQL; Boolean() reads both.
 */
import type { StoredChainLink } from '../audit-chain';
import type { AuditEvent, VerificationMethod } from '../types';
import type { IntentLease } from './audit-store';
import type { TemporaryPasswordRecord } from './temporary-password-store';
import type { VerificationChallenge } from './verification-store';

export interface AuditRow {
  id: number;
  seq?: number | null;
  at: number;
  actor_id: string | null;
  actor_upn: string | null;
  target_id: string | null;
  target_upn: string | null;
  action: AuditEvent['action'];
  result: AuditEvent['result'];
  error_code: string | null;
  detail: string | null;
  intent_id: number | null;
  outcome_id?: number | null;
  directory?: string | null;
  owner_host?: string | null;
  owner_pid?: number | null;
  settle_after?: number | null;
  previous_hash?: string | null;
  hash?: string | null;
}

export function auditEventOf(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorUpn: row.actor_upn,
    targetId: row.target_id,
    targetUpn: row.target_upn,
    action: row.action,
    result: row.result,
    errorCode: row.error_code,
    detail: row.detail,
    intentId: row.intent_id,
    ...(row.result === 'intent' ? { outcomeId: row.outcome_id ?? null } : {}),
  };
}

/** The intent's lease; null on intents written before leases existed. */
export function leaseOfRow(row: AuditRow): IntentLease | null {
  if (row.directory == null || row.owner_host == null || row.owner_pid == null || row.settle_after == null) return null;
  return { directory: row.directory, ownerHost: row.owner_host, ownerPid: row.owner_pid, settleAfter: row.settle_after };
}

/** The event as a link of the chain (a row without a place reads as seq 0 with empty hashes: verify names it). */
export function chainLinkOf(row: AuditRow): StoredChainLink {
  return {
    seq: row.seq ?? 0,
    at: row.at,
    actorId: row.actor_id,
    actorUpn: row.actor_upn,
    targetId: row.target_id,
    targetUpn: row.target_upn,
    action: row.action,
    result: row.result,
    errorCode: row.error_code,
    detail: row.detail,
    intentId: row.intent_id,
    previousHash: row.previous_hash ?? '',
    hash: row.hash ?? '',
  };
}

export interface ChallengeRow {
  id: string;
  agent_id: string;
  target_id: string;
  target_upn: string;
  method: VerificationMethod;
  destination: string | null;
  code_hmac: string | null;
  salt: string | null;
  created_at: number;
  expires_at: number;
  attempts: number;
  status: VerificationChallenge['status'];
  verified_at: number | null;
}

export const challengeOf = (row: ChallengeRow): VerificationChallenge => ({
  id: row.id,
  agentId: row.agent_id,
  targetId: row.target_id,
  targetUpn: row.target_upn,
  method: row.method,
  destination: row.destination,
  codeHmac: row.code_hmac,
  salt: row.salt,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  attempts: row.attempts,
  status: row.status,
  verifiedAt: row.verified_at,
});

export interface TemporaryPasswordRow {
  id: number;
  target_id: string;
  target_upn: string;
  issued_at: number;
  issued_by_id: string;
  issued_by_upn: string;
  expires_at: number | null;
  delivered_to: string | null;
  force_change: number | boolean;
  first_used_at: number | null;
  changed_at: number | null;
  superseded_at: number | null;
}

export const temporaryPasswordOf = (row: TemporaryPasswordRow): TemporaryPasswordRecord => ({
  id: row.id,
  targetId: row.target_id,
  targetUpn: row.target_upn,
  issuedAt: row.issued_at,
  issuedById: row.issued_by_id,
  issuedByUpn: row.issued_by_upn,
  expiresAt: row.expires_at,
  deliveredTo: row.delivered_to,
  forceChange: Boolean(row.force_change),
  firstUsedAt: row.first_used_at,
  changedAt: row.changed_at,
  supersededAt: row.superseded_at,
});
