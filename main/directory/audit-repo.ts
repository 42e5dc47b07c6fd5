import type { Database, Statement } from 'better-sqlite3';
import type { AuditAction, AuditEvent } from './types';

/** What the engine records; id and time are added here. Never a password. */
export type AuditDraft = Omit<AuditEvent, 'id' | 'at' | 'detail'> & { detail?: string | null };

export interface AuditQuery {
  targetUpn?: string;
  actorUpn?: string;
  action?: AuditAction;
  limit: number;
  offset?: number;
}

interface AuditRow {
  id: number;
  at: number;
  actor_id: string | null;
  actor_upn: string | null;
  target_id: string | null;
  target_upn: string | null;
  action: AuditAction;
  result: 'success' | 'failure';
  error_code: string | null;
  detail: string | null;
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
  };
}

/** Append-only audit trail. Callers append inside the transaction of the change. */
export class AuditRepo {
  readonly #insert: Statement;
  readonly #list: Statement<Record<string, unknown>, AuditRow>;

  constructor(db: Database) {
    this.#insert = db.prepare(`
      INSERT INTO audit_events (at, actor_id, actor_upn, target_id, target_upn, action, result, error_code, detail)
      VALUES (@at, @actorId, @actorUpn, @targetId, @targetUpn, @action, @result, @errorCode, @detail)`);
    // Optional filters as "param IS NULL OR column = param" keep this one prepared statement.
    this.#list = db.prepare(`
      SELECT * FROM audit_events
      WHERE (@targetUpn IS NULL OR target_upn = @targetUpn)
        AND (@actorUpn IS NULL OR actor_upn = @actorUpn COLLATE NOCASE)
        AND (@action IS NULL OR action = @action)
      ORDER BY at DESC, id DESC
      LIMIT @limit OFFSET @offset`);
  }

  append(draft: AuditDraft, at: number): void {
    this.#insert.run({ ...draft, detail: draft.detail ?? null, at });
  }

  list(query: AuditQuery): AuditEvent[] {
    return this.#list
      .all({
        targetUpn: query.targetUpn ?? null,
        actorUpn: query.actorUpn ?? null,
        action: query.action ?? null,
        limit: query.limit,
        offset: query.offset ?? 0,
      })
      .map(toEvent);
  }
}
