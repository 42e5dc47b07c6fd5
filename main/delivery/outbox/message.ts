/**
 * One message the sample's local outbox received, as the Outbox screen shows
 * it, and the screen's whole view. Plain data (it crosses IPC); no imports, so the contract and the
 * renderer can name the type without pulling in the servers.
 */
/** The most messages the outbox lists, in memory and kept in the local file. */
export const OUTBOX_CAPACITY = 200;

export interface OutboxMessage {
  id: string;
  /** When it arrived, ISO 8601 UTC. */
  at: string;
  channel: 'email' | 'sms';
  from: string;
  to: string[];
  /** null for an SMS. */
  subject: string | null;
  text: string;
}

/** The Outbox screen's view of the app's outbox (IPC listOutbox). */
export interface OutboxView {
  /** 'none': the open tenant has no local outbox (only the sample has one). */
  status: 'running' | 'unavailable' | 'none';
  /** Where it listens, e.g. "SMTP 127.0.0.1:40123 (STARTTLS), SMS https://127.0.0.1:40124/sms"; null unless running. */
  address: string | null;
  /** Why it is not running; null unless unavailable. */
  reason: string | null;
  /**
   * Newest first (at most OUTBOX_CAPACITY): what is kept in the local file
   * (sent while the app was closed too) and what arrived since the app
   * started; empty when the tenant has no outbox.
   */
  messages: OutboxMessage[];
  /** Why messages are not kept, or kept ones cannot be read (the keychain); null when all is well. */
  note: string | null;
}
