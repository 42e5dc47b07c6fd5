/**
 * The IPC sender check (main/desktop/origin.ts): only the main frame of the
 * app's own window, at app://resetdesk, may call main.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_ORIGIN, START_URL, isAppOrigin, trustedSenderUrl } from '../../../main/desktop/origin';

test('the app origin is app://resetdesk and the start page is on it', () => {
  assert.equal(APP_ORIGIN, 'app://resetdesk');
  assert.equal(START_URL, 'app://resetdesk/index.html');
  assert.equal(isAppOrigin(START_URL), true);
});

test('URLs of the app origin are trusted', () => {
  for (const url of ['app://resetdesk/index.html', 'app://resetdesk/', 'app://resetdesk', 'app://resetdesk/index.html#/reset?x=1']) {
    assert.equal(isAppOrigin(url), true, url);
  }
});

test('anything else is refused', () => {
  for (const url of [
    undefined,
    '',
    'app://other/index.html',
    'app://resetdesk.evil/index.html',
    'app://evil.resetdesk/index.html',
    'app://resetdesk:8080/index.html',
    'app://user:pass@resetdesk/index.html',
    'app://user@resetdesk/index.html',
    'app:resetdesk/index.html',
    'app:///resetdesk/index.html',
    'https://resetdesk/index.html',
    'http://resetdesk/index.html',
    'file:///index.html',
    'file://resetdesk/index.html',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'data:text/html,<p>hi</p>',
    'resetdesk/index.html',
    '/index.html',
    'app://',
    'not a url',
    'http://[::1',
  ]) {
    assert.equal(isAppOrigin(url), false, String(url));
  }
});

const mainFrame = { url: 'app://resetdesk/index.html', parent: null, detached: false };

test('the main frame of the app window gives its URL to the dispatcher', () => {
  assert.equal(trustedSenderUrl(mainFrame, true), 'app://resetdesk/index.html');
  // Older WebFrameMain objects may not report `detached` at all.
  assert.equal(trustedSenderUrl({ url: 'app://resetdesk/', parent: null }, true), 'app://resetdesk/');
});

test('sub-frames, gone frames and other web contents give no URL (refused)', () => {
  assert.equal(trustedSenderUrl({ ...mainFrame, parent: mainFrame }, true), undefined, 'a sub-frame of our origin');
  assert.equal(trustedSenderUrl({ ...mainFrame, detached: true }, true), undefined, 'a detached frame');
  assert.equal(trustedSenderUrl(null, true), undefined, 'a frame that navigated away or was destroyed');
  assert.equal(trustedSenderUrl(undefined, true), undefined);
  assert.equal(trustedSenderUrl(mainFrame, false), undefined, 'another web contents');
});

test('the URL handed on is still checked for the origin', () => {
  const url = trustedSenderUrl({ url: 'https://evil.example/', parent: null }, true);
  assert.equal(isAppOrigin(url), false);
});
