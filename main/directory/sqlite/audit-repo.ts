import type { Database, Statement } from 'better-sqlite3';
import type { AuditDraft, AuditEvent } from '../../domain/types';

import type { AuditFilter, AuditQuery, IntentLease, OpenIntent, SettledIntent } from '../../domain/stores';
import { AUDIT_COUNT_CAP } from '../../domain/stores';
import type { ChainedAuditFacts, StoredChainLink } from '../../domain/audit-chain';
import { linkHash } from './audit-chain-sqlite';
import { auditEventOf, chainLinkOf, leaseOfRow, type AuditRow } from '../../domain/stores/rows';

export { AUDIT_COUNT_CAP, type AuditFilter, type AuditQuery } from '../../domain/stores';

/** LIKE pattern for "contains", with LIKE's own wildcards in the text taken literally. */
const containsPattern = (text: string | undefined) =>
  text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;

/** The statements' parameters for a filter (exported with AUDIT_LIST_SQL for the query-plan test). */
export function filterParams(filter: AuditFilter) {
  return {
    targetUpn: filter.targetUpn ?? null,
    actorUpn: filter.actorUpn ?? null,
    targetLike: containsPattern(filter.targetContains),
    actorLike: containsPattern(filter.actorContains),
    action: filter.action ?? null,
    // Always bound, so the range is an index range on audit_events_at (migration 5), not a scan.
    atFrom: filter.atFrom ?? Number.MIN_SAFE_INTEGER,
    atTo: filter.atTo ?? Number.MAX_SAFE_INTEGER,
  };
}

// Optional filters as "param IS NULL OR column = param" keep one prepared statement per query.
// An intent's outcome (audit_outcomes, migration 9) comes with it: NULL while it is being checked.
const SELECT = `SELECT e.*, o.outcome_id FROM audit_events e LEFT JOIN audit_outcomes o ON o.intent_id = e.id`;
const WHERE = `
      WHERE at BETWEEN @atFrom AND @atTo
        AND (@targetUpn IS NULL OR target_upn = @targetUpn)
        AND (@actorUpn IS NULL OR actor_upn = @actorUpn COLLATE NOCASE)
        AND (@targetLike IS NULL OR target_upn LIKE @targetLike ESCAPE '\\')
        AND (@actorLike IS NULL OR actor_upn LIKE @actorLike ESCAPE '\\')
        AND (@action IS NULL OR action = @action)`;

/** A page of the trail, newest first (exported for the query-plan test: the date range is an index range). */
export const AUDIT_LIST_SQL = `${SELECT} ${WHERE} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`;

/** An event's facts as the insert statements take them: what the chain covers, but its place. */
type ChainParams = Omit<ChainedAuditFacts, 'seq'>;

/** A second outcome for one intent: refused by audit_outcomes' primary key (through the trigger). */
function isSecondOutcome(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT') && /audit_outcomes\.intent_id/.test(String(message));
}

/**
 * Append-only audit trail. Callers append inside the transaction of the change.
 * Each event takes the next place in the hash chain (migration 12,
 * main/domain/audit-chain.ts) in the same transaction as its row.
 */
export class AuditRepo {
  readonly #db: Database;
  readonly #insert: Statement;
  readonly #intend: Statement;
  readonly #head: Statement<[], { seq: number; hash: string }>;
  readonly #setHead: Statement<[number, string]>;
  readonly #links: Statement<[number, number, number], AuditRow>;
  readonly #list: Statement<Record<string, unknown>, AuditRow>;
  readonly #batch: Statement<Record<string, unknown>, AuditRow>;
  readonly #count: Statement<Record<string, unknown>, { n: number }>;
  readonly #open: Statement<[], AuditRow>;
  readonly #outcomeOf: Statement<[number], AuditRow>;

