/**
 * The audit trail's port: append-only, whatever store keeps it (the local
 * SQLite file today, a server's database later). Every method answers a
 * Promise, so a store across the network implements it as well as the file.
 */
import type { AuditChainReport } from '../audit-chain';
import type { AuditAction, AuditDraft, AuditEvent } from '../types';

/** Which events: every field optional, all given ones must match. */
export interface AuditFilter {
  /** The whole UPN (case-insensitive). */
  targetUpn?: string;
  actorUpn?: string;
  /** Part of a UPN, as the agent types it (case-insensitive). */
  targetContains?: string;
  actorContains?: string;
  action?: AuditAction;
  /** The first and last instant included (epoch ms): a date range. */
  atFrom?: number;
  atTo?: number;
}

export interface AuditQuery extends AuditFilter {
  limit: number;
  offset?: number;
}

/** The most events `count` reads: past this the screen says "more than". */
export const AUDIT_COUNT_CAP = 100_000;

/** Append-only. Never a password. */
export interface AuditLog {
  /** Written as its own unit, or in the store's unit of work it is called from (an embedded reset's). */
  append(draft: AuditDraft, at: number): Promise<void>;
  list(query: AuditQuery): Promise<AuditEvent[]>;
  /** How many events match, up to `cap` (a result of `cap` means "at least that many"). */
  count(filter: AuditFilter, cap?: number): Promise<number>;
  /**
   * Every matching event, newest first, read a batch at a time (an export of
   * the whole trail): no read stays open while the reader awaits.
   */
  each(filter: AuditFilter): AsyncIterable<AuditEvent>;
  /**
   * Records that a change is about to be sent to a remote directory and returns
   * the intent's id. The audit written after the change names it (`intentId`)
   * and is its outcome (`settle`); an intent no outcome names is open: its
   * answer was lost or its process died, and it is settled by reading the
   * directory (main/directory/ldap/settlement.ts). Never inside a unit of work:
   * it must be written before the change leaves.
   */
  intend(draft: AuditDraft, at: number, lease: IntentLease): Promise<number>;
  /**
   * Records the one outcome of an intent. The store refuses a second one for the
   * same intent, whoever writes it: when another writer was first, nothing is
   * written and the outcome that stands is returned.
   */
  settle(draft: AuditDraft & { intentId: number }, at: number): Promise<SettledIntent>;
  /** Intents that no outcome names yet, oldest first. */
  openIntents(): Promise<OpenIntent[]>;
  /**
   * Walks the hash chain (main/domain/audit-chain.ts) from the first event to
   * the head and names the first event edited or removed below the
   * application; null `broken` when it holds.
   */
  verifyChain(): Promise<AuditChainReport>;
}

/** Who may settle an intent, and from when: written with the intent. */
export interface IntentLease {
  /** The connection profile the change went to: only its directory settles the intent. */
  directory: string;
  /** The process that sent the change: while it runs, it records the outcome itself. */
  ownerHost: string;
  ownerPid: number;
  /** ms since the epoch: from then on the change can no longer land (the profile's timeouts, with a margin). */
  settleAfter: number;
}

/** An open intent with its lease; the lease is null on intents written before it existed. */
export interface OpenIntent extends AuditEvent {
  lease: IntentLease | null;
}

/** What `settle` found: `recorded` false when another writer had settled the intent first (`outcome` is theirs). */
export interface SettledIntent {
  recorded: boolean;
  outcome: AuditEvent;
}
