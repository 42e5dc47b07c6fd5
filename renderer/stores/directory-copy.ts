/**
 * Where the local copy of a real directory stands (main/domain/replica-status.ts),
 * for the status bar: asked of main every second while the copy is being read
 * (or about to be), every ten seconds after, and not at all once main says
 * there is no copy to keep (the embedded directory). A look, not the agent's
 * activity: it never holds off the idle lock.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { ReplicaStatus } from '../../main/domain/replica-status';
import { call } from './call';
import { onSessionEnd } from './session';

export const POLL_BUSY_MS = 1_000;
export const POLL_IDLE_MS = 10_000;

interface DirectoryCopyStore {
  /** null: none to keep, or not known yet. */
  status: ReplicaStatus | null;
  /** Asks main once; returns when to ask again (null: never). */
  refresh(): Promise<number | null>;
}

let asked = 0;

export const useDirectoryCopy = create<DirectoryCopyStore>()((set) => ({
  status: null,
  async refresh() {
    const ticket = ++asked;
    try {
      const status = await call('getDirectoryCopy', {});
      if (ticket !== asked) return null;
      set({ status });
      if (status === null) return null;
      return status.state === 'reading' || status.state === 'none' ? POLL_BUSY_MS : POLL_IDLE_MS;
    } catch {
      // Signed out or main busy: the status bar keeps what it last knew; the next session asks again.
      return null;
    }
  },
}));

/** Keeps the status fresh while the calling component (the status bar, shown only while signed in) is mounted. */
export function useDirectoryCopyPolling(): ReplicaStatus | null {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const tick = async () => {
      const next = await useDirectoryCopy.getState().refresh();
      if (!stopped && next !== null) timer = setTimeout(() => void tick(), next);
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, []);
  return useDirectoryCopy((store) => store.status);
}

onSessionEnd(() => {
  asked++;
  useDirectoryCopy.setState({ status: null });
});
