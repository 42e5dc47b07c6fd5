import type { Database, Statement } from 'better-sqlite3';
import type { AuditAction, AuditDraft, AuditEvent } from '../../domain/types';

import type { AuditFilter, AuditQuery, IntentLease, OpenIntent, SettledIntent } from '../../domain/stores';
import { AUDIT_COUNT_CAP } from '../../domain/stores';

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

interface AuditRow {
  id: number;
  at: number;
  actor_id: string | null;
  actor_upn: string | null;
  target_id: string | null;
  target_upn: string | null;
  action: AuditAction;
  result: AuditEvent['result'];
  error_code: string | null;
  detail: string | null;
  intent_id: number | null;
  outcome_id?: number | null;
  directory?: string | null;
  owner_host?: string | null;
  owner_pid?: number | null;
  settle_after?: number | null;
}

function toEvent(row: AuditRow): AuditEvent {
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

function leaseOf(row: AuditRow): IntentLease | null {
  if (row.directory == null || row.owner_host == null || row.owner_pid == null || row.settle_after == null) return null;
  return { directory: row.directory, ownerHost: row.owner_host, ownerPid: row.owner_pid, settleAfter: row.settle_after };
}

/** A second outcome for one intent: refused by audit_outcomes' primary key (through the trigger). */
function isSecondOutcome(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT') && /audit_outcomes\.intent_id/.test(String(message));
}

/** Append-only audit trail. Callers append inside the transaction of the change. */
export class AuditRepo {
  readonly #insert: Statement;
  readonly #intend: Statement;
  readonly #list: Statement<Record<string, unknown>, AuditRow>;
  readonly #batch: Statement<Record<string, unknown>, AuditRow>;
  readonly #count: Statement<Record<string, unknown>, { n: number }>;
  readonly #open: Statement<[], AuditRow>;
  readonly #outcomeOf: Statement<[number], AuditRow>;

  constructor(db: Database) {
    this.#insert = db.prepare(`
      INSERT INTO audit_events (at, actor_id, actor_upn, target_id, target_upn, action, result, error_code, detail, intent_id)
      VALUES (@at, @actorId, @actorUpn, @targetId, @targetUpn, @action, @result, @errorCode, @detail, @intentId)`);
    this.#intend = db.prepare(`
      INSERT INTO audit_events (at, actor_id, actor_upn, target_id, target_upn, action, result, error_code, detail,
                                directory, owner_host, owner_pid, settle_after)
      VALUES (@at, @actorId, @actorUpn, @targetId, @targetUpn, @action, 'intent', NULL, @detail,
              @directory, @ownerHost, @ownerPid, @settleAfter)`);
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
    this.#insert.run({ ...draft, detail: draft.detail ?? null, intentId: draft.intentId ?? null, at });
  }

  /** An intent, with its lease (absent: an intent like those written before leases, which anyone settles). */
  intend(draft: AuditDraft, at: number, lease?: IntentLease): number {
    const { lastInsertRowid } = this.#intend.run({
      ...draft,
      detail: draft.detail ?? null,
      at,
      directory: lease?.directory ?? null,
      ownerHost: lease?.ownerHost ?? null,
      ownerPid: lease?.ownerPid ?? null,
      settleAfter: lease?.settleAfter ?? null,
    });
    return Number(lastInsertRowid);
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
    return { recorded, outcome: toEvent(this.#outcomeOf.get(draft.intentId)!) };
  }

  openIntents(): OpenIntent[] {
    return this.#open.all().map((row) => ({ ...toEvent(row), outcomeId: null, lease: leaseOf(row) }));
  }

  list(query: AuditQuery): AuditEvent[] {
    return this.#list
      .all({ ...filterParams(query), limit: query.limit, offset: query.offset ?? 0 })
      .map(toEvent);
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
      .map(toEvent);
  }
}
