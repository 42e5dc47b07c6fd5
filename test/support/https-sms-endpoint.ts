/**
 * A real HTTPS endpoint on loopback standing in for an SMS provider's API (a
 * carrier cannot exist here; the HTTP and TLS are real): it records each POST
 * as it arrives, so a test counts the messages that really went out, and
 * answers `status`, after `latencyMs` when given (a provider's API takes a
 * while to answer; senders racing each other overlap for that long). Its
 * certificate is the one given (the tenant's `caPem` trusts it).
 */
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface HttpsSmsEndpoint {
  /** `https://127.0.0.1:<port>/v1/messages`. */
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startHttpsSmsEndpoint(
  tls: { keyPem: string; certPem: string },
  options: { status?: number; latencyMs?: number } = {},
): Promise<HttpsSmsEndpoint> {
  const received: ReceivedRequest[] = [];
  const answers = new Set<NodeJS.Timeout>();
  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: JSON.parse(raw) });
      const answer = setTimeout(() => {
        answers.delete(answer);
        res.writeHead(options.status ?? 200, { 'content-type': 'application/json' }).end('{"echo":"anything"}');
      }, options.latencyMs ?? 0);
      answers.add(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const answer of answers) clearTimeout(answer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
