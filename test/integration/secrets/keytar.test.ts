/**
 * KeytarSecretStore against a real Secret Service: a private D-Bus session
 * (dbus-run-session) with gnome-keyring-daemon unlocked in it, its keyring files
 * in a temporary HOME. The store runs in child processes (fixtures/keytar-ops.ts),
 * since this process may have no session bus; a second child reading what the
 * first one stored shows the secret lives in the keyring, not in a process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolatedEnv } from '../../support/keyring-session';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURE = path.join(root, 'test/integration/secrets/fixtures/keytar-ops.ts');
const TIMEOUT_MS = 60_000;

interface OpsOutput {
  results: unknown[];
  error?: { name: string; message: string };
}

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Why keytar cannot be used in this checkout, or null when it can. */
function keytarMissing(): string | null {
  try {
    createRequire(import.meta.url)('keytar');
    return null;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return `keytar (optional dependency) is not installed or not built: ${reason}`;
  }
}

/** Runs a command in its own process group; kills the whole group on timeout. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`${command} timed out after ${TIMEOUT_MS} ms\n${stdout}\n${stderr}`));
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function parseLines(stdout: string): OpsOutput[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as OpsOutput);
}

test('KeytarSecretStore stores, reads and deletes a secret in gnome-keyring', async (t) => {
  const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((c) => !hasCommand(c));
  if (missing.length > 0) {
    t.skip(`${missing.join(' and ')} not installed (apt-get install dbus gnome-keyring)`);
    return;
  }
  const noKeytar = keytarMissing();
  if (noKeytar !== null) {
    t.skip(noKeytar);
    return;
  }

  const home = mkdtempSync(path.join(tmpdir(), 'resetdesk-keyring-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const account = `agent-${randomBytes(4).toString('hex')}@contoso.example`;
  const secret = `Tëmp-${randomBytes(12).toString('base64url')} ✓`;

  // gnome-keyring-daemon --unlock reads the login keyring's password on stdin
  // (creating the keyring on first use) and prints NAME=value lines to export.
  const script = [
    'set -eu',
    'out=$(printf "%s" "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets)',
    'for kv in $out; do export "$kv"; done',
    'node --import tsx "$FIXTURE" get set get',
    'node --import tsx "$FIXTURE" get delete delete get',
  ].join('\n');
  const env = {
    ...isolatedEnv(home),
    KEYRING_PASSWORD: randomBytes(16).toString('hex'),
    FIXTURE,
    RESETDESK_TEST_ACCOUNT: account,
    RESETDESK_TEST_SECRET: secret,
  };

  const { code, stdout, stderr } = await run('dbus-run-session', ['--', 'sh', '-c', script], env);
  const context = `exit ${code}\nstdout:\n${stdout}\nstderr:\n${stderr}`;
  assert.equal(code, 0, context);
  const [first, second] = parseLines(stdout);
  assert.deepEqual(first, { results: [null, 'stored', secret] }, context);
  // A new process, same keyring: the secret was stored by the Secret Service.
  assert.deepEqual(second, { results: [secret, true, false, null] }, context);
});

test('KeytarSecretStore throws SecretStoreUnavailableError when no Secret Service is reachable', async (t) => {
  const noKeytar = keytarMissing();
  if (noKeytar !== null) {
    t.skip(noKeytar);
    return;
  }
  const home = mkdtempSync(path.join(tmpdir(), 'resetdesk-nobus-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const env = {
    ...isolatedEnv(home),
    // A session bus address where nothing listens: libsecret fails at once.
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(home, 'no-bus-here')}`,
    RESETDESK_TEST_ACCOUNT: 'nobody@contoso.example',
    RESETDESK_TEST_SECRET: 'unused',
  };

  const { code, stdout, stderr } = await run(process.execPath, ['--import', 'tsx', FIXTURE, 'get'], env);
  const context = `exit ${code}\nstdout:\n${stdout}\nstderr:\n${stderr}`;
  assert.equal(code, 0, context);
  const [output] = parseLines(stdout);
  assert.equal(output?.error?.name, 'SecretStoreUnavailableError', context);
  assert.match(output.error.message, /secret store is not available/i);
});
