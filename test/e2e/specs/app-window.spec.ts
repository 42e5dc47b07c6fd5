/**
 * The window is the app's alone: browser shortcuts do nothing on any screen,
 * and (Chromium target, `npm run preview`) nothing leaves the app's origin.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { SignInPage } from '../pages/SignInPage';

/**
 * The page's window, typed for what these checks use: the suite's tsconfig has
 * no DOM types, and functions given to evaluate run in the page.
 */
interface PageWindow {
  lastKeyReachedBrowser: boolean | null;
  addEventListener(type: 'keydown', listener: (event: { defaultPrevented: boolean }) => void): void;
  location: { href: string };
  open(url: string): unknown;
}

/** Whether the page left the last key press to the browser (a listener after the app's own). */
async function watchKeys(page: Page): Promise<() => Promise<boolean | null>> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    w.lastKeyReachedBrowser = null;
    w.addEventListener('keydown', (event) => (w.lastKeyReachedBrowser = !event.defaultPrevented));
  });
  return () => page.evaluate(() => (globalThis as unknown as PageWindow).lastKeyReachedBrowser);
}

test('Ctrl+K and Alt+Left on the sign-in screen leave the window on the app', async ({ app }) => {
  const signIn = new SignInPage(app.page);
  await expect(signIn.heading).toBeVisible();
  const url = app.page.url();
  const reachedBrowser = await watchKeys(app.page);
  const historyLength = () => app.page.evaluate(() => (globalThis as unknown as { history: { length: number } }).history.length);
  expect(await historyLength(), 'Back has no page before the app to go to').toBe(1);

  for (const key of ['Control+k', 'Control+l', 'Alt+ArrowLeft']) {
    await app.page.keyboard.press(key);
    await expect.poll(reachedBrowser, `${key} is the app's, not the browser's`).toBe(false);
    expect(app.page.url()).toBe(url);
    expect(app.page.context().pages()).toHaveLength(1);
  }
  await expect(signIn.heading).toBeVisible();

  // Typing is untouched.
  await signIn.upn.fill('');
  await signIn.upn.press('k');
  await expect.poll(reachedBrowser).toBe(true);
  await expect(signIn.upn).toHaveValue('k');
});

test.describe('Chromium target', () => {
  test.beforeEach(({ target }) => {
    test.skip(target !== 'chromium', 'Electron denies navigation in main (main/electron/security)');
  });

  test('a navigation to another origin is refused and the app stays', async ({ app }) => {
    const signIn = new SignInPage(app.page);
    await expect(signIn.heading).toBeVisible();
    const url = app.page.url();
    // Answered "204 No Content", which the browser reports as an aborted navigation.
    const refused = app.page.waitForEvent('requestfailed', (r) => r.url() === 'http://example.invalid/');
    await app.page.evaluate(() => {
      (globalThis as unknown as PageWindow).location.href = 'http://example.invalid/';
    });
    await refused;
    expect(app.page.url()).toBe(url);
    await expect(signIn.heading).toBeVisible();
  });

  test('a window the page opens is closed at once, elsewhere or on the app', async ({ app }) => {
    for (const url of ['http://example.invalid/', '/index.html']) {
      const opened = app.page.context().waitForEvent('page');
      await app.page.evaluate((to) => {
        (globalThis as unknown as PageWindow).open(to);
      }, url);
      const window = await opened;
      await expect.poll(() => window.isClosed(), url).toBe(true);
    }
    expect(app.page.context().pages()).toEqual([app.page]);
  });
});
