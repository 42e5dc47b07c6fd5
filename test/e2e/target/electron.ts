/**
 * The Electron target: the unpackaged app (dist/ built from this checkout)
 * launched with Playwright's `_electron`, the way a tester at a customer runs
 * it. Packaged builds cannot be driven: their inspect fuse is off.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Where node_modules/electron keeps its binary, without triggering the download
 * that requiring the package would start (see scripts/start.mjs).
 */
export function findElectronBinary(projectRoot: string): ElectronBinary {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    if (existsSync(candidate)) return { found: true, path: candidate };
  }
  let dir: string;
  try {
    dir = path.dirname(createRequire(path.join(projectRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed (npm install)' };
  }
  const pathFile = path.join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const binary = executable ? path.join(dir, 'dist', executable) : '';
  if (!binary || !existsSync(binary)) {
    return { found: false, reason: `no Electron binary in ${path.join(dir, 'dist')} (its download did not happen or is not possible here)` };
  }
  return { found: true, path: binary };
}

export interface ElectronTargetOptions {
  projectRoot: string;
  db: string;
  idleLockMinutes?: number;
  clipboardClearSeconds?: number;
}

export interface ElectronTarget {
  page: Page;
  app: ElectronApplication;
  readClipboard(): Promise<string>;
  close(): Promise<void>;
}

export async function launchElectronTarget(options: ElectronTargetOptions): Promise<ElectronTarget> {
  const binary = findElectronBinary(options.projectRoot);
  if (!binary.found) throw new Error(`Cannot launch the electron target: ${binary.reason}.`);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // Set by some runners (VS Code, CI images): it would make the binary a plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  env.RESETDESK_DB = options.db;
  // Its own profile next to the db: parallel workers must not meet the single-instance lock.
  env.RESETDESK_USER_DATA_DIR = path.join(path.dirname(options.db), 'electron-user-data');
  if (options.idleLockMinutes !== undefined) env.RESETDESK_IDLE_LOCK_MINUTES = String(options.idleLockMinutes);
  if (options.clipboardClearSeconds !== undefined) {
    env.RESETDESK_CLIPBOARD_CLEAR_SECONDS = String(options.clipboardClearSeconds);
  }
  const app = await _electron.launch({ executablePath: binary.path, args: [options.projectRoot], env });
  const page = await app.firstWindow();
  return {
    page,
    app,
    readClipboard: () => app.evaluate(({ clipboard }) => clipboard.readText()),
    close: () => app.close(),
  };
}
