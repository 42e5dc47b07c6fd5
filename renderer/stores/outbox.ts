/**
 * The sample's local outbox as the Outbox screen shows it: what main's
 * outbox received (newest first), read when the screen opens, again on each
 * `outbox.received` from main while it is open (the event says only that a
 * message came: the list comes from listOutbox, which checks who reads), and
 * when the window gets the focus back (an event may have been missed, or the
 * program holding the outbox's port closed). Reading it is not activity for
 * main's idle lock, so an open Outbox never keeps a session alive.
 * `available` tells the shell whether to offer the screen at all (only the
 * sample tenant has an outbox).
 */
import { create } from 'zustand';
import type { OutboxView } from '../../main/ipc/contract';
import { call, toUiError } from './call';
import type { UiErrorView } from './call';
import { onSessionEnd } from './session';

interface OutboxStore {
  view: OutboxView | null;
  error: UiErrorView | null;
  loading: boolean;
  /** Asks main now; answers that arrive out of order never replace a newer one. */
  refresh(): Promise<void>;
  reset(): void;
  /** The screen is open: reads now, and on each arrival until the function returned is called. */
  watch(): () => void;
  /** Main's `outbox.received`, or the focus back: reads again while the screen is open. */
  received(): void;
}

let asked = 0;
/** How many open screens watch the outbox (one; StrictMode mounts twice). */
let watching = 0;

export const useOutbox = create<OutboxStore>()((set, get) => ({
  view: null,
  error: null,
  loading: false,
  async refresh() {
    const ticket = ++asked;
    set({ loading: true });
    try {
      const view = await call('listOutbox', {});
      if (ticket === asked) set({ view, error: null, loading: false });
    } catch (error) {
      if (ticket === asked) set({ error: toUiError(error), loading: false });
    }
  },
  reset() {
    asked++;
    set({ view: null, error: null, loading: false });
  },
  watch() {
    watching++;
    void get().refresh();
    let watched = true;
    return () => {
      if (watched) watching--;
      watched = false;
    };
  },
  received() {
    if (watching > 0) void get().refresh();
  },
}));

/** Whether the open tenant has a local outbox (known after the first refresh). */
export const selectOutboxAvailable = (s: OutboxStore) => s.view !== null && s.view.status !== 'none';

// The next agent at the desk starts from nothing: the messages may hold codes.
onSessionEnd(() => useOutbox.getState().reset());
