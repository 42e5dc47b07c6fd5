/**
 * Mail over SMTP with nodemailer, always encrypted: STARTTLS required
 * ('starttls', a submission port such as 587) or TLS from the first byte
 * ('tls', 465). The server's certificate must verify against the system's CAs
 * or the tenant's own CA (caPem), TLS 1.2 at least; nothing is sent in clear.
 *
 * nodemailer is imported on the first send, not when this file loads: the CLI
 * opens the tenant's delivery for every command that may send, and its start
 * time is benchmarked. Its logger and debug output stay off: they would print
 * the conversation, message included.
 */
import { rootCertificates } from 'node:tls';
import type { Transporter } from 'nodemailer';
import { DomainError } from '../domain/errors';
import { DELIVERY_SECRET_ACCOUNTS, type SmtpSettings } from '../domain/delivery-settings';
import type { SecretStore } from '../secrets/secret-store';
import type { Mailer, OutgoingEmail } from './delivery';
import { deliveryFailed, networkFault, timedOut } from './failure';
import { pinnedTls } from './pinned-tls';
import { readDeliverySecret } from './secrets';

export const SMTP_TIMEOUT_MS = 10_000;

export interface SmtpMailerOptions {
  tenantId: string;
  secrets: SecretStore;
  /** Connection, greeting and socket timeouts. Default 10 s. */
  timeoutMs?: number;
  /** Appended when nothing listens (the sample's outbox: which app to start). */
  unreachableHint?: string;
  /** The server is the sample's local outbox: only this certificate is trusted there (not the system's CAs). */
  outboxCertPem?: string | null;
}

interface SmtpFailure {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

export class SmtpMailer implements Mailer {
  readonly #settings: SmtpSettings;
  readonly #options: SmtpMailerOptions;
  #transport: Promise<Transporter> | undefined;

  constructor(settings: SmtpSettings, options: SmtpMailerOptions) {
    this.#settings = settings;
    this.#options = options;
  }

  get #where(): string {
    return `${this.#settings.host}:${this.#settings.port}`;
  }

  async send(mail: OutgoingEmail): Promise<void> {
    const transport = await this.#transporter();
    const text = typeof mail.text === 'string' ? mail.text : mail.text.reveal();
    try {
      await transport.sendMail({ from: this.#settings.from, to: [...mail.to], subject: mail.subject, text });
    } catch (error) {
      throw this.#failure(error);
    }
  }

  async close(): Promise<void> {
    const pending = this.#transport;
    this.#transport = undefined;
    if (pending) (await pending.catch(() => null))?.close();
  }

  #transporter(): Promise<Transporter> {
    this.#transport ??= this.#createTransport().catch((error: unknown) => {
      // A keychain that was locked may be unlocked for the next try.
      this.#transport = undefined;
      throw error;
    });
    return this.#transport;
  }

  async #createTransport(): Promise<Transporter> {
    const { host, port, security, username, caPem } = this.#settings;
    const { tenantId, secrets } = this.#options;
    const timeout = this.#options.timeoutMs ?? SMTP_TIMEOUT_MS;
    const password = username
      ? await readDeliverySecret(secrets, DELIVERY_SECRET_ACCOUNTS.smtpPassword(tenantId), 'SMTP password')
      : null;
    const nodemailer = await import('nodemailer');
    return nodemailer.createTransport({
      host,
      port,
      secure: security === 'tls',
      // STARTTLS or nothing: a server that does not offer it gets no message.
      requireTLS: security === 'starttls',
      ...(username && password !== null ? { auth: { user: username, pass: password } } : {}),
      tls: {
        minVersion: 'TLSv1.2',
        rejectUnauthorized: true,
        servername: isIpAddress(host) ? undefined : host,
        // Setting `ca` replaces Node's roots: keep them, and add the tenant's; for the outbox, its certificate alone.
        ...(this.#options.outboxCertPem ? pinnedTls(this.#options.outboxCertPem) : caPem ? { ca: [...rootCertificates, caPem] } : {}),
      },
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      dnsTimeout: timeout,
      logger: false,
      debug: false,
      transactionLog: false,
    });
  }

  #failure(error: unknown): DomainError {
    if (error instanceof DomainError) return error;
    const where = this.#where;
    const timeout = this.#options.timeoutMs ?? SMTP_TIMEOUT_MS;
    const network = networkFault(error, where, timeout, this.#options.unreachableHint);
    if (network) return deliveryFailed(network);
    const { code, responseCode, command } = (error ?? {}) as SmtpFailure;
    const status = typeof responseCode === 'number' ? ` (SMTP ${responseCode})` : '';
    if (code === 'ETLS' && command === 'STARTTLS')
      return deliveryFailed(`${where} does not offer STARTTLS${status}, so nothing was sent in clear.`);
    if (code === 'ETLS') return deliveryFailed(`The TLS connection to ${where} could not be set up.`);
    if (code === 'EAUTH') return deliveryFailed(`${where} refused the SMTP user name or password${status}.`);
    if (code === 'EENVELOPE' && command === 'RCPT TO') return deliveryFailed(`${where} refused the recipient${status}.`);
    if (code === 'EENVELOPE' && command === 'MAIL FROM') return deliveryFailed(`${where} refused the sender address${status}.`);
    if (code === 'EENVELOPE' && command === 'DATA') return deliveryFailed(`${where} refused the message${status}.`);
    if (code === 'ETIMEDOUT') return deliveryFailed(timedOut(where, timeout));
    return deliveryFailed(`The SMTP server at ${where} failed${status}.`);
  }
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
