/**
 * scripts/with-keychain.sh, which gives `npm test` an OS keychain: started
 * from an environment with no session bus (as CI is), the command it runs
 * stores and reads a secret through KeytarSecretStore in a throwaway
 * gnome-keyring; nothing of it is left afterwards, the HOME's own keyring
 * folder is never made, and the command's exit status is passed on. Started
 * where a Secret Service already runs, it uses that one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../../support/cli-process';

const SCRIPT = path.join(ROOT, 'scripts/with-keychain.sh');
const FIXTURE = path.join(ROOT, 'test/integration/secrets/fixtures/keytar-ops.ts');

function missing(): string | null {
  const commands = ['dbus-run-session', 'gnome-keyring-daemon', 'dbus-send'].filter(
    (c) => spawnSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' }).status !== 0,
  );
  if (commands.length > 0) return `${commands.join(', ')} not installed (apt-get install dbus gnome-keyring)`;
  try {
    createRequire(import.meta.url)('keytar');
    return null;
  } catch (error) {
    return `keytar (optional dependency) is not installed or not built: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
  }
}

/** No session bus, no display; HOME and TMPDIR of the test's own. */
function busless(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'XDG_RUNTIME_DIR', 'CI']) delete env[name];
  const tmp = path.join(home, 'tmp');
  mkdirSync(tmp, { recursive: true });
  return { ...env, HOME: home, TMPDIR: tmp, XDG_DATA_HOME: path.join(home, '.local/share'), ...extra };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [SCRIPT, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const reason = missing();

test('no session bus: the command gets a throwaway gnome-keyring, gone afterwards; the HOME keyring is never made', { skip: reason ?? false }, async (t) => {
  const home = mkdtempSync(path.join(tmpdir(), 'resetdesk-with-keychain-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const env = busless(home, { RESETDESK_TEST_ACCOUNT: 'probe@contoso.example', RESETDESK_TEST_SECRET: 'kept-in-the-keyring' });

  const { code, stdout, stderr } = await run([process.execPath, '--import', 'tsx', FIXTURE, 'get', 'set', 'get'], env);
  const context = `exit ${code}\n${stdout}\n${stderr}`;
  assert.equal(code, 0, context);
  assert.match(stdout, /a throwaway gnome-keyring for this run/);
  assert.ok(stdout.includes(JSON.stringify({ results: [null, 'stored', 'kept-in-the-keyring'] })), context);
  // (tsx keeps a cache of its own under TMPDIR.)
  assert.deepEqual(readdirSync(path.join(home, 'tmp')).filter((f) => f.startsWith('resetdesk-keyring-')), [], 'the temporary keyring folder is removed');
  assert.equal(existsSync(path.join(home, '.local/share/keyrings')), false, "the HOME's own keyring folder is never made");
});

test("the command's exit status is passed on; inside, a second run uses the Secret Service already running", { skip: reason ?? false }, async (t) => {
  const home = mkdtempSync(path.join(tmpdir(), 'resetdesk-with-keychain-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const nested = `bash '${SCRIPT}' sh -c 'echo "inner $DBUS_SESSION_BUS_ADDRESS"; exit 7'; status=$?; echo "outer $DBUS_SESSION_BUS_ADDRESS"; exit $status`;
  const { code, stdout } = await run(['sh', '-c', nested], busless(home));
  assert.equal(code, 7, stdout);
  assert.equal(stdout.match(/throwaway gnome-keyring/g)?.length, 1, 'one keyring, started once');
  const inner = /^inner (.+)$/m.exec(stdout)?.[1];
  assert.ok(inner && inner === /^outer (.+)$/m.exec(stdout)?.[1], stdout);
});
