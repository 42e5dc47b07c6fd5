/**
 * What an agent would see go wrong in the layout of whatever is on screen, in
 * words a failed expectation can print:
 *
 *   sideways      the page, or a region of it, scrolls sideways (scrollWidth
 *                 past clientWidth where overflow lets it scroll)
 *   overflowing   text that runs out of the box that lays it out (over the
 *                 next thing, sideways or below), or is cut off by a box
 *                 without an ellipsis, or with one but no tooltip (title)
 *                 holding the whole text
 *   brokenWords   a word broken across two lines ("Faci" / "lities",
 *                 "contoso.onmicrosoft.c" / "om")
 *
 * Text is measured by the boxes of its own lines (a Range over each text
 * node); a drop-down's chosen option by its width in the drop-down's font
 * against the room inside it. A text box's value is not measured: a value
 * longer than its box scrolls inside it, as the agent types.
 */
import type { Locator, Page } from '@playwright/test';

export interface LayoutProblems {
  sideways: string[];
  overflowing: string[];
  brokenWords: string[];
}

/** Sub-pixel rounding: a box and its content can differ by a fraction of a pixel. */
const SLACK = 1;

/** The page's DOM as far as these checks use it (the suite's tsconfig has no DOM types). */
interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface Style {
  display: string;
  font: string;
  paddingLeft: string;
  paddingRight: string;
  overflowX: string;
  textOverflow: string;
  visibility: string;
  position: string;
  clip: string;
  clipPath: string;
}
interface El {
  tagName: string;
  selectedOptions?: ArrayLike<{ text: string }>;
  id: string;
  parentElement: El | null;
  scrollWidth: number;
  clientWidth: number;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Rect;
  querySelectorAll(selector: string): ArrayLike<El>;
}
interface TextNode {
  nodeValue: string | null;
  parentElement: El | null;
}
interface Range {
  selectNodeContents(node: TextNode): void;
  setStart(node: TextNode, offset: number): void;
  setEnd(node: TextNode, offset: number): void;
  getClientRects(): ArrayLike<Rect>;
}
interface Doc {
  scrollingElement: El;
  body: El;
  createRange(): Range;
  createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } | null };
  createTreeWalker(root: El, whatToShow: number): { nextNode(): TextNode | null };
}
interface Win {
  document: Doc;
  innerWidth: number;
  innerHeight: number;
  getComputedStyle(element: El): Style;
}

