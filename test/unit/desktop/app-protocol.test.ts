/**
 * What the app:// handler answers (main/desktop/app-protocol.ts), run against
 * a temporary renderer folder with Node's own Request/Response.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveRenderer } from '../../../main/desktop/app-protocol';
import { CONTENT_SECURITY_POLICY, NONCE_PLACEHOLDER } from '../../../main/desktop/renderer-path';

let base: string;
let dir: string;

before(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'resetdesk-protocol-'));
  dir = path.join(base, 'renderer');
  await mkdir(dir);
  await writeFile(path.join(dir, 'index.html'), `<meta name="resetdesk-style-nonce" content="${NONCE_PLACEHOLDER}" />`);
  await writeFile(path.join(dir, 'main.js'), 'console.log(1);');
  await writeFile(path.join(base, 'secret.txt'), 'outside the renderer folder');
});

after(() => rm(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveRenderer(dir, new Request(url, { method }));

test('the page gets a nonce, and a policy allowing exactly that nonce', async () => {
  const response = await get('app://resetdesk/index.html');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
  const html = await response.text();
  const nonce = /content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.ok(nonce && nonce !== NONCE_PLACEHOLDER);
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.ok(csp.includes(`'nonce-${nonce}'`), csp);
  assert.doesNotMatch(csp, /unsafe-/);
});

test('every load of the page has a different nonce', async () => {
  const a = (await get('app://resetdesk/')).headers.get('content-security-policy');
  const b = (await get('app://resetdesk/index.html')).headers.get('content-security-policy');
  assert.notEqual(a, b);
});

test('other files get the nonce-less policy and the security headers', async () => {
  const response = await get('app://resetdesk/main.js');
  assert.equal(response.status, 200);
  assert.equal(await response.text(), 'console.log(1);');
  assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(response.headers.get('cache-control'), 'no-store');
});

test('HEAD answers the headers without a body', async () => {
  const response = await get('app://resetdesk/main.js', 'HEAD');
  assert.equal(response.status, 200);
  assert.equal(await response.text(), '');
});

test('refusals: other methods, other hosts, traversal, missing files', async () => {
  assert.equal((await get('app://resetdesk/index.html', 'POST')).status, 405);
  assert.equal((await get('app://other/index.html')).status, 404);
  assert.equal((await get('app://resetdesk:81/index.html')).status, 404);
  assert.equal((await get('https://resetdesk/index.html')).status, 404);
  assert.equal((await get('app://resetdesk/..%2Fsecret.txt')).status, 403);
  assert.equal((await get('app://resetdesk/..%5Csecret.txt')).status, 403);
  assert.equal((await get('app://resetdesk/missing.js')).status, 404);
  const refused = await get('app://resetdesk/..%2Fsecret.txt');
  assert.equal(refused.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.doesNotMatch(await refused.text(), /outside/);
});
