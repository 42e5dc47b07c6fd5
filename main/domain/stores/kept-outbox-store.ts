/**
 * One message the sample's local outbox received, as the store keeps it:
 * sealed whole (sender, recipients, subject, text), never in clear; only when
 * it arrived and by which channel are plain, for the bound and the order.
 */
export interface KeptOutboxRecord {
  id: string;
  receivedAt: number;
  channel: 'email' | 'sms';
  sealed: string;
}

/** How many kept messages stay: the newest `keep`, none received before `since` (ms). */
export interface KeptOutboxBound {
  keep: number;
  since: number;
}

export interface KeptOutboxStore {
  /** Keeps one and drops those past the bound, in one unit. */
  add(record: KeptOutboxRecord, bound: KeptOutboxBound): Promise<void>;
  /** Newest first, within the bound. */
  list(bound: KeptOutboxBound): Promise<KeptOutboxRecord[]>;
}
