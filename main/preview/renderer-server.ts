/**
 * Serves the built renderer (dist/renderer) over HTTP on loopback for the
 * Chromium target. Every answer comes from the app:// handler's own
 * serveRenderer (main/desktop/app-protocol.ts): the HTTP request is mapped to
 * the app:// URL Electron would see and the Fetch Response written back, so
 * both targets get the same files, CSP (fresh style nonce per page load) and
 * security headers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveRenderer as answerAppRequest } from '../desktop/app-protocol';
import { APP_ORIGIN } from '../desktop/origin';

export interface RendererServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Ends the hold (see `held`): from now on the renderer itself is served. */
  release(): void;
  close(): Promise<void>;
}

/**
 * What a held server answers: an empty page, no script. Chromium's --app window
 * loads its URL before Playwright can install the bridge, and Playwright only
 * reports a page once a document commits; this one commits, shows nothing, and
 * is replaced by the app on the reload that follows the release.
 */
const PLACEHOLDER = '<!doctype html><html lang="en"><title>Resetdesk</title></html>';

export async function serveRenderer(rendererDir: string, options: { held?: boolean } = {}): Promise<RendererServer> {
  let held = options.held ?? false;
  const server: Server = createServer((request, response) => {
    if (held) {
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'",
        'Cache-Control': 'no-store',
      });
      response.end(PLACEHOLDER);
      return;
    }
    // Only the path is taken from the client; scheme and host are the app's own.
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const appRequest = new Request(`${APP_ORIGIN}${path}`, { method: request.method ?? 'GET' });
    void answerAppRequest(rendererDir, appRequest).then(async (answer) => {
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    release: () => {
      held = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
