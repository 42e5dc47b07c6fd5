/**
 * The idle lock and the clipboard clear in specs, without waiting on the wall
 * clock. On the Chromium target the spec holds the time (launchApp's
 * controlledTime): the timers keep the app's defaults (the idle lock a
 * shorter one, HELD_IDLE_LOCK_MINUTES) and fire only when the spec moves the time past them, so a busy machine can neither fire them
 * mid-flow nor late. Electron's main-process timers are real: there they are
 * short, and the specs wait on the screen for what they do.
 */
import type { LaunchedApp, LaunchOptions, Target } from './launch';
import { DEFAULT_CLIPBOARD_CLEAR_SECONDS } from '../../main/ipc/app';

/** Electron only: short real timers. */
const REAL_IDLE_LOCK_MINUTES = 0.05; // 3 s
const REAL_CLIPBOARD_CLEAR_SECONDS = 2;

/** How long a spec on Electron waits on the screen for a real timer's effect. */
export const REAL_TIMER_SEEN_MS = 15_000;

/** Chromium: the idle lock the spec moves the time past (shorter than the default, so a clear after it is a setting the app accepts). */
const HELD_IDLE_LOCK_MINUTES = 5;

/** Longer than the idle lock on either target, and the longest the app accepts: only the lock can clear the clipboard in time. */
const CLIPBOARD_AFTER_THE_LOCK_SECONDS = 600;

/**
 * Launch options for a spec of these timers. `clipboard: 'after-lock'`: the
 * clipboard's own clear comes after the idle lock, for a spec of what the lock clears.
 */
export function timerOptions(target: Target, order: { clipboard?: 'after-lock' } = {}): Omit<LaunchOptions, 'target'> {
  const late = order.clipboard === 'after-lock';
  return target === 'chromium'
    ? { controlledTime: true, idleLockMinutes: HELD_IDLE_LOCK_MINUTES, ...(late ? { clipboardClearSeconds: CLIPBOARD_AFTER_THE_LOCK_SECONDS } : {}) }
    : { idleLockMinutes: REAL_IDLE_LOCK_MINUTES, clipboardClearSeconds: late ? CLIPBOARD_AFTER_THE_LOCK_SECONDS : REAL_CLIPBOARD_CLEAR_SECONDS };
}

/** The idle time passes (Chromium: the spec moves the time on; Electron: the real timer runs). */
export async function passIdleTime(app: LaunchedApp): Promise<void> {
  await app.advanceTime?.(HELD_IDLE_LOCK_MINUTES * 60_000);
}

/** The clipboard's delay passes (as above). */
export async function passClipboardDelay(app: LaunchedApp): Promise<void> {
  await app.advanceTime?.(DEFAULT_CLIPBOARD_CLEAR_SECONDS * 1000);
}

/** The app's default timers, held by the spec where the target allows it (Chromium), for specs that must not meet them at all. */
export function heldTime(target: Target): Omit<LaunchOptions, 'target'> {
  return target === 'chromium' ? { controlledTime: true } : {};
}

/** Whether the spec holds the time: then nothing fires until it moves it, and a state before the move can be asserted at leisure. */
export const holdsTime = (app: LaunchedApp) => app.advanceTime !== undefined;