  constructor(db: Database) {
    this.#db = db;
    this.#insert = db.prepare(`
      INSERT INTO audit_events (at, actor_id, actor_upn, target_id, target_upn, action, result, error_code, detail, intent_id,
                                seq, previous_hash, hash)
      VALUES (@at, @actorId, @actorUpn, @targetId, @targetUpn, @action, @result, @errorCode, @detail, @intentId,
              @seq, @previousHash, @hash)`);
    this.#intend = db.prepare(`
      INSERT INTO audit_events (at, actor_id, actor_upn, target_id, target_upn, action, result, error_code, detail,
                                directory, owner_host, owner_pid, settle_after, seq, previous_hash, hash)
      VALUES (@at, @actorId, @actorUpn, @targetId, @targetUpn, @action, @result, NULL, @detail,
              @directory, @ownerHost, @ownerPid, @settleAfter, @seq, @previousHash, @hash)`);
    this.#head = db.prepare('SELECT seq, hash FROM audit_head WHERE singleton = 1');
    this.#setHead = db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE singleton = 1');
    this.#links = db.prepare('SELECT * FROM audit_events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?');
    this.#open = db.prepare(`
      SELECT * FROM audit_events i
      WHERE result = 'intent' AND NOT EXISTS (SELECT 1 FROM audit_outcomes o WHERE o.intent_id = i.id)
      ORDER BY id`);
    this.#outcomeOf = db.prepare(`
      SELECT e.* FROM audit_outcomes o JOIN audit_events e ON e.id = o.outcome_id WHERE o.intent_id = ?`);
    this.#list = db.prepare(AUDIT_LIST_SQL);
    // After the key (at, id): at <= the key's (the index range) and, at the key's own instant, a lower id.
    this.#batch = db.prepare(
      `${SELECT} ${WHERE} AND (@afterId IS NULL OR at < @afterAt OR e.id < @afterId) ORDER BY at DESC, id DESC LIMIT @limit`,
    );
    // Counting stops at the cap, so a filter over millions of events costs no more than the cap.
    this.#count = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM audit_events e ${WHERE} LIMIT @cap)`);
  }

  append(draft: AuditDraft, at: number): void {
    this.#chained(this.#insert, { ...draft, detail: draft.detail ?? null, intentId: draft.intentId ?? null, at });
  }

  /**
   * Inserts one event at the chain's next place and moves the head, in one
   * transaction taken IMMEDIATE (the file's write lock before the head is
   * read), or as a savepoint of the caller's: no other writer can take the
   * same place. Returns the event's id.
   */
  #chained(statement: Statement, row: ChainParams & Record<string, unknown>): number {
    const write = this.#db.transaction(() => {
      const head = this.#head.get()!;
      const seq = head.seq + 1;
      // auditChainText reads the chained facts by name: the lease's columns beside them are not hashed.
      const hash = linkHash(head.hash, { ...row, seq });
      const { lastInsertRowid } = statement.run({ ...row, seq, previousHash: head.hash, hash });
      this.#setHead.run(seq, hash);
      return Number(lastInsertRowid);
    });
    return write.immediate();
  }

  /** The chain's links after `afterSeq` up to `upToSeq`, oldest first, at most `limit` (audit verify). */
  links(afterSeq: number, upToSeq: number, limit: number): StoredChainLink[] {
    return this.#links.all(afterSeq, upToSeq, limit).map(chainLinkOf);
  }

  /** An event without a place in the chain (written around it), if any. */
  unchained(): number | null {
    return (this.#db.prepare('SELECT id FROM audit_events WHERE seq IS NULL ORDER BY id LIMIT 1').get() as { id: number } | undefined)?.id ?? null;
  }

  head(): { seq: number; hash: string } | null {
    return this.#head.get() ?? null;
  }

  /** An intent, with its lease (absent: an intent like those written before leases, which anyone settles). */
  intend(draft: AuditDraft, at: number, lease?: IntentLease): number {
    return this.#chained(this.#intend, {
      ...draft,
      result: 'intent',
      errorCode: null,
      intentId: null,
      detail: draft.detail ?? null,
      at,
      directory: lease?.directory ?? null,
      ownerHost: lease?.ownerHost ?? null,
      ownerPid: lease?.ownerPid ?? null,
      settleAfter: lease?.settleAfter ?? null,
    });
  }

  /**
   * The intent's outcome, unless it has one: then nothing is written (the
   * statement fails on audit_outcomes' primary key and is undone whole) and
   * the outcome that stands is returned.
   */
  settle(draft: AuditDraft & { intentId: number }, at: number): SettledIntent {
    let recorded = true;
    try {
      this.append(draft, at);
    } catch (error) {
      if (!isSecondOutcome(error)) throw error;
      recorded = false;
    }
    return { recorded, outcome: auditEventOf(this.#outcomeOf.get(draft.intentId)!) };
  }

  openIntents(): OpenIntent[] {
    return this.#open.all().map((row) => ({ ...auditEventOf(row), outcomeId: null, lease: leaseOfRow(row) }));
  }

  list(query: AuditQuery): AuditEvent[] {
    return this.#list
      .all({ ...filterParams(query), limit: query.limit, offset: query.offset ?? 0 })
      .map(auditEventOf);
  }

  /** How many events match, up to `cap` (a result of `cap` means "at least that many"). */
  count(filter: AuditFilter, cap = AUDIT_COUNT_CAP): number {
    return this.#count.get({ ...filterParams(filter), cap })?.n ?? 0;
  }

  /**
   * The next `limit` matching events, newest first, after `after` (the last one
   * of the batch before; null: from the newest). Batches by key, not by
   * offset, so reading the whole trail costs one index walk, and no statement
   * stays open between batches (the connection stays free while the reader awaits).
   */
  batch(filter: AuditFilter, after: { at: number; id: number } | null, limit: number): AuditEvent[] {
    const params = filterParams(filter);
    return this.#batch
      .all({ ...params, atTo: after ? Math.min(after.at, params.atTo) : params.atTo, afterAt: after?.at ?? null, afterId: after?.id ?? null, limit })
      .map(auditEventOf);
  }
}
