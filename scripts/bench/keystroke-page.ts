/**
 * The script typed into the Chromium page (passed to page.evaluate as source
 * text: a TypeScript function would carry the loader's helpers into the page).
 * Typing is driven inside the page, because Playwright's own key presses would
 * share the Node event loop with the main-process handlers that answer them.
 *
 * It types `query` into the search box one character at a time, `gapMs` apart,
 * each as a real input event through the native value setter (what React
 * listens to). A MutationObserver watches the page; when the results list shows
 * options that all match the final query (every word a word-prefix of the
 * option's text, accents and case folded), the time is taken after the next
 * frame (requestAnimationFrame, then a message task: the frame has painted).
 * After that it watches for `settleMs` more: any list that no longer matches the
 * final query is a stale paint (an older answer drawn over the newer one).
 * Then it clears the box and waits for the list to go.
 * Resolves { latencyMs | null, stale, options }.
 */
export const TYPE_AND_WATCH = String.raw`
async ({ query, gapMs, settleMs, limitMs }) => {
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  const box = document.querySelector('input[type="search"]');
  if (!box) throw new Error('no search box');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const type = (value) => {
    setValue.call(box, value);
    box.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const listState = () => {
    const options = [...document.querySelectorAll('[role="listbox"][aria-label="Search results"] [role="option"]')];
    if (options.length === 0) return { count: 0, matches: false };
    const matches = options.every((o) => {
      const text = fold(o.textContent || '');
      return words.every((w) => new RegExp('(^|[^\\p{L}\\p{N}])' + w.replace(/[.*+?^$\{\}()|[\]\\]/g, '\\$&'), 'u').test(text));
    });
    return { count: options.length, matches };
  };
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  }));

  let lastKeyAt = null;
  let paintedAt = null;
  let options = 0;
  let stale = 0;
  let checking = false;
  const observer = new MutationObserver(() => {
    if (lastKeyAt === null || checking) return;
    const state = listState();
    if (paintedAt === null && state.matches) {
      checking = true;
      options = state.count;
      afterPaint().then((t) => { if (paintedAt === null) paintedAt = t; checking = false; });
    } else if (paintedAt !== null && state.count > 0 && !state.matches) {
      stale++;
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  try {
    box.focus();
    for (let i = 1; i <= query.length; i++) {
      if (i === query.length) lastKeyAt = performance.now();
      type(query.slice(0, i));
      if (i < query.length) await wait(gapMs);
    }
    const deadline = performance.now() + limitMs;
    while (paintedAt === null && performance.now() < deadline) await wait(10);
    if (paintedAt !== null) await wait(settleMs);
  } finally {
    observer.disconnect();
    type('');
    const gone = performance.now() + 5000;
    while (document.querySelector('[role="listbox"][aria-label="Search results"]') && performance.now() < gone) await wait(10);
  }
  return { latencyMs: paintedAt === null ? null : paintedAt - lastKeyAt, stale, options };
}`;
