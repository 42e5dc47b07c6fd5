/**
 * Issue 16, L: `directory add NAME --bind service` keeps the service account's
 * password in the OS keychain. Where there is none to keep it in, keytar that
 * cannot be loaded or no Secret Service on the session bus, the answer is
 * SECRET_STORE_UNAVAILABLE in one line (it was INTERNAL), and nothing is
 * written: no connection added, and on a fresh install no local file made.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { initDirectory } from '../../../main/app/init-directory';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { KeytarSecretStore } from '../../../main/secrets/secret-store';
import { runBin, runInProcess } from '../../support/cli-process';
import { FAST_HASHER, tempDir } from '../../support/fixtures';

const ADD = [
  'directory', 'add', 'corp', '--type', 'ad', '--url', 'ldaps://dc1.corp.example:636', '--base', 'DC=corp,DC=example',
  '--bind', 'service', '--service-account', 'CN=svc-resetdesk,OU=Service,DC=corp,DC=example',
];
const SERVICE_PASSWORD = 'Service-Passw0rd-4411!';

/** Why the real keytar cannot be loaded here, or null. */
function keytarMissing(): string | null {
  try {
    createRequire(import.meta.url)('keytar');
    return null;
  } catch (error) {
    return `keytar (optional dependency) is not installed or not built: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
  }
}

/** The file holds no connection (or does not exist). */
function profilesIn(db: string): number | 'no file' {
  if (!existsSync(db)) return 'no file';
  const store = DirectoryStore.open(db);
  try {
    return store.profiles.list().length;
  } finally {
    store.close();
  }
}

function assertRefused(status: number, stdout: string, stderr: string): void {
  assert.equal(status, 1, stdout + stderr);
  const lines = stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0]!, /keychain.*\[SECRET_STORE_UNAVAILABLE\]$/);
  assert.match(lines[0]!, /not added/);
  assert.doesNotMatch(stderr, new RegExp(SERVICE_PASSWORD));
}

describe('directory add --bind service without a keychain', () => {
  it('keytar cannot be loaded: SECRET_STORE_UNAVAILABLE, nothing made on a fresh install, nothing added to a file', async () => {
    const dir = tempDir('resetdesk-keychain-');
    try {
      const missing = Object.assign(new Error("Cannot find package 'keytar'"), { code: 'ERR_MODULE_NOT_FOUND' });
      const secrets = new KeytarSecretStore({ loadKeytar: () => Promise.reject(missing) });
      const fresh = join(dir.path, 'fresh', 'local.sqlite');
      const existing = join(dir.path, 'existing.sqlite');
      (await initDirectory(existing, { kind: 'local', tenantName: 'Corp', domain: 'corp.example' }, { hasher: FAST_HASHER })).store.close();
      for (const db of [fresh, existing]) {
        const run = await runInProcess([...ADD, '--db', db], { env: { RESETDESK_SERVICE_PASSWORD: SERVICE_PASSWORD }, hasher: FAST_HASHER, secrets });
        assertRefused(run.status ?? -1, run.stdout, run.stderr);
      }
      assert.equal(profilesIn(fresh), 'no file');
      assert.equal(existsSync(join(dir.path, 'fresh')), false, 'not even its folder');
      assert.equal(profilesIn(existing), 0);
    } finally {
      dir.cleanup();
    }
  });

  it('no Secret Service on the session bus (the real bin, the real keytar): the same', (t) => {
    const why = keytarMissing();
    if (why) {
      t.skip(why);
      return;
    }
    const dir = tempDir('resetdesk-nobus-');
    try {
      const db = join(dir.path, 'local.sqlite');
      const run = runBin([...ADD, '--db', db], {
        env: {
          // A session bus where nothing listens: libsecret fails at once.
          DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir.path, 'no-bus-here')}`,
          DISPLAY: '',
          RESETDESK_SERVICE_PASSWORD: SERVICE_PASSWORD,
        },
      });
      assertRefused(run.status ?? -1, run.stdout, run.stderr);
      assert.equal(profilesIn(db), 'no file');
    } finally {
      dir.cleanup();
    }
  });
});
