/**
 * The app before anyone signs in: is there a directory (getAppState), and the
 * first run that creates one. The agent accounts' passwords live here only
 * between "Create directory" and "Continue to sign in", then are dropped, here
 * and in main (which keeps them meanwhile so Copy and "Save to file…" never
 * send a password back to it).
 */
import { create } from 'zustand';
import type { AppState, FirstRunAccount, RequestOf, SaveFileResponse } from '../../main/ipc/contract';
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
  /** The account whose password was copied last (the button says "Copied"). */
  copied: string | null;
  saving: boolean;
  /** Where "Save to file…" wrote the accounts. */
  savedTo: string | null;
  load(): Promise<void>;
  create(plan: DirectoryPlan): Promise<void>;
  copyPassword(upn: string): Promise<void>;
  saveToFile(): Promise<void>;
  finish(): Promise<void>;
}

export const useSetup = create<SetupStore>()((set, get) => ({
  appState: null,
  loadError: null,
  accounts: null,
  creating: false,
  error: null,
  copied: null,
  saving: false,
  savedTo: null,

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
      if (plan.kind === 'directory') {
        // A real directory has its own agents: no accounts to show, straight to sign-in.
        set({ appState: await call('getAppState', {}), loadError: null });
      } else {
        set({ accounts });
      }
    } catch (error) {
      set({ error: toUiError(error) });
    } finally {
      set({ creating: false });
    }
  },

  async copyPassword(upn) {
    set({ error: null });
    try {
      await call('copyFirstRunPassword', { upn });
      set({ copied: upn });
    } catch (error) {
      set({ error: toUiError(error), copied: null });
    }
  },

  async saveToFile() {
    if (get().saving) return;
    set({ saving: true, error: null });
    try {
      const answer: SaveFileResponse = await call('saveFirstRunAccounts', {});
      set({ savedTo: answer.saved ? answer.path : get().savedTo });
    } catch (error) {
      set({ error: toUiError(error) });
    } finally {
      set({ saving: false });
    }
  },

  async finish() {
    // Forget the passwords first: from here on they exist only where the agent stored them.
    set({ accounts: null, error: null, copied: null, savedTo: null });
    try {
      await call('forgetFirstRunAccounts', {});
    } catch {
      // Main forgets them on quit anyway; the sign-in screen must not wait on this.
    }
    try {
      set({ appState: await call('getAppState', {}), loadError: null });
    } catch (error) {
      set({ loadError: toUiError(error) });
    }
  },
}));
