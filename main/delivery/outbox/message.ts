/**
 * One message the sample's local outbox received, as the Outbox screen shows
 * it, and the screen's whole view. Plain data (it crosses IPC); no imports, so the contract and the
 * renderer can name the type without pulling in the servers.
 */
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
  /** Where it listens, e.g. "SMTP 127.0.0.1:40123 (STARTTLS), SMS http://127.0.0.1:40124/sms"; null unless running. */
  address: string | null;
  /** Why it is not running; null unless unavailable. */
  reason: string | null;
  /** Newest first; empty unless running. */
  messages: OutboxMessage[];
}
