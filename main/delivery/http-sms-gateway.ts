/**
 * SMS through an HTTPS POST, the shape SMS providers offer: a JSON body
 * {[fields.to]: number, [fields.text]: text, [fields.from]: sender} and, when
 * the keychain holds a token for the tenant, `Authorization: Bearer <token>`.
 * HTTPS only, to every host: plain http, even to this computer, would hand a
 * code to whoever listens on the port. The sample's outbox is reached over
 * HTTPS too, trusting its own certificate alone (pinned-tls.ts). Redirects are
 * not followed: a 3xx is a failure like any non-2xx answer.
 */
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { DELIVERY_SECRET_ACCOUNTS, type SmsGatewaySettings } from '../domain/delivery-settings';
import type { SecretStore } from '../secrets/secret-store';
import type { OutgoingSms, SmsGateway } from './delivery';
import { deliveryFailed, networkFault } from './failure';
import { pinnedTls } from './pinned-tls';
import { readDeliverySecret } from './secrets';

export const SMS_TIMEOUT_MS = 10_000;

export interface HttpSmsGatewayOptions {
  tenantId: string;
  secrets: SecretStore;
  timeoutMs?: number;
  /** Appended when nothing listens (the sample's outbox: which app to start). */
  unreachableHint?: string;
  /**
   * The gateway is the sample's local outbox: only this certificate is trusted
   * there (not the system's CAs, not caPem), and no token is asked of the
   * keychain, since the outbox takes none (the sample works with no keychain).
   */
  outboxCertPem?: string | null;
}

export class HttpSmsGateway implements SmsGateway {
  readonly #settings: SmsGatewaySettings;
  readonly #options: HttpSmsGatewayOptions;

  constructor(settings: SmsGatewaySettings, options: HttpSmsGatewayOptions) {
    this.#settings = settings;
    this.#options = options;
  }

  async send(sms: OutgoingSms): Promise<void> {
    const { url: raw, fields, from, caPem } = this.#settings;
    const url = parseGatewayUrl(raw);
    const where = url.host;
    const outboxCert = this.#options.outboxCertPem ?? null;
    const token =
      outboxCert === null
        ? await readDeliverySecret(this.#options.secrets, DELIVERY_SECRET_ACCOUNTS.smsToken(this.#options.tenantId), 'SMS gateway token', true)
        : null;
    const body = JSON.stringify({
      [fields.to]: sms.to,
      [fields.text]: typeof sms.text === 'string' ? sms.text : sms.text.reveal(),
      ...(from ? { [fields.from]: from } : {}),
    });
    const timeout = this.#options.timeoutMs ?? SMS_TIMEOUT_MS;
    const options: RequestOptions & { minVersion: 'TLSv1.2'; rejectUnauthorized: true; ca?: string[] } = {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      timeout,
      minVersion: 'TLSv1.2',
      rejectUnauthorized: true,
      // `ca` replaces Node's roots: keep them and add the tenant's; for the outbox, its certificate alone.
      ...(outboxCert !== null ? pinnedTls(outboxCert) : caPem ? { ca: [...rootCertificates, caPem] } : {}),
    };
    let status: number;
    try {
      status = await post(url, options, body, timeout);
    } catch (error) {
      throw deliveryFailed(
        networkFault(error, where, timeout, this.#options.unreachableHint) ?? `The SMS gateway at ${where} could not be reached.`,
      );
    }
    if (status < 200 || status > 299) throw deliveryFailed(`The SMS gateway at ${where} refused the message (HTTP ${status}).`);
  }
}

/** The gateway URL, https only; anything else is refused before a byte is sent. */
export function parseGatewayUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw deliveryFailed('The SMS gateway URL is not a valid URL.');
  }
  if (url.protocol === 'https:') return url;
  throw deliveryFailed('The SMS gateway URL must use https://, so nothing was sent.');
}

function post(url: URL, options: RequestOptions, body: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req: ClientRequest = httpsRequest(url, options, (res: IncomingMessage) => {
      // The answer's body is not read into anything: it may echo the message.
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.setTimeout(timeoutMs);
    req.end(body);
  });
}
