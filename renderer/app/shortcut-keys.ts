/**
 * What each key means to the app, handled once for every screen. In Chromium
 * (npm run preview) the page sees a key before the browser acts on it, so any
 * browser shortcut that would leave or expose the app is swallowed here on
 * every screen, signed in or not: Ctrl+K would open the browser's search and
 * navigate away from the sign-in screen. Electron has no such shortcuts, and
 * swallowing them there is harmless.
 *
 *   Ctrl+K / ⌘K        focus the user search (when signed in, no dialog open)
 *   swallowed          Ctrl/⌘ + E, L (address bar and search), O (open a file),
 *                      S (save the page: it may show a temporary password),
 *                      P (print it), U (view source), H, J (history, downloads;
 *                      ⌘H on macOS is the system's Hide and stays);
 *                      Alt+←/→ (back, forward; ⌘[ and ⌘] on macOS); the
 *                      keyboard's Back, Forward, Home and Search keys.
 *
 * Editing keys (Ctrl+A/C/V/X/Z/Y, Home, End, arrows) are never touched, nor
 * Option+← on macOS, which moves the caret by word.
 */

export type ShortcutAction = 'searchUsers' | 'swallow';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const SWALLOWED_WITH_MOD = new Set(['e', 'l', 'o', 's', 'p', 'u', 'h', 'j']);
const BROWSER_KEYS = new Set(['BrowserBack', 'BrowserForward', 'BrowserHome', 'BrowserSearch']);

/** What a key press means to the app; null: not the app's business (let it through). */
export function shortcutAction(event: KeyLike, mac: boolean): ShortcutAction | null {
  if (BROWSER_KEYS.has(event.key)) return 'swallow';
  const mod = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey) {
    if (key === 'k') return event.shiftKey ? 'swallow' : 'searchUsers';
    // ⌘H on macOS hides the app (the system's, not the browser's): left alone.
    if (SWALLOWED_WITH_MOD.has(key) && !(mac && key === 'h')) return 'swallow';
    if (mac && (key === '[' || key === ']')) return 'swallow';
  }
  const plainAlt = event.altKey && !event.ctrlKey && !event.metaKey;
  if (!mac && plainAlt && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) return 'swallow';
  return null;
}
