/**
 * The sample outbox's messages kept in the local file, so that what the CLI
 * sent while the app was closed is there when the app opens, and `resetdesk
 * outbox list` can read it. A message may carry a one-time code or a
 * temporary password, so it is kept sealed whole (main/secrets/sealing.ts:
 * AES-256-GCM under a key the OS keychain holds, account
 * `outbox-seal:<tenant>`, made with the first message), bound to its row and
 * tenant; the file alone gives nothing. Kept: the newest 200, none older than
 * 7 days (pruned at each arrival; older ones are not listed either).
 */
import type { KeptOutboxBound, Stores } from '../../domain/stores';
import type { SecretStore } from '../../secrets/secret-store';
import { openSealed, sealText } from '../../secrets/sealing';
import { storedTenantKey, tenantKey } from '../../secrets/tenant-key';
import { DomainError } from '../../domain/errors';
import { OUTBOX_CAPACITY, type OutboxMessage } from './message';

export const KEPT_OUTBOX_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export const outboxSealAccount = (tenantId: string) => `outbox-seal:${tenantId}`;

const PROTECTS = { protects: "the sample outbox's messages" };

/** What is sealed: the message but for its id, time and channel (kept plain, for the order and the bound). */
interface SealedPart {
  from: string;
  to: string[];
  subject: string | null;
  text: string;
}

export interface KeptMessages {
  /** Newest first. */
  messages: OutboxMessage[];
  /** Kept messages that do not open with this keychain's key (another machine's, or changed). */
  unreadable: number;
}

export class KeptOutbox {
  readonly #local: Pick<Stores, 'outbox' | 'tenant' | 'clock'>;
  readonly #secrets: SecretStore;

  constructor(local: Pick<Stores, 'outbox' | 'tenant' | 'clock'>, secrets: SecretStore) {
    this.#local = local;
    this.#secrets = secrets;
  }

  /** The sealing key, made now if there is none: SECRET_STORE_UNAVAILABLE before anything is sent to an outbox that cannot keep it. */
  async ready(): Promise<void> {
    await this.#key((await this.#local.tenant.get()).tenantId, true);
  }

  /** Seals and keeps one message (the LocalOutbox's `keep`): resolves once it is in the file. */
  async keep(message: OutboxMessage): Promise<void> {
    const tenantId = (await this.#local.tenant.get()).tenantId;
    const key = await this.#key(tenantId, true);
    const part: SealedPart = { from: message.from, to: message.to, subject: message.subject, text: message.text };
    const receivedAt = Date.parse(message.at);
    const sealed = sealText(key, JSON.stringify(part), this.#boundData(tenantId, message.id, message.channel, receivedAt));
    await this.#local.outbox.add({ id: message.id, receivedAt, channel: message.channel, sealed }, this.#bound());
  }

  /** What is kept, newest first, at most `limit`. The keychain is asked only when something is kept. */
  async list(limit: number = OUTBOX_CAPACITY): Promise<KeptMessages> {
    const records = await this.#local.outbox.list({ ...this.#bound(), keep: Math.min(limit, OUTBOX_CAPACITY) });
    if (records.length === 0) return { messages: [], unreadable: 0 };
    const tenantId = (await this.#local.tenant.get()).tenantId;
    const key = await this.#key(tenantId, false);
    const messages: OutboxMessage[] = [];
    let unreadable = 0;
    for (const record of records) {
      const opened = openSealed(key, record.sealed, this.#boundData(tenantId, record.id, record.channel, record.receivedAt));
      const part = opened === null ? null : parsePart(opened);
      if (!part) unreadable++;
      else messages.push({ id: record.id, at: new Date(record.receivedAt).toISOString(), channel: record.channel, ...part });
    }
    return { messages, unreadable };
  }

  async #key(tenantId: string, create: boolean): Promise<Buffer> {
    const account = outboxSealAccount(tenantId);
    if (create) return tenantKey(this.#secrets, account, PROTECTS);
    const key = await storedTenantKey(this.#secrets, account, PROTECTS);
    if (!key) throw new DomainError('SECRET_STORE_UNAVAILABLE', "The key that sealed the sample outbox's messages is not in this keychain.");
    return key;
  }

  #bound(): KeptOutboxBound {
    return { keep: OUTBOX_CAPACITY, since: this.#local.clock() - KEPT_OUTBOX_DAYS * DAY_MS };
  }

  /** The additional data a sealed message is bound to: moved to another row or tenant, it does not open. */
  #boundData(tenantId: string, id: string, channel: string, receivedAt: number): string {
    return `outbox|${tenantId}|${id}|${channel}|${receivedAt}`;
  }
}

function parsePart(text: string): SealedPart | null {
  try {
    const part = JSON.parse(text) as Partial<SealedPart>;
    if (typeof part.from !== 'string' || typeof part.text !== 'string' || !Array.isArray(part.to)) return null;
    return { from: part.from, to: part.to.map(String), subject: typeof part.subject === 'string' ? part.subject : null, text: part.text };
  } catch {
    return null;
  }
}

