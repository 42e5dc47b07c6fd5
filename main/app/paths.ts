import { homedir } from 'node:os';
import { join } from 'node:path';

/** The product name Electron uses for its userData folder; the CLI uses the same folder. */
export const PRODUCT_NAME = 'Resetdesk';
export const DIRECTORY_FILE = 'directory.sqlite';

/**
 * Electron's `app.getPath('userData')`, computed without Electron so the CLI and
 * the app open the same file: %APPDATA%\Resetdesk, ~/Library/Application
 * Support/Resetdesk, or $XDG_CONFIG_HOME/Resetdesk (~/.config/Resetdesk).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), PRODUCT_NAME);
}

/** --db, else $RESETDESK_DB, else the app's data directory. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.RESETDESK_DB || join(defaultDataDir(env), DIRECTORY_FILE);
}
