/**
 * Serves the built renderer (dist/renderer) over HTTP on loopback for the
 * Chromium target, with the same rules as the app:// handler in Electron: files
 * from that folder only, the same Content-Security-Policy with a fresh style
 * nonce per page load, and the same security headers.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeOf,
  renderIndexHtml,
  resolveRendererFile,
} from '../../../main/electron/renderer-path';

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export interface RendererServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

export async function serveRenderer(rendererDir: string): Promise<RendererServer> {
  const server: Server = createServer((request, response) => {
    const send = (status: number, body: string | Buffer, type: string, csp = CONTENT_SECURITY_POLICY) => {
      response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Security-Policy': csp, 'Content-Type': type });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'Method not allowed', 'text/plain');
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = resolveRendererFile(rendererDir, pathname);
    if (file === null) return send(403, 'Forbidden', 'text/plain');
    readFile(file).then(
      (body) => {
        if (file.endsWith('index.html')) {
          const page = renderIndexHtml(body.toString('utf8'));
          send(200, page.html, contentTypeOf(file), page.csp);
        } else {
          send(200, body, contentTypeOf(file));
        }
      },
      () => send(404, 'Not found', 'text/plain'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
