/**
 * The Chromium target's window as an app window, not a browser: Chromium's
 * --app mode (no address bar, tabs or Back button) on a profile of its own (a
 * fresh folder, never the user's Chromium profile), with every way out of the
 * app's origin closed: a navigation elsewhere is answered 204 No Content (the
 * browser stays on the app), any other request elsewhere is aborted, and a
 * window the page opens is closed at once. The keys that would make the
 * browser leave are swallowed by the renderer (renderer/app/shortcuts.ts).
 */
import type { BrowserContext, Page, Request } from '@playwright/test';

/**
 * Chromium's flags for the target: no sandbox in CI containers (and as root,
 * where Chromium refuses its sandbox), nothing phoning home. --test-type keeps
 * the window free of the bar Chromium puts under the title for --no-sandbox
 * ("You are using an unsupported command-line flag … stability and security
 * will suffer"), which a headed preview showed inside the app window.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--test-type',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The window's size when one opens (headed); headless pages get the same viewport. */
export const WINDOW_SIZE = { width: 1280, height: 800 };

export interface AppWindowLaunch {
  /** The profile folder: Playwright's userDataDir (it refuses --user-data-dir in args). */
  userDataDir: string;
  args: string[];
  viewport: { width: number; height: number } | null;
}

/** How to launch Chromium on `url` as an app window with `profileDir` as its own profile. */
export function appWindowLaunch(url: string, profileDir: string, headless: boolean): AppWindowLaunch {
  return {
    userDataDir: profileDir,
    args: [
      ...CHROMIUM_FLAGS,
      `--app=${url}`,
      // A first start on a fresh profile asks nothing and offers nothing.
      '--no-first-run',
      '--no-default-browser-check',
      ...(headless ? [] : [`--window-size=${WINDOW_SIZE.width},${WINDOW_SIZE.height}`]),
    ],
    // Headed: the page follows the window as the agent resizes it.
    viewport: headless ? WINDOW_SIZE : null,
  };
}

/** What a window the page opened gets in place of a page elsewhere: nothing, before it is closed. */
const BLANK = '<!doctype html><html lang="en"><title>Blocked</title></html>';

/** Keeps `page` on `origin`, and closes any window it opens. */
export async function confineToOrigin(context: BrowserContext, page: Page, origin: string): Promise<void> {
  const isAppWindow = (request: Request) => {
    try {
      return request.frame() === page.mainFrame();
    } catch {
      return false; // a window still being created has no frame yet: not the app's
    }
  };
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      const request = route.request();
      if (!request.isNavigationRequest()) return route.abort('blockedbyclient');
      // No Content: the browser stays on the page it was on, the app.
      if (isAppWindow(request)) return route.fulfill({ status: 204 });
      // A new window must land somewhere for Playwright to see it and close it.
      return route.fulfill({
        status: 200,
        contentType: 'text/html',
        headers: { 'Content-Security-Policy': "default-src 'none'" },
        body: BLANK,
      });
    },
  );
  // Windows the page opens, same origin or not (the app opens none; Electron
  // denies them). about:blank pages are left alone: Playwright's own tools
  // (axe) open those in the context.
  page.on('popup', (opened) => void opened.close());
  context.on('page', (opened) => {
    if (opened !== page && opened.url() !== 'about:blank') void opened.close();
  });
}
