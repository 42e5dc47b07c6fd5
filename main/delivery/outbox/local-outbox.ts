/**
 * The sample tenant's outbox: a real SMTP server (STARTTLS required before
 * MAIL FROM, no AUTH) and an HTTPS SMS endpoint that accepts HttpSmsGateway's
 * POST, both on 127.0.0.1 only and both serving the sample's own certificate,
 * which the senders trust alone (so nobody else listening on these ports is
 * taken for the outbox). What they receive is listed in memory (the newest
 * 200) and handed to `keep` (the sealed copy in the local file: kept-outbox.ts)
 * before it is acknowledged, so a sender that was told "accepted" knows the
 * message is kept.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { OUTBOX_CAPACITY, type OutboxMessage } from './message';

export { OUTBOX_CAPACITY };
export const OUTBOX_MAX_EMAIL_BYTES = 1024 * 1024;
const MAX_SMS_BODY_BYTES = 16 * 1024;
const HOST = '127.0.0.1';

export interface LocalOutboxOptions {
  certPem: string;
  keyPem: string;
  /** 0: an ephemeral port (tests); read the actual one from `smtpPort`. */
  smtpPort: number;
  smsPort: number;
  /** The JSON field names the SMS endpoint reads. Default to/text/from. */
  smsFields?: { to: string; text: string; from: string };
  /**
   * Keeps a message before it is acknowledged; when it rejects, the message is
   * refused (SMTP 451, HTTP 503) and not listed: the sender learns it failed.
   */
  keep?: (message: OutboxMessage) => Promise<void>;
  /** What stamps a message's arrival (ms); default the system's. The kept copy's bound is reckoned by the same clock. */
  clock?: () => number;
}

/** Resolves once the message is kept and listed; rejects when it could not be kept. */
type Receive = (message: Omit<OutboxMessage, 'id' | 'at'>) => Promise<void>;

export class LocalOutbox {
  readonly #messages: OutboxMessage[] = [];
  readonly #events = new EventEmitter();
  readonly #smtp: SMTPServer;
  readonly #sms: Server;
  #closed = false;

  private constructor(options: LocalOutboxOptions) {
    const fields = options.smsFields ?? { to: 'to', text: 'text', from: 'from' };
    const clock = options.clock ?? Date.now;
    const receive: Receive = (message) => this.#add({ id: randomUUID(), at: new Date(clock()).toISOString(), ...message }, options.keep);
    this.#smtp = smtpServer(options, receive);
    const https = createServer({ key: options.keyPem, cert: options.certPem, minVersion: 'TLSv1.2' }, (req, res) =>
      void handleSms(req, res, fields, receive, https),
    );
    this.#sms = https;
    // smtp-server re-emits every connection's error (a client hanging up mid
    // TLS handshake...) on itself: without a listener one would end the app.
    this.#smtp.on('error', () => {});
    https.on('clientError', (_error, socket) => socket.destroy());
    // A client that does not speak TLS, or distrusts the certificate: nothing to answer.
    https.on('tlsClientError', (_error, socket) => socket.destroy());
  }

