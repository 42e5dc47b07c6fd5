/**
 * Runs the sample tenant's local outbox inside the app: the SMTP server and
 * SMS endpoint its delivery settings point at, started when the open local
 * file's tenant has `localOutbox` (at start-up, and once the first run has
 * created the sample), stopped when the file closes or the settings no longer
 * name it. A port another program holds makes the outbox 'unavailable' with
 * the reason, never a crash: the app works on, only sending to the sample fails.
 *
 * What it receives is kept sealed in the local file (kept-outbox.ts) as well
 * as listed here, and the view shows both: what the CLI sent while the app was
 * closed (its own outbox, started for the send: outbox/on-demand.ts) is there
 * when the app opens. Without a keychain the app's outbox still shows what
 * arrives, until the app closes, and the view says it is not kept.
 *
 * The CLI sends to the same ports, so `resetdesk verify send` reaches the
 * outbox of the app that is running.
 */
import type { DirectoryHost } from './directory-host';
import type { LocalOutboxSettings } from '../domain/delivery-settings';
import { DomainError } from '../domain/errors';
import { KeptOutbox } from '../delivery/outbox/kept-outbox';
import type { LocalOutbox, LocalOutboxOptions } from '../delivery/outbox/local-outbox';
import { OUTBOX_CAPACITY, type OutboxMessage, type OutboxView } from '../delivery/outbox/message';
import { localOutboxOptionsOf } from '../delivery/outbox/tenant-outbox';

export type { OutboxView };

/** What the IPC handlers need of the host. */
export interface OutboxControl {
  /** Starts, restarts or stops the outbox to match the open local file. */
  sync(): Promise<void>;
  view(): Promise<OutboxView>;
  /** Calls `listener` when a message arrives, once it is listed (none of its text); the function returned stops it. */
  onReceived(listener: (arrival: OutboxArrival) => void): () => void;
}

/** That a message arrived, and no more: who may read it is the view's to decide. */
export interface OutboxArrival {
  channel: OutboxMessage['channel'];
  at: string;
}

interface Wanted {
  path: string;
  ports: LocalOutboxSettings;
  certPem: string;
  keyPem: string | null;
  clock: () => number;
}

/** Where LocalOutbox comes from: the real servers, loaded with the first sample that needs them. */
export type OutboxStarter = (options: LocalOutboxOptions) => Promise<LocalOutbox>;

/** Waits between tries while a port is still held (see #startPatiently). */
const PORT_RETRY_MS = [100, 200, 400, 800];

const startLocalOutbox: OutboxStarter = async (options) => (await import('../delivery/outbox/local-outbox')).LocalOutbox.start(options);

export class OutboxHost implements OutboxControl {
  readonly #host: DirectoryHost;
  readonly #start: OutboxStarter;
  #running: { key: string; outbox: LocalOutbox } | null = null;
  #unavailable: { key: string; reason: string } | null = null;
  /** Why the last message that arrived was not kept; null once one is. */
  #notKept: string | null = null;
  /** sync() calls run one after another: two at once must not start two outboxes. */
  #queue: Promise<void> = Promise.resolve();
  #closed = false;
  readonly #arrivals = new Set<(arrival: OutboxArrival) => void>();

  constructor(host: DirectoryHost, start: OutboxStarter = startLocalOutbox) {
    this.#host = host;
    this.#start = start;
  }

  sync(): Promise<void> {
    const run = this.#queue.then(() => this.#sync());
    this.#queue = run.catch(() => {});
    return run;
  }

  onReceived(listener: (arrival: OutboxArrival) => void): () => void {
    const entry = (arrival: OutboxArrival) => listener(arrival);
    this.#arrivals.add(entry);
    return () => void this.#arrivals.delete(entry);
  }

