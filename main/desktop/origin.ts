/**
 * The app's own origin and the IPC sender check. No 'electron' import here, so
 * the decisions are unit-tested under plain Node (test/unit/desktop/origin.test.ts);
 * main/electron/ipc.ts and security.ts only feed them what Electron reports.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'resetdesk';
/** What Chromium reports as the origin of our pages (app:// is registered as a standard scheme). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const START_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for a URL of the app's own origin, app://resetdesk. Compared part by
 * part rather than with URL.origin: Node gives non-special schemes the opaque
 * origin "null", and a port or credentials must not slip through either.
 */
export function isAppOrigin(url: string | undefined): boolean {
  if (typeof url !== 'string' || url === '') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: object | null;
  readonly detached?: boolean;
}

/**
 * The URL to hand the dispatcher as the sender, or undefined (which it refuses
 * with FORBIDDEN_SENDER). Only the main frame of the app's own window counts:
 * a sub-frame (even one of our origin), a frame that has gone or navigated
 * away (Electron then reports null or a detached frame), or any other
 * web contents gets no URL at all. The origin itself is checked by
 * `isAppOrigin`, the dispatcher's `isTrustedSender`.
 */
export function trustedSenderUrl(frame: SenderFrame | null | undefined, fromAppWindow: boolean): string | undefined {
  if (!fromAppWindow || !frame) return undefined;
  if (frame.detached === true || frame.parent !== null) return undefined;
  return frame.url;
}
