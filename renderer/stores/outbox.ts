/**
 * The sample's local outbox as the Outbox screen shows it: what main's
 * outbox received (newest first), asked again every few seconds while the
 * screen is open. Reading it is not activity for main's idle lock, so an open
 * Outbox never keeps a session alive. `available` tells the shell whether to
 * offer the screen at all (only the sample tenant has an outbox).
 */
import { create } from 'zustand';
import type { OutboxView } from '../../main/ipc/contract';
import { call, toUiError } from './call';
import type { UiErrorView } from './call';
import { onSessionEnd } from './session';

/** How often the open screen asks again. */
export const OUTBOX_REFRESH_MS = 2000;

interface OutboxStore {
  view: OutboxView | null;
  error: UiErrorView | null;
  loading: boolean;
  /** Asks main now; answers that arrive out of order never replace a newer one. */
  refresh(): Promise<void>;
  reset(): void;
}

let asked = 0;

export const useOutbox = create<OutboxStore>()((set) => ({
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
}));

/** Whether the open tenant has a local outbox (known after the first refresh). */
export const selectOutboxAvailable = (s: OutboxStore) => s.view !== null && s.view.status !== 'none';

// The next agent at the desk starts from nothing: the messages may hold codes.
onSessionEnd(() => useOutbox.getState().reset());
