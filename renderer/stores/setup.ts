/**
 * The app before anyone signs in: is there a directory (getAppState), and the
 * first run that creates one. The agent accounts' passwords live here only
 * between "Create directory" and "Continue to sign in", then are dropped.
 */
import { create } from 'zustand';
import type { AppState, FirstRunAccount, RequestOf } from '../../main/ipc/contract';
import { call, toUiError } from './call';
import type { UiErrorView } from './call';

export type DirectoryPlan = RequestOf<'createDirectory'>;

interface SetupStore {
  appState: AppState | null;
  loadError: UiErrorView | null;
  /** Set once the directory is created; shown once on the first-run screen. */
  accounts: FirstRunAccount[] | null;
  creating: boolean;
  error: UiErrorView | null;
  load(): Promise<void>;
  create(plan: DirectoryPlan): Promise<void>;
  finish(): Promise<void>;
}

export const useSetup = create<SetupStore>()((set) => ({
  appState: null,
  loadError: null,
  accounts: null,
  creating: false,
  error: null,

  async load() {
    try {
      set({ appState: await call('getAppState', {}), loadError: null });
    } catch (error) {
      set({ loadError: toUiError(error) });
    }
  },

  async create(plan) {
    set({ creating: true, error: null });
    try {
      const { accounts } = await call('createDirectory', plan);
      set({ accounts });
    } catch (error) {
      set({ error: toUiError(error) });
    } finally {
      set({ creating: false });
    }
  },

  async finish() {
    // Forget the passwords first: from here on they exist only where the agent stored them.
    set({ accounts: null, error: null });
    try {
      set({ appState: await call('getAppState', {}), loadError: null });
    } catch (error) {
      set({ loadError: toUiError(error) });
    }
  },
}));
