import type { Database, Statement } from 'better-sqlite3';
import type { AuditAction, AuditDraft, AuditEvent } from '../../domain/types';

import type { AuditFilter, AuditLog, AuditQuery } from '../../domain/local-store';
import { AUDIT_COUNT_CAP } from '../../domain/local-store';

export { AUDIT_COUNT_CAP, type AuditFilter, type AuditQuery } from '../../domain/local-store';

/** LIKE pattern for "contains", with LIKE's own wildcards in the text taken literally. */
const containsPattern = (text: string | undefined) =>
  text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;

function filterParams(filter: AuditFilter) {
  return {
    targetUpn: filter.targetUpn ?? null,
    actorUpn: filter.actorUpn ?? null,
    targetLike: containsPattern(filter.targetContains),
    actorLike: containsPattern(filter.actorContains),
    action: filter.action ?? null,
  };
}

// Optional filters as "param IS NULL OR column = param" keep one prepared statement per query.
const WHERE = `
      WHERE (@targetUpn IS NULL OR target_upn = @targetUpn)
        AND (@actorUpn IS NULL OR actor_upn = @actorUpn COLLATE NOCASE)
        AND (@targetLike IS NULL OR target_upn LIKE @targetLike ESCAPE '\\')
        AND (@actorLike IS NULL OR actor_upn LIKE @actorLike ESCAPE '\\')
        AND (@action IS NULL OR action = @action)`;

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
  };
}

/** Append-only audit trail. Callers append inside the transaction of the change. */
export class AuditRepo implements AuditLog {
  readonly #insert: Statement;
  readonly #list: Statement<Record<string, unknown>, AuditRow>;
  readonly #all: Statement<Record<string, unknown>, AuditRow>;
  readonly #count: Statement<Record<string, unknown>, { n: number }>;
  readonly #open: Statement<[], AuditRow>;

  constructor(db: Database) {
    this.#insert = db.prepare(`
      INSERT INTO audit_events (at, actor_id, actor_upn, target_id, target_upn, action, result, error_code, detail, intent_id)
      VALUES (@at, @actorId, @actorUpn, @targetId, @targetUpn, @action, @result, @errorCode, @detail, @intentId)`);
    this.#open = db.prepare(`
      SELECT * FROM audit_events i
      WHERE result = 'intent' AND NOT EXISTS (SELECT 1 FROM audit_events o WHERE o.intent_id = i.id)
      ORDER BY id`);
    this.#list = db.prepare(`SELECT * FROM audit_events ${WHERE} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`);
    this.#all = db.prepare(`SELECT * FROM audit_events ${WHERE} ORDER BY at DESC, id DESC`);
    // Counting stops at the cap, so a filter over millions of events costs no more than the cap.
    this.#count = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM audit_events ${WHERE} LIMIT @cap)`);
  }

  append(draft: AuditDraft, at: number): void {
    this.#insert.run({ ...draft, detail: draft.detail ?? null, intentId: draft.intentId ?? null, at });
  }

  intend(draft: AuditDraft, at: number): number {
    const { lastInsertRowid } = this.#insert.run({
      ...draft,
      result: 'intent',
      errorCode: null,
      detail: draft.detail ?? null,
      intentId: null,
      at,
    });
    return Number(lastInsertRowid);
  }

  openIntents(): AuditEvent[] {
    return this.#open.all().map(toEvent);
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

  /** Every matching event, newest first, read row by row (an export of the whole trail). */
  *each(filter: AuditFilter): Generator<AuditEvent> {
    for (const row of this.#all.iterate(filterParams(filter))) yield toEvent(row);
  }
}