  /** Starts both servers; rejects (and leaves nothing listening) when a port is taken. */
  static async start(options: LocalOutboxOptions): Promise<LocalOutbox> {
    const outbox = new LocalOutbox(options);
    try {
      await listen(outbox.#smtp.server, options.smtpPort, outbox.#smtp);
      await listen(outbox.#sms, options.smsPort, outbox.#sms);
    } catch (error) {
      await outbox.close();
      throw error;
    }
    return outbox;
  }

  get smtpPort(): number {
    return (this.#smtp.server.address() as AddressInfo).port;
  }

  get smsPort(): number {
    return (this.#sms.address() as AddressInfo).port;
  }

  /** Newest first; copies, so a caller cannot change what the outbox holds. */
  list(): OutboxMessage[] {
    return this.#messages.map((m) => ({ ...m, to: [...m.to] }));
  }

  /** Calls `listener` with each message once it is listed (kept first, where it is kept); the function returned stops it. */
  onMessage(listener: (message: OutboxMessage) => void): () => void {
    const each = (message: OutboxMessage) => listener({ ...message, to: [...message.to] });
    this.#events.on('message', each);
    return () => void this.#events.off('message', each);
  }

  /** The first message (already here or arriving) that matches; rejects after timeoutMs. */
  waitFor(predicate: (message: OutboxMessage) => boolean, timeoutMs = 10_000): Promise<OutboxMessage> {
    const found = this.#messages.find(predicate);
    if (found) return Promise.resolve({ ...found, to: [...found.to] });
    return new Promise((resolve, reject) => {
      const onMessage = (message: OutboxMessage) => {
        if (!predicate(message)) return;
        clearTimeout(timer);
        this.#events.off('message', onMessage);
        resolve({ ...message, to: [...message.to] });
      };
      const timer = setTimeout(() => {
        this.#events.off('message', onMessage);
        reject(new Error(`No outbox message matched within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.#events.on('message', onMessage);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#sms.closeAllConnections();
    await Promise.all([
      new Promise<void>((resolve) => this.#smtp.close(() => resolve())),
      new Promise<void>((resolve) => this.#sms.close(() => resolve())),
    ]);
  }

  async #add(full: OutboxMessage, keep: LocalOutboxOptions['keep']): Promise<void> {
    await keep?.({ ...full, to: [...full.to] });
    this.#messages.unshift(full);
    this.#messages.length = Math.min(this.#messages.length, OUTBOX_CAPACITY);
    this.#events.emit('message', full);
  }
}

/** Listens on HOST:port; `errors` is where a failure to listen is emitted. */
async function listen(server: Server | SMTPServer['server'], port: number, errors: EventEmitter): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    errors.once('error', onError);
    server.listen(port, HOST, () => {
      errors.off('error', onError);
      resolve();
    });
  });
}

function smtpServer(options: LocalOutboxOptions, receive: Receive): SMTPServer {
  return new SMTPServer({
    secure: false,
    key: options.keyPem,
    cert: options.certPem,
    minVersion: 'TLSv1.2',
    name: 'localhost',
    banner: 'Resetdesk sample outbox',
    authOptional: true,
    disabledCommands: ['AUTH'],
    size: OUTBOX_MAX_EMAIL_BYTES,
    logger: false,
    // A closing app should not wait 30 s for a client that hangs on.
    closeTimeout: 1000,
    onConnect(session, callback) {
      callback(isLoopback(session.remoteAddress) ? null : smtpError('Loopback only', 554));
    },
    onMailFrom(_address, session: SMTPServerSession, callback) {
      // Like a real submission server: nothing is accepted before STARTTLS.
      callback(session.secure ? null : smtpError('Must issue a STARTTLS command first', 530));
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError('Message too large', 552));
        simpleParser(Buffer.concat(chunks)).then(
          (mail) =>
            receive({
              channel: 'email',
              from: addressText(mail.from) ?? session.envelope.mailFrom?.toString() ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              text: (mail.text ?? '').replace(/\n$/, ''),
            }).then(
              () => callback(),
              () => callback(smtpError('Message could not be kept', 451)),
            ),
          () => callback(smtpError('Message could not be read', 550)),
        );
      });
    },
  });
}

function addressText(address: AddressObject | AddressObject[] | undefined): string | null {
  if (!address) return null;
  const list = Array.isArray(address) ? address : [address];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean).join(', ') || null;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

async function handleSms(
  req: IncomingMessage,
  res: ServerResponse,
  fields: { to: string; text: string; from: string },
  receive: Receive,
  server: Server,
): Promise<void> {
  const answer = (status: number) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status === 202 }));
  };
  const port = (server.address() as AddressInfo).port;
  // A web page in a browser on this computer could aim at the endpoint: insist
  // on our own Host (DNS rebinding) and on JSON (no simple cross-origin POST).
  const hostOk = req.headers.host === `${HOST}:${port}` || req.headers.host === `localhost:${port}`;
  const jsonOk = (req.headers['content-type'] ?? '').split(';')[0]?.trim() === 'application/json';
  if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/sms') return answer(404);
  if (!hostOk || !jsonOk || !isLoopback(req.socket.remoteAddress)) return answer(400);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_SMS_BODY_BYTES) return answer(413);
    chunks.push(chunk);
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return answer(400);
  }
  const to = body[fields.to];
  const text = body[fields.text];
  const from = body[fields.from];
  if (typeof to !== 'string' || typeof text !== 'string') return answer(400);
  try {
    await receive({ channel: 'sms', from: typeof from === 'string' ? from : '', to: [to], subject: null, text });
  } catch {
    return answer(503);
  }
  answer(202);
}
