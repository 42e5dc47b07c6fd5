/**
 * The audit's hash chain in the local file (main/domain/audit-chain.ts): the
 * SHA-256 of each event's chain text, and the chaining of the events a file
 * held before the chain existed (migration 12). Appends take the head under the file's
 * write lock (an IMMEDIATE transaction, or the one the caller holds), so two
 * processes on one file never give two events the same place.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AUDIT_CHAIN_START, auditChainText, type ChainedAuditFacts } from '../../domain/audit-chain';
import { chainLinkOf, type AuditRow } from '../../domain/stores/rows';

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The hash of an event whose facts and predecessor are given. */
export const linkHash = (previousHash: string, facts: ChainedAuditFacts): string => sha256Hex(auditChainText(previousHash, facts));

/**
 * Gives every event written before the chain existed its place and hash, in
 * id order, and sets the head (migration 12).
 */
export function chainExistingEvents(db: Database): void {
  const rows = db.prepare('SELECT * FROM audit_events ORDER BY id').iterate() as Iterable<AuditRow>;
  const update = db.prepare('UPDATE audit_events SET seq = ?, previous_hash = ?, hash = ? WHERE id = ?');
  let previous = AUDIT_CHAIN_START;
  let seq = 0;
  const links: [number, string, string, number][] = [];
  for (const row of rows) {
    seq += 1;
    const hash = linkHash(previous, chainLinkOf({ ...row, seq }));
    links.push([seq, previous, hash, row.id]);
    previous = hash;
  }
  // Written after the read: an UPDATE while iterating the same table would be refused.
  for (const link of links) update.run(...link);
  db.prepare('INSERT INTO audit_head (singleton, seq, hash) VALUES (1, ?, ?)').run(seq, previous);
}
