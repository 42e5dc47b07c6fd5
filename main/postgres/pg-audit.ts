/**
 * The audit on the team's PostgreSQL: append-only for the server's role (it
 * may insert and read, migration 1), each event at the chain's next place
 * (main/domain/audit-chain.ts), taken under audit_head's row lock, which also
 * orders appends from several servers. An intent's one outcome is kept by
 * audit_outcomes' primary key; a second one rolls back its savepoint and the
 * outcome that stands is answered.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { auditChainText, verifyAuditChain, type StoredChainLink } from '../domain/audit-chain';
import { AUDIT_COUNT_CAP, type AuditFilter, type AuditLog, type IntentLease, type OpenIntent } from '../domain/stores';
import type { AuditDraft, AuditEvent } from '../domain/types';
import { inTransaction, rows, type Sql } from './pg-unit';
import { auditEventOf, chainLinkOf, leaseOfRow, type AuditRow } from '../domain/stores/rows';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const SELECT = 'SELECT e.*, o.outcome_id FROM audit_events e LEFT JOIN audit_outcomes o ON o.intent_id = e.id';
// The filter's parameters are $1..$7; "param IS NULL OR …" keeps one statement per query.
const WHERE = `WHERE e.at BETWEEN $1 AND $2
  AND ($3::text IS NULL OR lower(e.target_upn) = lower($3))
  AND ($4::text IS NULL OR lower(e.actor_upn) = lower($4))
  AND ($5::text IS NULL OR e.target_upn ILIKE $5 ESCAPE '\\')
  AND ($6::text IS NULL OR e.actor_upn ILIKE $6 ESCAPE '\\')
  AND ($7::text IS NULL OR e.action = $7)`;

const contains = (text: string | undefined) => (text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null);

function filterValues(filter: AuditFilter): unknown[] {
  return [
    filter.atFrom ?? Number.MIN_SAFE_INTEGER,
    filter.atTo ?? Number.MAX_SAFE_INTEGER,
    filter.targetUpn ?? null,
    filter.actorUpn ?? null,
    contains(filter.targetContains),
    contains(filter.actorContains),
    filter.action ?? null,
  ];
}

interface Fact {
  at: number;
  draft: AuditDraft;
  result: AuditEvent['result'];
  lease: IntentLease | null;
}

/** Inserts one event at the chain's next place, inside the caller's transaction; returns its id. */
export async function appendChained(sql: Sql, fact: Fact): Promise<number> {
  const head = (await sql.query('SELECT seq, hash FROM audit_head WHERE singleton = 1 FOR UPDATE')).rows[0] as { seq: number; hash: string };
  const seq = head.seq + 1;
  const { draft } = fact;
  const facts = {
    seq,
    at: fact.at,
    actorId: draft.actorId,
    actorUpn: draft.actorUpn,
    targetId: draft.targetId,
    targetUpn: draft.targetUpn,
    action: draft.action,
    result: fact.result,
    errorCode: fact.result === 'intent' ? null : draft.errorCode,
    detail: draft.detail ?? null,
    intentId: fact.result === 'intent' ? null : (draft.intentId ?? null),
  };
  const hash = sha256(auditChainText(head.hash, facts));
  await sql.query(
    `INSERT INTO audit_events (id, seq, at, actor_id, actor_upn, target_id, target_upn, action, result, error_code, detail, intent_id,
       directory, owner_host, owner_pid, settle_after, previous_hash, hash)
     VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      seq, facts.at, facts.actorId, facts.actorUpn, facts.targetId, facts.targetUpn, facts.action, facts.result, facts.errorCode, facts.detail,
      facts.intentId, fact.lease?.directory ?? null, fact.lease?.ownerHost ?? null, fact.lease?.ownerPid ?? null, fact.lease?.settleAfter ?? null,
      head.hash, hash,
    ],
  );
  await sql.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE singleton = 1', [seq, hash]);
  return seq;
}

const isSecondOutcome = (error: unknown) => (error as { code?: string; constraint?: string }).code === '23505';

const BATCH = 500;

export function pgAudit(pool: pg.Pool): AuditLog {
  const append = (draft: AuditDraft, at: number) =>
    inTransaction(pool, (c) => appendChained(c, { at, draft, result: draft.result, lease: null })).then(() => undefined);
  return {
    append,
    list: async (query) =>
      (await rows<AuditRow>(pool, `${SELECT} ${WHERE} ORDER BY e.at DESC, e.id DESC LIMIT $8 OFFSET $9`, [...filterValues(query), query.limit, query.offset ?? 0])).map(auditEventOf),
    count: async (filter, cap = AUDIT_COUNT_CAP) =>
      (await rows<{ n: number }>(pool, `SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_events e ${WHERE} LIMIT $8) s`, [...filterValues(filter), cap]))[0]!.n,
    async *each(filter) {
      // By key (at, id), a batch at a time: no cursor stays open while the reader awaits.
      let after: { at: number; id: number } | null = null;
      for (;;) {
        const batch: AuditRow[] = await rows<AuditRow>(
          pool,
          `${SELECT} ${WHERE} AND ($8::bigint IS NULL OR e.at < $8 OR (e.at = $8 AND e.id < $9)) ORDER BY e.at DESC, e.id DESC LIMIT $10`,
          [...filterValues(filter), after?.at ?? null, after?.id ?? null, BATCH],
        );
        for (const row of batch) yield auditEventOf(row);
        if (batch.length < BATCH) return;
        const last = batch.at(-1)!;
        after = { at: last.at, id: last.id };
      }
    },
    intend: (draft, at, lease) => inTransaction(pool, (c) => appendChained(c, { at, draft, result: 'intent', lease })),
    settle: (draft, at) =>
      inTransaction(pool, async (c) => {
        await c.query('SAVEPOINT outcome');
        let recorded = true;
        try {
          await appendChained(c, { at, draft, result: draft.result, lease: null });
          await c.query('RELEASE SAVEPOINT outcome');
        } catch (error) {
          if (!isSecondOutcome(error)) throw error;
          await c.query('ROLLBACK TO SAVEPOINT outcome');
          recorded = false;
        }
        const standing = (await c.query(`SELECT e.* FROM audit_outcomes o JOIN audit_events e ON e.id = o.outcome_id WHERE o.intent_id = $1`, [draft.intentId]))
          .rows[0] as AuditRow;
        return { recorded, outcome: auditEventOf(standing) };
      }),
    openIntents: async () =>
      (
        await rows<AuditRow>(
          pool,
          `SELECT * FROM audit_events i WHERE result = 'intent' AND NOT EXISTS (SELECT 1 FROM audit_outcomes o WHERE o.intent_id = i.id) ORDER BY id`,
        )
      ).map((row): OpenIntent => ({ ...auditEventOf(row), outcomeId: null, lease: leaseOfRow(row) })),
    async verifyChain() {
      const [head] = await rows<{ seq: number; hash: string }>(pool, 'SELECT seq, hash FROM audit_head WHERE singleton = 1');
      const upTo = head?.seq ?? 0;
      async function* links(): AsyncGenerator<StoredChainLink> {
        let after = 0;
        while (after < upTo) {
          const batch = await rows<AuditRow>(pool, 'SELECT * FROM audit_events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT 1000', [after, upTo]);
          if (batch.length === 0) return;
          yield* batch.map(chainLinkOf);
          after = batch.at(-1)!.seq ?? upTo;
        }
      }
      return verifyAuditChain(links(), sha256, head ?? null);
    },
  };
}
