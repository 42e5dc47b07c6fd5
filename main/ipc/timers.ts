/**
 * Timers as main's clean-ups need them (the clipboard clear, the idle lock):
 * a port, so tests fire them by hand instead of sleeping.
 */
export interface TimerPort {
  set(callback: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

export const realTimers: TimerPort = {
  set: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    // A pending clear or lock must not keep a quitting process alive (quit clears anyway).
    timer.unref?.();
    return timer;
  },
  cancel: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
