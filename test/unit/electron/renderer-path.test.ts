/**
 * The app:// protocol serves files from the renderer folder only
 * (main/electron/renderer-path.ts, used by main/electron/main.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeOf,
  resolveRendererFile,
} from '../../../main/electron/renderer-path';

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

test('content types and the Content-Security-Policy', () => {
  assert.equal(contentTypeOf('index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeOf('main.js'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeOf('blob.bin'), 'application/octet-stream');
  assert.equal(
    CONTENT_SECURITY_POLICY,
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  );
});
