/**
 * Issue 16, L: a full disk is LOCAL_FILE_FULL, not INTERNAL, and changes
 * nothing. For real: the scenario (fixtures/full-disk-scenario.ts) runs in a
 * mount namespace of its own with a small tmpfs holding the local file, fills
 * it to the last block, and tries a reset and an unlock through IPC and the
 * CLI, and every other unit of the local file (settings, the audit, an LDAP
 * intent, history, profiles, app settings, a verification); then frees the
 * space and tries again. The machine's own mounts are not
 * touched (the tmpfs lives and dies with the child's namespace).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../support/cli-process';
import { tempDir } from '../../support/fixtures';

const SCENARIO = join(ROOT, 'test/integration/local-file/fixtures/full-disk-scenario.ts');

/** Why a mount namespace with a tmpfs cannot be made here, or null when it can. */
function noPrivateMount(folder: string): string | null {
  if (process.platform !== 'linux') return 'a private tmpfs needs Linux mount namespaces';
  const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', 'mount', '-t', 'tmpfs', '-o', 'size=1m', 'probe', folder], { encoding: 'utf8' });
  if (probe.error) return `unshare is not available (${probe.error.message})`;
  if (probe.status !== 0) return `a private tmpfs cannot be mounted here (needs root or CAP_SYS_ADMIN): ${probe.stderr.trim()}`;
  return null;
}

test('a full disk: reset and unlock answer LOCAL_FILE_FULL through IPC and the CLI, nothing changes, and the next ones work once there is room', { timeout: 300_000 }, (t) => {
  const dir = tempDir('resetdesk-full-disk-');
  t.after(() => dir.cleanup());
  const why = noPrivateMount(dir.path);
  if (why) {
    t.skip(why);
    return;
  }
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.mjs')), 'dist/cli.mjs is missing: run `npm run build` first');
  const child = spawnSync('unshare', ['--mount', '--propagation', 'private', process.execPath, '--import', 'tsx', SCENARIO, dir.path], {
    cwd: ROOT, encoding: 'utf8', timeout: 280_000,
  });
  const context = `exit ${child.status}\nstdout:\n${child.stdout}\nstderr:\n${child.stderr}`;
  assert.equal(child.status, 0, context);
  const seen = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
  assert.equal(seen.error, undefined, context);

  // Full: each answer is the typed one, on one line, and nothing was written.
  assert.equal(seen.full.ipcReset, 'LOCAL_FILE_FULL', context);
  assert.equal(seen.full.ipcUnlock, 'LOCAL_FILE_FULL', context);
  for (const run of [seen.full.cliReset, seen.full.cliUnlock]) {
    assert.deepEqual(run, { status: 1, code: 'LOCAL_FILE_FULL', stderrLines: 0 }, context);
  }
  // And every other unit of the local file: settings, the audit, an LDAP intent, history, profiles, app settings…
  for (const [unit, code] of Object.entries(seen.full.units)) assert.equal(code, 'LOCAL_FILE_FULL', `${unit}: ${context}`);
  assert.deepEqual(seen.after, seen.before, 'no audit event or intent, no temporary password, no setting, the user still locked');
  assert.equal(seen.before.locked, true);

  // Room again: the next ones work, and the file is whole.
  assert.deepEqual(
    [seen.freed.ipcReset, seen.freed.ipcUnlock, seen.freed.cliReset.status, seen.freed.cliReset.code],
    [null, null, 0, null],
    context,
  );
  assert.equal(seen.freed.state.locked, false);
  assert.ok(seen.freed.state.events > seen.before.events);
  assert.equal(seen.integrity, 'ok');
});
