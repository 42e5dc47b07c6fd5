/**
 * A real OS keychain for child processes: a private D-Bus session
 * (dbus-run-session) with gnome-keyring-daemon unlocked in it, its keyring
 * files in a temporary HOME, as test/integration/secrets/keytar.test.ts sets
 * one up, but kept running so that several processes (the CLI, one command
 * after another) share it. `env` is what each child runs with; `close` ends
 * the session (its bus and the keyring daemon) and removes the HOME.
 *
 *   const keyring = await startKeyringSession();
 *   if (typeof keyring === 'string') return t.skip(keyring);
 *   const run = await runSource([...], { env: keyring.env });
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface KeyringSession {
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Why no keyring session can run here (printed as the skip's reason), or null. */
export function keyringMissing(): string | null {
  const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((c) => !hasCommand(c));
  if (missing.length > 0) return `${missing.join(' and ')} not installed (apt-get install dbus gnome-keyring)`;
  try {
    createRequire(import.meta.url)('keytar');
    return null;
  } catch (error) {
    return `keytar (optional dependency) is not installed or not built: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
  }
}

/** This process's environment without any session bus, keyring or display, under a fresh HOME. */
export function isolatedEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'GNOME_KEYRING_CONTROL', 'SSH_AUTH_SOCK']) delete env[name];
  const runtime = path.join(home, 'run');
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  return {
    ...env,
    HOME: home,
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_RUNTIME_DIR: runtime,
  };
}

/** Starts the session; a string says why it cannot run here. */
export async function startKeyringSession(): Promise<KeyringSession | string> {
  const missing = keyringMissing();
  if (missing) return missing;
  const home = mkdtempSync(path.join(tmpdir(), 'resetdesk-keyring-'));
  const env = isolatedEnv(home);
  // gnome-keyring-daemon --unlock reads the login keyring's password on stdin (creating the
  // keyring on first use) and prints NAME=value lines; the session lasts until our stdin closes.
  const script = [
    'set -eu',
    'out=$(printf "%s" "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets)',
    'echo "BUS=$DBUS_SESSION_BUS_ADDRESS"',
    'cat >/dev/null',
  ].join('\n');
  const child: ChildProcess = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
    env: { ...env, KEYRING_PASSWORD: randomBytes(16).toString('hex') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the keyring session did not start\n${err}`)), START_TIMEOUT_MS);
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^BUS=(.+)$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the keyring session ended (exit ${code})\n${err}`)));
  });
  return {
    env: { ...env, DBUS_SESSION_BUS_ADDRESS: address },
    async close() {
      const ended = exited ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin!.end();
      await ended;
      rmSync(home, { recursive: true, force: true });
    },
  };
}
