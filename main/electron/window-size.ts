/**
 * The app window's size, as the page gets it: the window is made with
 * useContentSize, so these are the page's CSS pixels and the frame and menu
 * bar come on top of them. Without it the minimum counted the frame and the
 * menu bar, and the page got less than the 720 × 520 every screen is laid out
 * and tested for (test/e2e/specs/window-size.spec.ts).
 */
export const WINDOW_SIZE = {
  default: { width: 1100, height: 760 },
  minimum: { width: 720, height: 520 },
} as const;
