import { z } from 'zod';
import path from 'node:path';
import { DomainError } from '../domain/errors';
import { DIRECTORY_FILE } from '../app/paths';
import { DEFAULT_CLIPBOARD_CLEAR_SECONDS, DEFAULT_IDLE_LOCK_MINUTES } from '../ipc/app';

/**
 * The app's run-time settings, read from the environment by the desktop's one
 * composition (start-desktop.ts), for Electron and the preview alike:
 *
 *   RESETDESK_DB                      the directory file (as for the CLI; localFileOf)
 *   RESETDESK_DIRECTORY               a connection profile to sign in to, instead of the one the file names
 *   RESETDESK_IDLE_LOCK_MINUTES       idle lock, minutes (decimals allowed, 0.05–480)
 *   RESETDESK_CLIPBOARD_CLEAR_SECONDS clipboard clear delay, seconds (1–600)
 *
 * Decimal minutes exist so an end-to-end test can watch the lock happen in
 * seconds; an administrator sets whole minutes.
 */
export interface AppConfig {
  idleLockMinutes: number;
  clipboardClearSeconds: number;
}

const number = (min: number, max: number) => z.coerce.number().finite().min(min).max(max);
const schema = z.object({
  RESETDESK_IDLE_LOCK_MINUTES: number(0.05, 480).default(DEFAULT_IDLE_LOCK_MINUTES),
  RESETDESK_CLIPBOARD_CLEAR_SECONDS: number(1, 600).default(DEFAULT_CLIPBOARD_CLEAR_SECONDS),
});

export function readAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in schema.shape && value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))];
    throw new DomainError('INVALID_INPUT', `Check the setting ${names.join(', ')} (a number in range).`);
  }
  return {
    idleLockMinutes: parsed.data.RESETDESK_IDLE_LOCK_MINUTES,
    clipboardClearSeconds: parsed.data.RESETDESK_CLIPBOARD_CLEAR_SECONDS,
  };
}

/** The local file: $RESETDESK_DB (as the CLI honours it), else directory.sqlite in the app's data folder. */
export function localFileOf(env: NodeJS.ProcessEnv, dataDir: string): string {
  return env.RESETDESK_DB || path.join(dataDir, DIRECTORY_FILE);
}

/** $RESETDESK_DIRECTORY: the profile agents sign in to, overriding the choice the file keeps; undefined when unset. */
export function directoryOverrideOf(env: NodeJS.ProcessEnv): string | undefined {
  return env.RESETDESK_DIRECTORY || undefined;
}
