/**
 * The app:// protocol serves files from the renderer folder only, and each page
 * with a style nonce of its own (main/electron/renderer-path.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CONTENT_SECURITY_POLICY,
  NONCE_PLACEHOLDER,
  contentSecurityPolicy,
  contentTypeOf,
  renderIndexHtml,
  resolveRendererFile,
} from '../../../main/desktop/renderer-path';

const root = path.resolve('/srv/app/dist/renderer');

test('paths inside the renderer folder resolve to files in it', () => {
  assert.equal(resolveRendererFile(root, '/index.html'), path.join(root, 'index.html'));
  assert.equal(resolveRendererFile(root, '/'), path.join(root, 'index.html'));
  assert.equal(resolveRendererFile(root, '/assets/app%20icon.svg'), path.join(root, 'assets', 'app icon.svg'));
  assert.equal(resolveRendererFile(root, '/a/../main.js'), path.join(root, 'main.js'));
  assert.equal(resolveRendererFile(root, '/..foo.js'), path.join(root, '..foo.js'));
});

test('anything that would leave the renderer folder is refused', () => {
  for (const pathname of [
    '/../main.cjs',
    '/../../package.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2F..%2Fetc%2Fpasswd',
    '/assets/..%2F..%2F..%2Fsecret',
    '/..%5C..%5Cwindows%5Cwin.ini',
    '/%2Fetc%2Fpasswd',
    '//etc/passwd',
    '/index.html%00.png',
    '/%E0%A4%A',
    '/..',
  ]) {
    const file = resolveRendererFile(root, pathname);
    assert.ok(
      file === null || file.startsWith(root + path.sep),
      `${pathname} resolved to ${String(file)}`,
    );
  }
  assert.equal(resolveRendererFile(root, '/../main.cjs'), null);
  assert.equal(resolveRendererFile(root, '/..%2F..%2Fetc%2Fpasswd'), null);
  assert.equal(resolveRendererFile(root, '/..%5C..%5Cwindows%5Cwin.ini'), null);
  assert.equal(resolveRendererFile(root, '/index.html%00.png'), null);
  assert.equal(resolveRendererFile(root, '/%E0%A4%A'), null);
});

test('content types', () => {
  assert.equal(contentTypeOf('index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeOf('main.js'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeOf('APP.CSS'), 'text/css; charset=utf-8');
  assert.equal(contentTypeOf('blob.bin'), 'application/octet-stream');
});

test('the policy for everything but the page: the app only, no inline code, no eval', () => {
  assert.equal(
    CONTENT_SECURITY_POLICY,
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
  assert.equal(contentSecurityPolicy(), CONTENT_SECURITY_POLICY);
});

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

test('the page policy allows exactly its nonce, for styles only', () => {
  const policy = contentSecurityPolicy('abc123');
  const parsed = directives(policy);
  assert.deepEqual(parsed.get('style-src'), ["'self'", "'nonce-abc123'"]);
  assert.deepEqual(parsed.get('script-src'), ["'self'"]);
  assert.deepEqual(parsed.get('default-src'), ["'self'"]);
  assert.deepEqual(parsed.get('object-src'), ["'none'"]);
  assert.deepEqual(parsed.get('connect-src'), ["'none'"]);
});

test('no policy ever allows inline code or eval', () => {
  for (const policy of [CONTENT_SECURITY_POLICY, contentSecurityPolicy('n0nce'), renderIndexHtml('').csp]) {
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic|\*/, policy);
  }
});

const PAGE = `<meta name="resetdesk-style-nonce" content="${NONCE_PLACEHOLDER}" /><p>${NONCE_PLACEHOLDER}</p>`;

test('renderIndexHtml puts the same nonce in the page and in its policy', () => {
  const { html, csp } = renderIndexHtml(PAGE, 'fixed+Nonce/1=');
  assert.equal(html, '<meta name="resetdesk-style-nonce" content="fixed+Nonce/1=" /><p>fixed+Nonce/1=</p>');
  assert.equal(csp, contentSecurityPolicy('fixed+Nonce/1='));
});

test('each page load gets a fresh, unguessable nonce', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const { html, csp } = renderIndexHtml(PAGE);
    assert.ok(!html.includes(NONCE_PLACEHOLDER), 'placeholder left in the page');
    const nonce = /content="([^"]+)"/.exec(html)?.[1];
    assert.ok(nonce, 'no nonce in the page');
    // 18 random bytes, base64: 24 characters that need no quoting in HTML or a header.
    assert.match(nonce, /^[A-Za-z0-9+/]{24}$/);
    assert.ok(csp.includes(`'nonce-${nonce}'`), 'the policy allows another nonce');
    seen.add(nonce);
  }
  assert.equal(seen.size, 50);
});

test('the real renderer/index.html has the placeholder the server fills in', () => {
  const html = readFileSync(path.resolve('renderer/index.html'), 'utf8');
  assert.ok(html.includes(NONCE_PLACEHOLDER));
  assert.ok(!renderIndexHtml(html).html.includes(NONCE_PLACEHOLDER));
});
