/**
 * What the app:// handler answers: files from the renderer folder only, each
 * with the security headers, and every HTML page with a style nonce made fresh
 * for that load and the Content-Security-Policy that allows exactly that nonce
 * (Fluent UI's Griffel inserts <style> elements carrying it). Uses only the
 * Fetch API's Request/Response, which Node has too, so it is unit-tested
 * without Electron (test/unit/desktop/app-protocol.test.ts); protocol.ts
 * registers it.
 */
import { readFile } from 'node:fs/promises';
import { APP_HOST, APP_SCHEME } from './origin';
import { CONTENT_SECURITY_POLICY, contentTypeOf, renderIndexHtml, resolveRendererFile } from './renderer-path';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // A cached page would replay an old nonce; the files are local, so caching gains nothing.
  'Cache-Control': 'no-store',
};

function respond(status: number, body: string | Uint8Array | null, contentType: string, csp = CONTENT_SECURITY_POLICY): Response {
  return new Response(body, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Security-Policy': csp, 'Content-Type': contentType },
  });
}

const plain = (status: number, text: string) => respond(status, text, 'text/plain; charset=utf-8');

/** Serves `request` (an app:// URL) from `rendererDir`. Never throws: failures are 4xx answers. */
export async function serveRenderer(rendererDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, 'Bad request');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Not found');
  const file = resolveRendererFile(rendererDir, url.pathname);
  if (file === null) return plain(403, 'Forbidden');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not found');
  }
  const contentType = contentTypeOf(file);
  const head = request.method === 'HEAD';
  if (contentType.startsWith('text/html')) {
    const page = renderIndexHtml(body.toString('utf8'));
    return respond(200, head ? null : page.html, contentType, page.csp);
  }
  return respond(200, head ? null : new Uint8Array(body), contentType);
}
