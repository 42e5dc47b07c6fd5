/**
 * Who is signed in, as main sees it, plus the renderer's half of the idle lock.
 *
 * Main locks the session after idleLockMinutes without a request but only
 * notices on the next request. So that an idle screen does not keep showing a
 * directory nobody is signed in to, this store remembers when main last saw
 * activity and, just after the lock is due, asks getSession (which is not
 * activity); if main says signedOut, the sign-in screen comes back with the
 * lock message.
 */
import { create } from 'zustand';
import type { AgentInfo, SessionState } from '../../main/ipc/contract';
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
}

/** Margin after the due time, so main's clock has certainly passed it. */
const CHECK_MARGIN_MS = 250;
/** When main is still signed in at our check (activity we did not see), look again soon. */
const RECHECK_MS = 1000;

let idleTimer: ReturnType<typeof setTimeout> | null = null;
let lastActivity = 0;
/** Run when the idle lock ends a session, before the stores drop its data (onIdleLock). */
const lockListeners: ((agent: AgentInfo) => void)[] = [];

function stopIdleCheck(): void {
  if (idleTimer !== null) clearTimeout(idleTimer);
  idleTimer = null;
}

export const useSession = create<SessionStore>()((set, get) => {
  function scheduleIdleCheck(at: number): void {
    stopIdleCheck();
    idleTimer = setTimeout(() => void checkIdle(), Math.max(0, at - Date.now()));
  }

  function dueAt(): number {
    return lastActivity + get().idleLockMinutes * 60_000 + CHECK_MARGIN_MS;
  }

  async function checkIdle(): Promise<void> {
    idleTimer = null;
    if (get().status !== 'signedIn') return;
    const checkedFor = lastActivity;
    let state: SessionState;
    try {
      state = await call('getSession', {});
    } catch {
      scheduleIdleCheck(Date.now() + RECHECK_MS);
      return;
    }
    if (get().status !== 'signedIn') return;
    if (state.status === 'signedIn') {
      // Activity moved on while we asked, or main saw a request we did not: check again later.
      scheduleIdleCheck(lastActivity !== checkedFor ? dueAt() : Date.now() + RECHECK_MS);
      return;
    }
    lost({ code: 'SESSION_LOCKED', message: ERROR_MESSAGES.SESSION_LOCKED });
  }

  function lost(notice: UiErrorView): void {
    stopIdleCheck();
    if (get().status !== 'signedIn') return;
    // Locked: the same agent is expected back. Any other loss: nobody's form.
    const locked = notice.code === 'SESSION_LOCKED';
    const agent = get().agent;
    if (locked && agent) for (const park of lockListeners) park(agent);
    set({ status: 'signedOut', agent: null, notice, error: null, busy: false, locked, ...(locked ? {} : { upn: '' }) });
  }

  function apply(state: SessionState): void {
    if (state.status === 'signedIn') {
      lastActivity = Date.now();
      set({
        status: 'signedIn',
        agent: state.agent,
        upn: state.agent.upn,
        locked: false,
        idleLockMinutes: state.idleLockMinutes,
        notice: null,
        error: null,
      });
      scheduleIdleCheck(dueAt());
    } else if (state.status === 'passwordChangeRequired') {
      stopIdleCheck();
      set({ status: 'changeRequired', agent: null, upn: state.upn, error: null });
    } else {
      stopIdleCheck();
      set({ status: 'signedOut', agent: null });
    }
  }

  connectSession({
    activity: () => {
      lastActivity = Date.now();
      if (get().status === 'signedIn') scheduleIdleCheck(dueAt());
    },
    lost,
  });

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
      stopIdleCheck();
      set({ busy: true });
      try {
        await call('signOut', {});
      } catch {
        // Signed out here either way: the next request would find no session in main.
      }
      set({ status: 'signedOut', agent: null, upn: '', locked: false, notice: null, error: null, busy: false });
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
