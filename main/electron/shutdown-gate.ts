/**
 * Runs the quit clean-up (clear the clipboard if it still holds our copy,
 * close the directory) exactly once, before Electron is allowed to quit.
 * Electron does not await listeners, so the first quit event is held back
 * (preventDefault), the clean-up awaited, then `finish` (app.quit) called
 * again, which the gate now lets through. A quit asked for while cleaning up
 * is held back too and does not start a second clean-up. No 'electron' here:
 * unit-tested under Node (test/unit/electron/shutdown-gate.test.ts).
 */

export interface QuitEvent {
  preventDefault(): void;
}

export interface ShutdownGateOptions {
  cleanup(): Promise<void>;
  /** Called once the clean-up has ended, however it ended: quits for real. */
  finish(): void;
  onError?(error: unknown): void;
  /** A clean-up that hangs (an OS clipboard that never answers) must not keep the app alive. */
  timeoutMs?: number;
}

export const SHUTDOWN_TIMEOUT_MS = 5000;

/** The listener for 'before-quit' and 'will-quit'. */
export function createShutdownGate(options: ShutdownGateOptions): (event: QuitEvent) => void {
  let state: 'running' | 'cleaning' | 'done' = 'running';
  const timeoutMs = options.timeoutMs ?? SHUTDOWN_TIMEOUT_MS;

  async function cleanUp(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`clean-up did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([options.cleanup(), timeout]);
    } catch (error) {
      options.onError?.(error);
    } finally {
      clearTimeout(timer);
    }
  }

  return (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'cleaning') return;
    state = 'cleaning';
    void cleanUp().then(() => {
      state = 'done';
      options.finish();
    });
  };
}
