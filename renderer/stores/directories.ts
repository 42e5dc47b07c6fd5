/**
 * The connection profiles (Directories screen and first run): which exist,
 * which one agents sign in to, "Test connection" step by step, and the
 * Global Administrator's changes (save, remove, switch). Switching ends the
 * session in main (a sign-in belongs to its directory), so this store then
 * reloads the app state and the session, and the sign-in screen comes back.
 */
import { create } from 'zustand';
import type { DirectoriesView, DirectoryTestStep, RequestOf } from '../../main/ipc/contract';
import { call, toUiError } from './call';
import type { UiErrorView } from './call';
import { onSessionEnd, useSession } from './session';
import { useSetup } from './setup';

export type ProfileInput = RequestOf<'saveDirectory'>['profile'];

interface DirectoriesStore {
  view: DirectoriesView | null;
  loading: boolean;
  error: UiErrorView | null;
  /** The last "Test connection" answer, for the profile as it was then. */
  steps: DirectoryTestStep[] | null;
  testing: boolean;
  testError: UiErrorView | null;
  saving: boolean;
  saveError: UiErrorView | null;
  /** A profile name being removed or switched to (its buttons wait). */
  busyWith: string | null;
  load(): Promise<void>;
  test(profile: ProfileInput, upn: string, password: string): Promise<void>;
  clearTest(): void;
  /** Resolves true once main saved it. */
  save(profile: ProfileInput, replace: boolean): Promise<boolean>;
  clearSaveError(): void;
  remove(name: string): Promise<void>;
  /** null: the embedded directory. Signs the agent out. */
  use(name: string | null): Promise<void>;
  reset(): void;
}

const initial = {
  view: null,
  loading: false,
  error: null,
  steps: null,
  testing: false,
  testError: null,
  saving: false,
  saveError: null,
  busyWith: null,
};

export const useDirectories = create<DirectoriesStore>()((set, get) => {
  /** A change's error; when main refused the agent (the role was taken away since the list was read), the list is read again and the screen turns read-only. */
  function refusedOrError(error: unknown): UiErrorView {
    const view = toUiError(error);
    if (view.code === 'CONNECTION_CHANGE_REFUSED') void get().load();
    return view;
  }

  return {
    ...initial,

    async load() {
      set({ loading: true, error: null });
      try {
        set({ view: await call('listDirectories', {}) });
      } catch (error) {
        set({ error: toUiError(error) });
      } finally {
        set({ loading: false });
      }
    },

    async test(profile, upn, password) {
      if (get().testing) return;
      set({ testing: true, testError: null, steps: null });
      try {
        const { steps } = await call('testDirectory', { profile, upn: upn.trim(), password });
        set({ steps });
      } catch (error) {
        set({ testError: toUiError(error) });
      } finally {
        set({ testing: false });
      }
    },

    clearTest() {
      set({ steps: null, testError: null });
    },

    async save(profile, replace) {
      if (get().saving) return false;
      set({ saving: true, saveError: null });
      try {
        set({ view: await call('saveDirectory', { profile, replace }) });
        return true;
      } catch (error) {
        set({ saveError: refusedOrError(error) });
        return false;
      } finally {
        set({ saving: false });
      }
    },

    clearSaveError() {
      set({ saveError: null });
    },

    async remove(name) {
      set({ busyWith: name, error: null });
      try {
        set({ view: await call('removeDirectory', { name }) });
      } catch (error) {
        set({ error: refusedOrError(error) });
      } finally {
        set({ busyWith: null });
      }
    },

    async use(name) {
      set({ busyWith: name ?? '', error: null });
      try {
        const appState = await call('useDirectory', { name });
        useSetup.setState({ appState });
        set({ ...initial });
        // Main ended the session: ask it, and the sign-in screen follows.
        await useSession.getState().load();
      } catch (error) {
        set({ error: refusedOrError(error), busyWith: null });
      }
    },

    reset() {
      set({ ...initial });
    },
  };
});

onSessionEnd(() => useDirectories.getState().reset());
