/**
 * The app:// protocol: the renderer is served from dist/renderer/ through it,
 * never from file:// (which would give every local file the page's origin).
 * What it answers is decided in app-protocol.ts (electron-free, unit-tested).
 */
import { protocol } from 'electron';
import { serveRenderer } from '../desktop/app-protocol';
import { APP_SCHEME } from '../desktop/origin';

/**
 * Must run before 'ready'. A standard, secure scheme gets a real origin
 * (app://resetdesk), so 'self' in the CSP means exactly the app's own files.
 * No other privilege (fetch, CORS, service workers, bypassing CSP): the page
 * needs none of them and its CSP has connect-src 'none' anyway.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, codeCache: true } }]);
}

/** After 'ready': answers app:// requests of the default session from `rendererDir` only. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRenderer(rendererDir, request));
}
