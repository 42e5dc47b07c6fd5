/**
 * "Temporary passwords not yet changed": one page of the outstanding ones,
 * oldest first, for follow-up calls. Each visit asks main again (a reset made
 * meanwhile, or a change the directory now reports, shows at once); only the
 * latest request's answer is painted.
 */
import { create } from 'zustand';
import type { OutstandingTemporaryPassword } from '../../main/domain/temporary-passwords';
import { call, toUiError } from './call';
import type { UiErrorView } from './call';
import { onSessionEnd } from './session';

export const TEMPORARY_PASSWORDS_PAGE = 50;

interface TemporaryPasswordsStore {
  rows: OutstandingTemporaryPassword[];
  /** All outstanding ones; null until the first answer. */
  total: number | null;
  offset: number;
  loading: boolean;
  error: UiErrorView | null;
  load(offset?: number): Promise<void>;
  reset(): void;
}

let latest = 0;

const initial = { rows: [], total: null, offset: 0, loading: false, error: null };

export const useTemporaryPasswords = create<TemporaryPasswordsStore>()((set, get) => ({
  ...initial,

  async load(offset = get().offset) {
    const seq = ++latest;
    set({ loading: true, error: null });
    try {
      const page = await call('listOutstandingTemporaryPasswords', { limit: TEMPORARY_PASSWORDS_PAGE, offset });
      if (seq !== latest) return;
      set({ rows: page.rows, total: page.total, offset, loading: false });
    } catch (error) {
      if (seq === latest) set({ loading: false, error: toUiError(error) });
    }
  },

  reset() {
    latest++;
    set(initial);
  },
}));

onSessionEnd(() => useTemporaryPasswords.getState().reset());
