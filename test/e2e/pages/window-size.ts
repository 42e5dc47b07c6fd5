/**
 * The window's sizes (main/electron/window.ts, which imports Electron and so
 * cannot be imported here) and what "usable at that size" means that every
 * screen shares: nothing scrolls sideways.
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export const WINDOW_SIZES = {
  minimum: { width: 720, height: 520 },
  default: { width: 1100, height: 760 },
} as const;

/** The page's document, as far as the check below needs it (specs are not compiled with the DOM's types). */
interface SizedElement {
  scrollWidth: number;
  clientWidth: number;
  tagName: string;
  className: string;
}
interface PageDocument {
  documentElement: SizedElement;
  querySelectorAll(selector: string): Iterable<SizedElement>;
}
interface PageWindow {
  document: PageDocument;
  getComputedStyle(element: SizedElement): { overflowX: string };
}

/** No horizontal scrollbar: neither the page nor any scrolling box in it is wider than it shows. */
export async function expectNoSideScroll(page: Page): Promise<void> {
  const wide = await page.evaluate(() => {
    const win = globalThis as unknown as PageWindow;
    const root = win.document.documentElement;
    const boxes = [...win.document.querySelectorAll('body *')].filter((element) => {
      const overflow = win.getComputedStyle(element).overflowX;
      return (overflow === 'auto' || overflow === 'scroll') && element.scrollWidth > element.clientWidth + 1;
    });
    return [...(root.scrollWidth > root.clientWidth + 1 ? ['the page'] : []), ...boxes.map((b) => `${b.tagName.toLowerCase()}.${b.className}`)];
  });
  expect(wide, 'nothing scrolls sideways').toEqual([]);
}

/** The box shows all it holds: nothing cut off below or to the side, to spill over what follows. */
export async function expectShownWhole(box: Locator, what: string): Promise<void> {
  const clipped = await box.evaluate((element) => element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1);
  expect(clipped, `${what} shown whole`).toBe(false);
}
