/**
 * What every web contents and the session may do: as little as possible. The
 * app is one page served from app://; it never navigates, opens windows,
 * embeds <webview>s, asks for permissions or downloads anything, so all of
 * that is refused outright rather than filtered.
 */
import { app, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../desktop/renderer-path';

/** Navigation, redirects, new windows and <webview> are refused for one web contents. */
export function lockDown(contents: WebContents): void {
  // The renderer is a single page: any navigation is either a bug or an attack
  // (a link, a dropped file, window.location). In-page (#) navigation and
  // loadURL from main do not emit these events.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Applies `lockDown` to every web contents the app ever creates, before it loads anything. */
export function lockDownAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
}

const hasHeader = (headers: Record<string, string[]>, name: string) =>
  Object.keys(headers).some((key) => key.toLowerCase() === name);

/** Permissions, devices and downloads refused; a CSP on any response that has none. */
export function secureSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());

  // Kept as defence in depth, but it must only ADD a policy: the app:// handler
  // already sends one with every response, and the page's carries the style
  // nonce of that load. Overwriting it with the nonce-less policy would block
  // Fluent UI's <style> elements. Only app:// content is ever loaded (navigation
  // is refused), so in practice this adds nothing; should anything else ever
  // load (an error page, a future resource), it gets the strictest policy.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = details.responseHeaders ?? {};
    if (hasHeader(headers, 'content-security-policy')) {
      callback({}); // headers unchanged
      return;
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
