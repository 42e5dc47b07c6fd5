/**
 * The reset dialog: the target, main's preflight, the one-time result and the
 * clipboard countdown.
 *
 * The temporary password lives here only while the dialog shows it. Closing
 * the dialog, signing out or a lock drops it and tells main to forget it too,
 * so it can never be shown again. Copying sends only the result's id: the
 * password never travels back to main.
 */
import { create } from 'zustand';
import type { ClipboardStatusView, PasswordDestination, PreflightResponse, ResetResponse } from '../../main/ipc/contract';
import { call, toUiError } from './call';
import type { UiErrorView } from './call';
import { onSessionEnd } from './session';
import { useSelectedUser } from './selectedUser';

export type AllowedPreflight = Extract<PreflightResponse, { allowed: true }>;

export interface ResetTarget {
  id: string;
  displayName: string;
  /** As the pane read it: a disabled account is said to stay disabled before the click. */
  enabled: boolean;
}

/**
 * idle: nothing copied; counting: main will clear at clearsAt (past it, the
 * dialog says the clear is under way until main's `clipboard.changed` says it
 * is done); cleared: main cleared it (or the clipboard no longer holds our copy).
 */
export type ClipboardPhase = 'idle' | 'counting' | 'cleared';

interface ResetFlowStore {
  target: ResetTarget | null;
  preflight: AllowedPreflight | null;
  forceChange: boolean;
  /** Where main sends the temporary password: the agent's screen, or straight to the user (out of band). */
  deliverTo: PasswordDestination;
  busy: boolean;
  /** main is making a suggested password ("Generate", on-premises users). */
  suggesting: boolean;
  error: UiErrorView | null;
  result: ResetResponse | null;
  readoutShown: boolean;
  clipboard: ClipboardPhase;
  /** Epoch ms when main clears the clipboard (while counting). */
  clearsAt: number | null;
  copyError: UiErrorView | null;
  start(target: ResetTarget, preflight: AllowedPreflight): void;
  setForceChange(value: boolean): void;
  setDeliverTo(value: PasswordDestination): void;
  /**
   * A password main made for this user's policy, for the form to fill in; null
   * when it failed (the error is shown) or the dialog moved on meanwhile. Not
   * kept here: like a typed one it lives in the form only.
   */
  suggest(): Promise<string | null>;
  confirm(password?: string): Promise<void>;
  toggleReadout(): void;
  copy(): Promise<void>;
  close(): void;
  /** Main's `clipboard.changed`: the countdown ends when main no longer holds the copy. */
  clipboardChanged(status: ClipboardStatusView): void;
  /** An event may have been missed (the window gets the focus back): asks main once, while counting. */
  recheckClipboard(): Promise<void>;
}

/** Bumped by every copy and close: an answer about an older copy must not touch the state. */
let clipboardRun = 0;

const initial = {
  target: null,
  preflight: null,
  forceChange: true,
  deliverTo: 'screen' as PasswordDestination,
  busy: false,
  suggesting: false,
  error: null,
  result: null,
  readoutShown: false,
  clipboard: 'idle' as ClipboardPhase,
  clearsAt: null,
  copyError: null,
};

export const useResetFlow = create<ResetFlowStore>()((set, get) => {
  /** Drops the result here and in main (fire and forget: main also forgets on session end). */
  function forgetResult(): void {
    const { result } = get();
    clipboardRun++;
    // A password sent out of band was never here: nothing for main to forget.
    if (result?.resultId) void call('forgetResetResult', { resultId: result.resultId }).catch(() => undefined);
    set(initial);
  }

  return {
    ...initial,

    start(target, preflight) {
      forgetResult();
      set({ target, preflight });
    },

    setForceChange(value) {
      set({ forceChange: value });
    },

    setDeliverTo(value) {
      set({ deliverTo: value });
    },

    async suggest() {
      const { target, busy, suggesting, result } = get();
      if (!target || busy || suggesting || result) return null;
      set({ suggesting: true, error: null });
      try {
        const { password } = await call('suggestPassword', { userId: target.id });
        if (get().target?.id !== target.id) return null;
        set({ suggesting: false });
        return password;
      } catch (error) {
        if (get().target?.id === target.id) set({ error: toUiError(error), suggesting: false });
        return null;
      }
    },

    async confirm(password) {
      const { target, forceChange, deliverTo, busy, result } = get();
      if (!target || busy || result) return;
      set({ busy: true, error: null });
      try {
        const response = await call('resetPassword', {
          userId: target.id,
          forceChangeNextSignIn: forceChange,
          deliverTo,
          ...(password !== undefined ? { password } : {}),
        });
        // The dialog may have been closed (or the session ended) while main worked.
        if (get().target?.id !== target.id) {
          if (response.resultId) void call('forgetResetResult', { resultId: response.resultId }).catch(() => undefined);
          return;
        }
        set({ result: response, busy: false });
        void useSelectedUser.getState().refresh();
      } catch (error) {
        if (get().target?.id === target.id) set({ error: toUiError(error), busy: false });
      }
    },

    toggleReadout() {
      set({ readoutShown: !get().readoutShown });
    },

    async copy() {
      const { result } = get();
      if (!result?.resultId) return; // sent out of band: nothing to copy
      const run = ++clipboardRun;
      set({ copyError: null });
      try {
        const { clearsAt } = await call('copyTemporaryPassword', { resultId: result.resultId });
        if (run !== clipboardRun) return;
        set({ clipboard: 'counting', clearsAt: Date.parse(clearsAt) });
      } catch (error) {
        if (run === clipboardRun) set({ clipboard: 'idle', clearsAt: null, copyError: toUiError(error) });
      }
    },

    close() {
      forgetResult();
    },

    clipboardChanged(status) {
      // Only the end of this dialog's copy matters here: a copy is answered by its own call.
      if (get().clipboard === 'counting' && !status.holdsCopy) set({ clipboard: 'cleared', clearsAt: null });
    },

    async recheckClipboard() {
      if (get().clipboard !== 'counting') return;
      const run = clipboardRun;
      try {
        // Not activity for main: this look does not hold off the idle lock.
        const status = await call('clipboardStatus', {});
        if (run === clipboardRun) get().clipboardChanged(status);
      } catch {
        // The event comes with the clear.
      }
    },
  };
});

onSessionEnd(() => useResetFlow.getState().close());