/** Measures the screen as it is now. */
export async function layoutProblems(page: Page): Promise<LayoutProblems> {
  return page.evaluate((slack): LayoutProblems => {
    const win = globalThis as unknown as Win;
    const doc = win.document;
    const SHOW_TEXT = 4;
    const INLINE = new Set(['inline', 'contents']);
    const WORD = /[\p{L}\p{N}]/u;
    const style = (el: El) => win.getComputedStyle(el);
    const quote = (text: string) => `"${text.trim().replace(/\s+/g, ' ').slice(0, 60)}"`;
    const name = (el: El) => {
      const label = el.getAttribute('aria-label') ?? el.getAttribute('role') ?? '';
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${label ? ` "${label}"` : ''}>`;
    };
    /** Where on the screen: the nearest named or landmark ancestor, so a failure says whose part it is. */
    const where = (el: El | null) => {
      for (let at: El | null = el; at; at = at.parentElement) {
        const role = at.getAttribute('role');
        if (at.getAttribute('aria-label') || at.getAttribute('aria-labelledby') || (role && !['presentation', 'none', 'group'].includes(role))) {
          return ` in ${name(at)}`;
        }
        if (['MAIN', 'HEADER', 'FOOTER', 'DIALOG', 'TABLE', 'FORM', 'SECTION'].includes(at.tagName)) return ` in ${name(at)}`;
      }
      return '';
    };
    /** Not drawn for sight (display none, hidden, or clipped away as the visually-hidden text is): nothing to overflow. */
    const hidden = (el: El | null): boolean => {
      for (let at = el; at; at = at.parentElement) {
        const s = style(at);
        if (s.display === 'none' || s.visibility === 'hidden') return true;
        if (s.position === 'absolute' && s.clip !== 'auto' && s.clip !== '') return true;
        if (s.clipPath !== 'none' && s.clipPath !== '') return true;
      }
      return false;
    };
    /** The element whose box the text is laid out in: its nearest non-inline ancestor. */
    const layoutBox = (el: El): El => {
      let at = el;
      while (at.parentElement && INLINE.has(style(at).display)) at = at.parentElement;
      return at;
    };
    /** The nearest element from `el` up that clips sideways (below the page's own scrolling). */
    const clipper = (el: El): El | null => {
      for (let at: El | null = el; at && at !== doc.body && at !== doc.scrollingElement; at = at.parentElement) {
        if (style(at).overflowX !== 'visible') return at;
      }
      return null;
    };
    const lineBoxes = (range: Range) => Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);

    const sideways: string[] = [];
    const root = doc.scrollingElement;
    if (root.scrollWidth > root.clientWidth + slack) {
      sideways.push(`the page scrolls sideways (${root.scrollWidth} px of content in ${root.clientWidth} px)`);
    }
    for (const el of Array.from(doc.body.querySelectorAll('*'))) {
      const overflowX = style(el).overflowX;
      if ((overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth + slack) {
        sideways.push(`${name(el)}${where(el.parentElement)} scrolls sideways (${el.scrollWidth} px of content in ${el.clientWidth} px)`);
      }
    }

    const overflowing: string[] = [];
    const brokenWords: string[] = [];
    const range = doc.createRange();
    const walker = doc.createTreeWalker(doc.body, SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      const parent = node.parentElement;
      if (!parent || text.trim() === '' || ['SCRIPT', 'STYLE', 'OPTION', 'TITLE'].includes(parent.tagName) || hidden(parent)) continue;
      range.selectNodeContents(node);
      const lines = lineBoxes(range);
      if (lines.length === 0) continue;

      const box = layoutBox(parent);
      // A line's glyph box may be taller than its line height: it is below a box when its middle is.
      const pastOf = (outer: Rect) =>
        lines.some((r) => r.right > outer.right + slack || r.left < outer.left - slack || (r.top + r.bottom) / 2 > outer.bottom + slack);
      if (pastOf(box.getBoundingClientRect())) {
        const clip = clipper(box);
        if (!clip || !pastOf(clip.getBoundingClientRect())) {
          // Drawn outside its box, over whatever is next to it.
          overflowing.push(`${quote(text)} runs out of its <${box.tagName.toLowerCase()}>${where(box)}`);
        } else if (['auto', 'scroll'].includes(style(clip).overflowX)) {
          // In a region that scrolls: the agent can reach it (a sideways scroll is reported above).
        } else if (style(clip).textOverflow !== 'ellipsis' && style(box).textOverflow !== 'ellipsis') {
          overflowing.push(`${quote(text)} is cut off by its <${clip.tagName.toLowerCase()}> with no ellipsis${where(box)}`);
        } else {
          const whole = text.trim();
          const titles = [box, clip, ...Array.from(clip.querySelectorAll('[title]'))].map((el) => el.getAttribute('title') ?? '');
          if (!titles.some((title) => title.includes(whole))) {
            overflowing.push(`${quote(text)} ends in an ellipsis with no tooltip holding the whole text${where(box)}`);
          }
        }
      }

      // Where each line starts: a line starting with a letter or digit right after one broke a word.
      if (new Set(lines.map((r) => Math.round(r.top))).size < 2) continue;
      let previousTop: number | null = null;
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = lineBoxes(range)[0];
        if (!rect) continue;
        const startsLine = previousTop !== null && rect.top > previousTop + rect.height / 2;
        previousTop = rect.top;
        if (startsLine && WORD.test(text[i - 1] ?? '') && WORD.test(text[i] ?? '')) {
          brokenWords.push(`"${text.slice(Math.max(0, i - 24), i)}/${text.slice(i, i + 24)}" breaks mid-word${where(parent)}`);
        }
      }
    }
    // A drop-down shows its chosen option in one line and cuts it without an ellipsis ("Helpdesk Administr").
    const measure = doc.createElement('canvas').getContext('2d');
    for (const select of Array.from(doc.body.querySelectorAll('select'))) {
      const chosen = select.selectedOptions?.[0]?.text ?? '';
      if (!measure || chosen === '' || hidden(select)) continue;
      const s = style(select);
      measure.font = s.font;
      const room = select.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      if (measure.measureText(chosen).width > room + slack) {
        overflowing.push(`${quote(chosen)} is cut off in its drop-down${where(select)}`);
      }
    }
    return { sideways, overflowing, brokenWords };
  }, SLACK);
}

/** Every part of `region` (each element inside it) that lies partly outside the window or outside the region. */
export async function partsCutOff(region: Locator): Promise<string[]> {
  return region.evaluate((element, slack) => {
    const win = globalThis as unknown as Win;
    const regionEl = element as unknown as El;
    const bar = regionEl.getBoundingClientRect();
    const outside = (r: Rect, left: number, top: number, right: number, bottom: number) =>
      r.left < left - slack || r.top < top - slack || r.right > right + slack || r.bottom > bottom + slack;
    const found: string[] = [];
    if (outside(bar, 0, 0, win.innerWidth, win.innerHeight)) {
      found.push(`the region (${Math.round(bar.left)},${Math.round(bar.top)} to ${Math.round(bar.right)},${Math.round(bar.bottom)}) is not all inside the window`);
    }
    for (const el of Array.from(regionEl.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (outside(r, 0, 0, win.innerWidth, win.innerHeight) || outside(r, bar.left, bar.top, bar.right, bar.bottom)) {
        found.push(`<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 40)}" is cut off`);
      }
    }
    return found;
  }, SLACK);
}
