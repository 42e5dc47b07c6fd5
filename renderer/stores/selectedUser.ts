/**
 * The user shown in the pane: their details, main's preflight answer (so a
 * refusal is visible before any click) and recent audit, plus the unlock action.
 */
import { create } from 'zustand';
import type { NoticeResult, UserDetails } from '../../main/ipc/contract';
import { call, toUiError } from './call';
import type { UiErrorView } from './call';
import { useSearch } from './search';
import { onSessionEnd } from './session';

export type UnlockOutcome = 'unlocked' | 'notLocked';

interface SelectedUserStore {
  userId: string | null;
  details: UserDetails | null;
  loading: boolean;
  error: UiErrorView | null;
  unlocking: boolean;
  unlockOutcome: UnlockOutcome | null;
  /** false when the unlocked account is disabled (main read it at the change): the pane says it still cannot sign in. */
  unlockAccountEnabled: boolean;
  /** What became of the user's "account unlocked" notice (it never undoes the unlock). */
  unlockNotices: NoticeResult[];
  unlockError: UiErrorView | null;
  select(userId: string): Promise<void>;
  refresh(): Promise<void>;
  unlock(): Promise<void>;
  reset(): void;
}

/** Only the latest selection's answer is applied (the agent may click on quickly). */
let latest = 0;

const initial = {
  userId: null,
  details: null,
  loading: false,
  error: null,
  unlocking: false,
  unlockOutcome: null,
  unlockAccountEnabled: true,
  unlockNotices: [] as NoticeResult[],
  unlockError: null,
};

export const useSelectedUser = create<SelectedUserStore>()((set, get) => {
  async function load(userId: string): Promise<void> {
    const seq = ++latest;
    try {
      const details = await call('getUser', { userId });
      if (seq !== latest) return;
      set({ details, loading: false, error: null });
      useSearch.getState().updateUser(details.user);
    } catch (error) {
      if (seq === latest) set({ loading: false, error: toUiError(error) });
    }
  }

  return {
    ...initial,

    async select(userId) {
      if (userId === get().userId && get().details) return;
      set({ ...initial, userId, loading: true });
      await load(userId);
    },

    async refresh() {
      const { userId } = get();
      if (userId === null) return;
      set({ loading: true });
      await load(userId);
    },

    async unlock() {
      const { userId } = get();
      if (userId === null) return;
      set({ unlocking: true, unlockOutcome: null, unlockNotices: [], unlockError: null });
      try {
        const { wasLocked, accountEnabled, notifications } = await call('unlockAccount', { userId });
        if (get().userId !== userId) return;
        set({ unlockOutcome: wasLocked ? 'unlocked' : 'notLocked', unlockAccountEnabled: accountEnabled, unlockNotices: notifications });
        await get().refresh();
      } catch (error) {
        if (get().userId === userId) set({ unlockError: toUiError(error) });
      } finally {
        if (get().userId === userId) set({ unlocking: false });
      }
    },

    reset() {
      latest++;
      set(initial);
    },
  };
});

onSessionEnd(() => useSelectedUser.getState().reset());
