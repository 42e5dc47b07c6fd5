import type { Database, Statement } from 'better-sqlite3';
import type { KeptOutboxBound, KeptOutboxRecord } from '../../domain/stores';

interface Row {
  id: string;
  received_at: number;
  channel: 'email' | 'sms';
  sealed: string;
}

const toRecord = (row: Row): KeptOutboxRecord => ({ id: row.id, receivedAt: row.received_at, channel: row.channel, sealed: row.sealed });

/**
 * The sample outbox's messages (outbox_messages, migration v8), sealed by the
 * caller before they come here: this repo never sees a message in clear. Each
 * insert prunes what is past the bound in the same transaction, so the table
 * never holds more than the newest `keep`, nor anything older than `since`.
 */
export class OutboxRepo {
  readonly #insert: Statement<[string, number, string, string]>;
  readonly #pruneOld: Statement<[number]>;
  readonly #pruneBeyond: Statement<[number]>;
  readonly #list: Statement<[number, number], Row>;

  constructor(db: Database) {
    this.#insert = db.prepare('INSERT INTO outbox_messages (id, received_at, channel, sealed) VALUES (?, ?, ?, ?)');
    this.#pruneOld = db.prepare('DELETE FROM outbox_messages WHERE received_at < ?');
    this.#pruneBeyond = db.prepare(
      `DELETE FROM outbox_messages WHERE id NOT IN
         (SELECT id FROM outbox_messages ORDER BY received_at DESC, rowid DESC LIMIT ?)`,
    );
    this.#list = db.prepare(
      'SELECT id, received_at, channel, sealed FROM outbox_messages WHERE received_at >= ? ORDER BY received_at DESC, rowid DESC LIMIT ?',
    );
  }

  /** Inserts and prunes; the caller runs it in one transaction. */
  add(record: KeptOutboxRecord, bound: KeptOutboxBound): void {
    this.#insert.run(record.id, record.receivedAt, record.channel, record.sealed);
    this.#pruneOld.run(bound.since);
    this.#pruneBeyond.run(bound.keep);
  }

  list(bound: KeptOutboxBound): KeptOutboxRecord[] {
    return this.#list.all(bound.since, bound.keep).map(toRecord);
  }
}
