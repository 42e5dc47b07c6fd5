/**
 * Maps an app:// URL path to a file inside the renderer folder, refusing
 * anything that would leave it. Kept free of 'electron' so it is testable under
 * plain Node (test/unit/electron/renderer-path.test.ts).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * The Content-Security-Policy sent with every page and file the app serves: no
 * inline script, no eval, nothing from anywhere but the app itself. Fluent UI's
 * style engine (Griffel) inserts <style> elements at run time; they carry a
 * nonce made fresh for each page load, so styles need no 'unsafe-inline' either.
 */
export function contentSecurityPolicy(styleNonce?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    styleNonce ? `style-src 'self' 'nonce-${styleNonce}'` : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy for anything that is not the page itself (scripts, images). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** The placeholder in renderer/index.html that the served page gets its nonce in. */
export const NONCE_PLACEHOLDER = '%RESETDESK_STYLE_NONCE%';

export function newStyleNonce(): string {
  return randomBytes(18).toString('base64');
}

/** The page with its nonce filled in, and the policy that allows exactly that nonce. */
export function renderIndexHtml(html: string, nonce: string = newStyleNonce()): { html: string; csp: string } {
  return { html: html.replaceAll(NONCE_PLACEHOLDER, nonce), csp: contentSecurityPolicy(nonce) };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The absolute file for `pathname` (a URL path such as "/index.html", still
 * percent-encoded) inside `root`, or null when the path is malformed or would
 * resolve outside `root` (traversal with "..", encoded slashes or backslashes,
 * absolute paths, NUL bytes). "/" serves index.html.
 */
export function resolveRendererFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  const inside = path.relative(base, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return null;
  }
  return file;
}
