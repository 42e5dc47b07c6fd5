/**
 * The audit trail's hash chain, the same in every store (the local SQLite
 * file, the team's PostgreSQL): each event carries the hash of the one before
 * it and of its own facts, so an event edited or removed by hand, below the
 * application (a SQL client, another program on the file), breaks the chain
 * from that event on, and `resetdesk audit verify` names the first one.
 *
 * What it cannot prove: that the newest events were not cut off together with
 * the chain's head, or that someone who can write the whole table did not
 * compute a new chain. The stores keep the head apart and the server's role may
 * not update or delete events; the chain catches the rest.
 *
 * The hash itself (SHA-256) is the adapter's: the domain names the bytes only.
 */

/** The previous hash of the first event. */
export const AUDIT_CHAIN_START = '0'.repeat(64);

/** The facts of an event the chain covers, as the store keeps them (times in ms since the epoch). */
export interface ChainedAuditFacts {
  seq: number;
  at: number;
  actorId: string | null;
  actorUpn: string | null;
  targetId: string | null;
  targetUpn: string | null;
  action: string;
  result: string;
  errorCode: string | null;
  detail: string | null;
  intentId: number | null;
}

/**
 * The text hashed for one event: the previous hash and the facts in a fixed
 * order, as JSON (so no value can pass for a separator).
 */
export function auditChainText(previousHash: string, facts: ChainedAuditFacts): string {
  return JSON.stringify([
    previousHash,
    facts.seq,
    facts.at,
    facts.actorId,
    facts.actorUpn,
    facts.targetId,
    facts.targetUpn,
    facts.action,
    facts.result,
    facts.errorCode,
    facts.detail,
    facts.intentId,
  ]);
}

/** An event as read back for a check: its facts and the hashes stored with it. */
export interface StoredChainLink extends ChainedAuditFacts {
  previousHash: string;
  hash: string;
}

/** Where the chain breaks: the first event that was edited, the place one was removed, or an event written around it. */
export interface AuditChainBreak {
  /** The event's position in the chain (1 is the first); for 'unchained', the place after the last event checked. */
  seq: number;
  why: 'edited' | 'removed' | 'head' | 'unchained';
  /** For 'unchained': the id of an event that has no place in the chain (inserted by hand). */
  eventId?: number;
}

export interface AuditChainReport {
  /** Events checked. */
  checked: number;
  /** null: the chain holds from the first event to the head. */
  broken: AuditChainBreak | null;
}

/**
 * Walks the events oldest first and names the first break: an event whose
 * stored hash is not the hash of its facts and its predecessor's hash
 * (edited), a position missing (removed), or a head that names another last
 * event than the one found (the newest removed).
 */
export async function verifyAuditChain(
  links: AsyncIterable<StoredChainLink> | Iterable<StoredChainLink>,
  hash: (text: string) => string,
  head: { seq: number; hash: string } | null,
): Promise<AuditChainReport> {
  let previous = { seq: 0, hash: AUDIT_CHAIN_START };
  let checked = 0;
  for await (const link of links) {
    if (link.seq !== previous.seq + 1) return { checked, broken: { seq: previous.seq + 1, why: 'removed' } };
    if (link.previousHash !== previous.hash || link.hash !== hash(auditChainText(previous.hash, link))) {
      return { checked, broken: { seq: link.seq, why: 'edited' } };
    }
    checked += 1;
    previous = { seq: link.seq, hash: link.hash };
  }
  if (head && (head.seq !== previous.seq || head.hash !== previous.hash)) {
    return { checked, broken: { seq: Math.min(head.seq, previous.seq + 1), why: 'head' } };
  }
  return { checked, broken: null };
}
