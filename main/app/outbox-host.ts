/**
 * Runs the sample tenant's local outbox inside the app: the SMTP server and
 * SMS endpoint its delivery settings point at, started when the open local
 * file's tenant has `localOutbox` (at start-up, and once the first run has
 * created the sample), stopped when the file closes or the settings no longer
 * name it. A port another program holds makes the outbox 'unavailable' with
 * the reason, never a crash: the app works on, only sending to the sample fails.
 *
 * The CLI sends to the same ports, so `resetdesk verify send` reaches the
 * outbox of the app that is running; with no app, the mailer's refusal says
 * to start one (open-delivery.ts).
 */
import type { DirectoryHost } from './directory-host';
import type { LocalOutboxSettings } from '../domain/delivery-settings';
import type { LocalOutbox } from '../delivery/outbox/local-outbox';
import type { OutboxView } from '../delivery/outbox/message';
import { localOutboxOptionsOf } from '../delivery/outbox/tenant-outbox';

export type { OutboxView };

/** What the IPC handlers need of the host. */
export interface OutboxControl {
  /** Starts, restarts or stops the outbox to match the open local file. */
  sync(): Promise<void>;
  view(): OutboxView;
}

interface Wanted {
  path: string;
  ports: LocalOutboxSettings;
  certPem: string;
  keyPem: string | null;
}

/** Where LocalOutbox comes from: the real servers, loaded with the first sample that needs them. */
export type OutboxStarter = (options: { certPem: string; keyPem: string; smtpPort: number; smsPort: number }) => Promise<LocalOutbox>;

/** Waits between tries while a port is still held (see #startPatiently). */
const PORT_RETRY_MS = [100, 200, 400, 800];

const startLocalOutbox: OutboxStarter = async (options) => (await import('../delivery/outbox/local-outbox')).LocalOutbox.start(options);

export class OutboxHost implements OutboxControl {
  readonly #host: DirectoryHost;
  readonly #start: OutboxStarter;
  #running: { key: string; outbox: LocalOutbox } | null = null;
  #unavailable: { key: string; reason: string } | null = null;
  /** sync() calls run one after another: two at once must not start two outboxes. */
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(host: DirectoryHost, start: OutboxStarter = startLocalOutbox) {
    this.#host = host;
    this.#start = start;
  }

  sync(): Promise<void> {
    const run = this.#queue.then(() => this.#sync());
    this.#queue = run.catch(() => {});
    return run;
  }

  view(): OutboxView {
    if (this.#running) {
      const { outbox } = this.#running;
      return {
        status: 'running',
        address: `SMTP 127.0.0.1:${outbox.smtpPort} (STARTTLS), SMS http://127.0.0.1:${outbox.smsPort}/sms`,
        reason: null,
        messages: outbox.list(),
      };
    }
    if (this.#unavailable) return { status: 'unavailable', address: null, reason: this.#unavailable.reason, messages: [] };
    return { status: 'none', address: null, reason: null, messages: [] };
  }

  /** Stops the outbox for good (quit). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    await this.#stop();
  }

  async #sync(): Promise<void> {
    if (this.#closed) return;
    const wanted = this.#wanted();
    const key = wanted ? `${wanted.path}|${wanted.ports.smtpPort}|${wanted.ports.smsPort}` : null;
    // Running as wanted: nothing to do. Unavailable: tried again on every sync (the
    // Outbox screen's refresh), so closing the program that held the port is enough.
    if (key !== null && (this.#running?.key === key || (this.#unavailable?.key === key && wanted?.keyPem === null))) return;
    await this.#stop();
    if (!wanted || key === null) return;
    if (wanted.keyPem === null) {
      this.#unavailable = { key, reason: "The sample's outbox key is missing from the local file: create the sample again." };
      return;
    }
    try {
      const outbox = await this.#startPatiently({ certPem: wanted.certPem, keyPem: wanted.keyPem, ...wanted.ports });
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

  #wanted(): Wanted | null {
    const local = this.#host.services?.local;
    const options = local ? localOutboxOptionsOf(local) : null;
    if (!local || !options) return null;
    const { smtpPort, smsPort, certPem, keyPem } = options;
    return { path: local.path, ports: { smtpPort, smsPort }, certPem, keyPem };
  }

  async #stop(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    this.#unavailable = null;
    await running?.outbox.close();
  }
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
