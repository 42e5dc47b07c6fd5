/**
 * The one app-wide keydown handler (what each key means: shortcut-keys.ts),
 * and the search shortcut's listeners.
 */
import { shortcutAction } from './shortcut-keys';

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

type Listener = () => void;
const searchListeners = new Set<Listener>();

/** The shell listens while it is on screen; signed out, nobody does and Ctrl+K only is swallowed. */
export function onSearchShortcut(listener: Listener): () => void {
  searchListeners.add(listener);
  return () => {
    searchListeners.delete(listener);
  };
}

/**
 * Installs the one handler, in the capture phase so no component can stop the
 * event before it. Returns the uninstaller.
 */
export function installShortcuts(target: Window): () => void {
  const onKey = (event: KeyboardEvent) => {
    const action = shortcutAction(event, IS_MAC);
    if (action === null) return;
    event.preventDefault();
    if (action === 'searchUsers') for (const listener of searchListeners) listener();
  };
  target.addEventListener('keydown', onKey, { capture: true });
  return () => target.removeEventListener('keydown', onKey, { capture: true });
}
