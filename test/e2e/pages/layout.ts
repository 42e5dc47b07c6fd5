/**
 * Layout checks for small windows: the window's sizes (main/electron/window.ts),
 * and whether one element's text runs over another (a box shrunk in a
 * scrolling column keeps its size while its text spills out: comparing boxes
 * would not see it, comparing where the text is drawn does).
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The window's minimum and default sizes (main/electron/window.ts). */
export const WINDOW = {
  minimum: { width: 720, height: 520 },
  default: { width: 1100, height: 760 },
} as const;

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Where the element's text is drawn (a Range over its contents) and the element's own box. */
async function boxes(locator: Locator): Promise<{ text: Box; own: Box }> {
  return locator.evaluate((element) => {
    const range = element.ownerDocument.createRange();
    range.selectNodeContents(element);
    const plain = (r: { top: number; bottom: number; left: number; right: number }) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right });
    return { text: plain(range.getBoundingClientRect()), own: plain(element.getBoundingClientRect()) };
  });
}

/**
 * The element's text stays inside its own box (within a pixel), and clear of
 * the other element's text: what a shrunk box spills runs over its neighbour.
 */
export async function expectTextApart(first: Locator, second: Locator): Promise<void> {
  const [a, b] = [await boxes(first), await boxes(second)];
  const inside = a.text.top >= a.own.top - 1 && a.text.bottom <= a.own.bottom + 1;
  expect(inside, `text drawn at ${JSON.stringify(a.text)} spills out of its box ${JSON.stringify(a.own)}`).toBe(true);
  const overlap = a.text.left < b.text.right && b.text.left < a.text.right && a.text.top < b.text.bottom && b.text.top < a.text.bottom;
  expect(overlap, `text drawn at ${JSON.stringify(a.text)} runs over ${JSON.stringify(b.text)}`).toBe(false);
}

/** The page has no horizontal scrollbar. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const widths = await page.locator('html').evaluate((root) => ({ scroll: root.scrollWidth, client: root.clientWidth }));
  expect(widths.scroll, 'no horizontal scrollbar').toBeLessThanOrEqual(widths.client);
}

/**
 * Waits for the page's finite animations and transitions to end (a button
 * just enabled fades to its colour; axe must not measure it halfway).
 * Endless ones (a spinner) are left running.
 */
export async function untilSettled(page: Page): Promise<void> {
  await page.locator('html').evaluate(async (root) => {
    type Running = { effect: { getComputedTiming(): { endTime?: number | string } } | null; finished: Promise<unknown> };
    const running: Running[] = root.getAnimations({ subtree: true });
    const finite = running.filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}
