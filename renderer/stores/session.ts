/**
 * Who is signed in, as main sees it.
 *
 * Main locks the session after idleLockMinutes without a request, on its own
 * timer, and says so with a `session.ended` event (why: idleLock): the sign-in
 * screen comes back with the lock message, so an idle screen does not keep
 * showing a directory nobody is signed in to. An event missed (a window that
 * was loading) is made up for when the window gets the focus back: one
 * getSession (not activity), and a signed-in screen that main says is signed
 * out is locked.
 */
import { create } from 'zustand';
import type { AgentInfo, SessionEndReason, SessionState } from '../../main/ipc/contract';
import { ERROR_MESSAGES } from '../../main/domain/errors';
import { call, connectSession, toUiError } from './call';
import type { UiErrorView } from './call';

export type SessionStatus = 'loading' | 'signedOut' | 'changeRequired' | 'signedIn';

interface SessionStore {
  status: SessionStatus;
  agent: AgentInfo | null;
  idleLockMinutes: number;
  /**
   * Prefills "User principal name": the agent an idle lock interrupted, or the
   * one changing their password. Empty after a sign-out, so the next agent at
   * the desk does not type into someone else's form (and lockout count).
   */
  upn: string;
  /** The idle lock ended the session: the form is for `upn`, who enters only the password. */
  locked: boolean;
  /** Why the agent is back at sign-in (lock, signed out elsewhere): shown as information. */
  notice: UiErrorView | null;
  error: UiErrorView | null;
  busy: boolean;
  load(): Promise<void>;
  signIn(upn: string, password: string): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  cancelChange(): void;
  /** From the locked form: an empty form for another agent. */
  signInAsSomeoneElse(): void;
  signOut(): Promise<void>;
  /** Main's `session.ended`: the idle lock brings back the locked form (the other reasons answer the window's own call). */
  ended(why: SessionEndReason): void;
  /** An event may have been missed (the window gets the focus back): asks main once whether the session still holds. */
  recheck(): Promise<void>;
}

const LOCKED: UiErrorView = { code: 'SESSION_LOCKED', message: ERROR_MESSAGES.SESSION_LOCKED };

/** Run when the idle lock ends a session, before the stores drop its data (onIdleLock). */
const lockListeners: ((agent: AgentInfo) => void)[] = [];

export const useSession = create<SessionStore>()((set, get) => {
  function lost(notice: UiErrorView): void {
    if (get().status !== 'signedIn') return;
    // Locked: the same agent is expected back. Any other loss: nobody's form.
    const locked = notice.code === 'SESSION_LOCKED';
    const agent = get().agent;
    if (locked && agent) for (const park of lockListeners) park(agent);
    set({ status: 'signedOut', agent: null, notice, error: null, busy: false, locked, ...(locked ? {} : { upn: '' }) });
  }

  function apply(state: SessionState): void {
    if (state.status === 'signedIn') {
      set({
        status: 'signedIn',
        agent: state.agent,
        upn: state.agent.upn,
        locked: false,
        idleLockMinutes: state.idleLockMinutes,
        notice: null,
        error: null,
      });
    } else if (state.status === 'passwordChangeRequired') {
      set({ status: 'changeRequired', agent: null, upn: state.upn, error: null });
    } else {
      set({ status: 'signedOut', agent: null });
    }
  }

  connectSession({ lost });

  return {
    status: 'loading',
    agent: null,
    idleLockMinutes: 0,
    upn: '',
    locked: false,
    notice: null,
    error: null,
    busy: false,

    async load() {
      try {
        apply(await call('getSession', {}));
      } catch (error) {
        set({ status: 'signedOut', error: toUiError(error) });
      }
    },

    async signIn(upn, password) {
      set({ busy: true, error: null, upn: upn.trim() });
      try {
        apply(await call('signIn', { upn: upn.trim(), password }));
      } catch (error) {
        const view = toUiError(error);
        // Main answers the forced change with a status, but an error code means the same.
        if (view.code === 'PASSWORD_CHANGE_REQUIRED') set({ status: 'changeRequired', notice: null });
        else set({ error: view });
      } finally {
        set({ busy: false });
      }
    },

    async changePassword(currentPassword, newPassword) {
      set({ busy: true, error: null });
      try {
        apply(await call('changeOwnPassword', { upn: get().upn, currentPassword, newPassword }));
      } catch (error) {
        set({ error: toUiError(error) });
      } finally {
        set({ busy: false });
      }
    },

    cancelChange() {
      set({ status: 'signedOut', error: null });
    },

    signInAsSomeoneElse() {
      set({ locked: false, upn: '', notice: null, error: null });
    },

    async signOut() {
      set({ busy: true });
      try {
        await call('signOut', {});
      } catch {
        // Signed out here either way: the next request would find no session in main.
      }
      set({ status: 'signedOut', agent: null, upn: '', locked: false, notice: null, error: null, busy: false });
    },

    ended(why) {
      if (why === 'idleLock') lost(LOCKED);
    },

    async recheck() {
      // Not while signing out: that call answers for itself.
      if (get().status !== 'signedIn' || get().busy) return;
      try {
        const state = await call('getSession', {});
        // Signed out in main while this screen still shows the desk: the idle lock, as its event would have said.
        if (state.status !== 'signedIn' && !get().busy) lost(LOCKED);
      } catch {
        // Main answers the next request; the event comes with the next change.
      }
    },
  };
});

/**
 * Runs `park` with the agent when the idle lock ends their session, before
 * any onSessionEnd reset: what the same agent should find again (stores/desk.ts).
 */
export function onIdleLock(park: (agent: AgentInfo) => void): void {
  lockListeners.push(park);
}

/** Runs `reset` whenever a signed-in session ends (sign-out, lock, lost): stores drop session data. */
export function onSessionEnd(reset: () => void): void {
  useSession.subscribe((state, previous) => {
    if (previous.status === 'signedIn' && state.status !== 'signedIn') reset();
  });
}
