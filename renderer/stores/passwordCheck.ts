/**
 * The live banned-password check of a password being chosen (the reset
 * dialog's typed password, the must-change screen's new one), as NIST SP
 * 800-63B asks: the reasons show while typing. Main has the lists; this store
 * asks it a moment after the last keystroke (a pause, so a fast typist sends
 * one request, not ten) and keeps only the newest answer. It keeps the
 * reasons, never the password.
 */
import { create } from 'zustand';
import { call, toUiError, type UiErrorView } from './call';

/** Whose password: a user the agent resets (by id), or the account whose sign-in asked for a change (by UPN). */
export type CheckSubject = { userId: string } | { upn: string };

/** How long typing must pause before the check is asked. */
export const CHECK_PAUSE_MS = 250;

interface PasswordCheckStore {
  /** A check is waiting for the pause or for main's answer. */
  pending: boolean;
  /** The sequence number of the keystroke `problems` answers (0: none yet). */
  answered: number;
  /** The latest keystroke's sequence number. */
  latest: number;
  problems: string[];
  error: UiErrorView | null;
  /** A new value was typed: checked after the pause (an empty value is not checked). */
  check(subject: CheckSubject, password: string): void;
  /** The field closed: forget the answer and any check still waiting. */
  reset(): void;
}

let timer: ReturnType<typeof setTimeout> | null = null;

const initial = { pending: false, answered: 0, latest: 0, problems: [], error: null };

export const usePasswordCheck = create<PasswordCheckStore>()((set, get) => ({
  ...initial,
  check(subject, password) {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const seq = get().latest + 1;
    if (password === '') {
      set({ ...initial, latest: seq, answered: seq });
      return;
    }
    set({ latest: seq, pending: true });
    timer = setTimeout(() => {
      timer = null;
      const request =
        'userId' in subject
          ? call('checkPassword', { userId: subject.userId, password })
          : call('checkNewPassword', { upn: subject.upn, password });
      request.then(
        ({ problems }) => {
          if (get().latest === seq) set({ pending: false, answered: seq, problems, error: null });
        },
        (error: unknown) => {
          if (get().latest === seq) set({ pending: false, answered: seq, problems: [], error: toUiError(error) });
        },
      );
    }, CHECK_PAUSE_MS);
  },
  reset() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    set({ ...initial, latest: get().latest + 1 });
  },
}));
