/**
 * Layout checks for the window's sizes (main/electron/window-size.ts: the
 * page's own size, minimum and default): nothing scrolls sideways, a box shows
 * all it holds, one element's text stays off another's (a box shrunk in a
 * scrolling column keeps its size while its text spills out: comparing boxes
 * would not see it, comparing where the text is drawn does), and waiting until
 * the screen has stopped moving before measuring or running axe.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { WINDOW_SIZE } from '../../../main/electron/window-size';

/** The window's minimum and default sizes, as the page gets them. */
export const WINDOW = WINDOW_SIZE;

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

/**
 * Waits until the screen has stopped moving: every animation that ends (a
 * dialog's opening fade, a drawer sliding in) has ended, and the page has
 * drawn twice since (a resize reaches ResizeObservers, such as a virtualised
 * list's, on the next frame). Spinners run for ever and are not waited on.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    interface Animation {
      finished: Promise<unknown>;
      effect: { getComputedTiming(): { endTime?: number | string } } | null;
    }
    const win = globalThis as unknown as {
      document: { getAnimations(): Animation[] };
      requestAnimationFrame(callback: () => void): void;
    };
    const ending = win.document.getAnimations().filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
    await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
    await new Promise<void>((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(resolve)));
  });
}