  async view(): Promise<OutboxView> {
    const running = this.#running?.outbox ?? null;
    if (!running && !this.#unavailable) return { status: 'none', address: null, reason: null, messages: [], note: null };
    const { messages, note } = await this.#messages(running?.list() ?? []);
    if (running) {
      const address = `SMTP 127.0.0.1:${running.smtpPort} (STARTTLS), SMS https://127.0.0.1:${running.smsPort}/sms`;
      return { status: 'running', address, reason: null, messages, note };
    }
    return { status: 'unavailable', address: null, reason: this.#unavailable!.reason, messages, note };
  }

  /** What the file keeps and what arrived here, one list newest first; and why some may be missing. */
  async #messages(live: OutboxMessage[]): Promise<{ messages: OutboxMessage[]; note: string | null }> {
    let kept: OutboxMessage[] = [];
    let note = this.#notKept;
    try {
      const read = (await this.#keptNow()?.list()) ?? { messages: [], unreadable: 0 };
      kept = read.messages;
      if (read.unreadable > 0) note ??= `${read.unreadable} kept message${read.unreadable === 1 ? '' : 's'} cannot be opened with this keychain's key.`;
    } catch (error) {
      note ??= `The messages kept in the local file cannot be read: ${wordsOf(error)}`;
    }
    const byId = new Map<string, OutboxMessage>();
    for (const message of [...live, ...kept]) if (!byId.has(message.id)) byId.set(message.id, message);
    const messages = [...byId.values()].sort((a, b) => b.at.localeCompare(a.at)).slice(0, OUTBOX_CAPACITY);
    return { messages, note };
  }

  /** Stops the outbox for good (quit). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    await this.#stop();
  }

  async #sync(): Promise<void> {
    if (this.#closed) return;
    const wanted = await this.#wanted();
    const key = wanted ? `${wanted.path}|${wanted.ports.smtpPort}|${wanted.ports.smsPort}` : null;
    // Running as wanted: nothing to do. Unavailable: tried again on every sync (the
    // Outbox screen's read: on opening, and when the window gets the focus back), so
    // closing the program that held the port and coming back to Resetdesk is enough.
    if (key !== null && (this.#running?.key === key || (this.#unavailable?.key === key && wanted?.keyPem === null))) return;
    await this.#stop();
    if (!wanted || key === null) return;
    if (wanted.keyPem === null) {
      this.#unavailable = { key, reason: "The sample's outbox key is missing from the local file: create the sample again." };
      return;
    }
    try {
      const keep = (message: OutboxMessage) => this.#keep(message);
      const outbox = await this.#startPatiently({ certPem: wanted.certPem, keyPem: wanted.keyPem, ...wanted.ports, keep, clock: wanted.clock });
      outbox.onMessage(({ channel, at }) => {
        // A listener's failure must not refuse the message: it is listed already.
        for (const listener of [...this.#arrivals]) {
          try {
            listener({ channel, at });
          } catch {
            // the window reads the list again on its next open or focus
          }
        }
      });
      this.#running = { key, outbox };
    } catch (error) {
      this.#unavailable = { key, reason: startFailure(error, wanted.ports) };
    }
  }

  /**
   * A port still held by the app's previous run (just quit, its sockets
   * closing; the e2e suite starts one app after another on the same sample) is
   * free a moment later: a few tries over about 1.5 s before saying
   * 'unavailable', so the first code sent after a restart does not find nothing
   * listening. Any other failure is reported at once.
   */
  async #startPatiently(options: Parameters<OutboxStarter>[0]): Promise<LocalOutbox> {
    for (const wait of PORT_RETRY_MS) {
      try {
        return await this.#start(options);
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code !== 'EADDRINUSE' || this.#closed) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    return this.#start(options);
  }

  /**
   * The app's outbox keeps each message in the file; one that cannot be kept
   * (no keychain) is still shown until the app closes, and the view says so:
   * never refused, since the agent is looking at this very outbox.
   */
  async #keep(message: OutboxMessage): Promise<void> {
    try {
      const kept = this.#keptNow();
      if (!kept) throw new DomainError('INTERNAL');
      await kept.keep(message);
      this.#notKept = null;
    } catch (error) {
      this.#notKept = `Messages arriving now are shown until Resetdesk closes, not kept: ${wordsOf(error)}`;
    }
  }

  async #wanted(): Promise<Wanted | null> {
    const services = this.#host.services;
    const options = services ? await localOutboxOptionsOf(services.stores) : null;
    if (!services || !options) return null;
    const { smtpPort, smsPort, certPem, keyPem } = options;
    return { path: this.#host.location, ports: { smtpPort, smsPort }, certPem, keyPem, clock: services.stores.clock };
  }

  /** The open file's kept messages (the services of the moment: the directory may have been switched). */
  #keptNow(): KeptOutbox | null {
    const services = this.#host.services;
    return services ? new KeptOutbox(services.stores, services.secrets) : null;
  }

  async #stop(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    this.#unavailable = null;
    this.#notKept = null;
    await running?.outbox.close();
  }
}

/** An error's words for the view: a DomainError's own (they name no secret), else a plain sentence. */
function wordsOf(error: unknown): string {
  return error instanceof DomainError ? error.message : 'the local file could not be read.';
}

/** One line for the Outbox screen: which port, and what to do. */
function startFailure(error: unknown, ports: LocalOutboxSettings): string {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `127.0.0.1:${ports.smtpPort} or 127.0.0.1:${ports.smsPort}`;
  if (code === 'EADDRINUSE')
    return `Another program (or another Resetdesk) is using ${where}, so the sample's outbox did not start. Close it and open Resetdesk again.`;
  if (code === 'EACCES') return `This computer does not let Resetdesk listen on ${where}.`;
  return `The sample's outbox could not start on ${where}.`;
}
