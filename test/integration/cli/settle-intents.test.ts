/**
 * A reset whose process was killed after the server changed the password but
 * before the outcome was audited leaves an open intent in the local file. The
 * next agent to sign in, here through the CLI, settles it by reading the
 * directory, and the audit says it was settled so. Issue 16, C: only the
 * directory of the intent's own profile; a sign-in to OpenLDAP on the same
 * file leaves the AD intent open (it was closed as USER_NOT_FOUND).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { storedProfileOf } from '../../../main/app/ldap-users';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { tempDir } from '../../support/fixtures';
import { lockServers } from '../../support/server-lock';
import { loadServers, profileOf, resetCases, SERVERS_JSON } from '../directory/ldap/servers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const servers = loadServers();
if (!servers && process.env.CI === 'true') throw new Error(`no ${SERVERS_JSON}: start the test directories with scripts/directories/up.sh`);

describe('an intent left by a killed reset is settled at the next sign-in', { skip: servers ? false : `no ${SERVERS_JSON}: start the test directories with sudo npm run directories:up` }, () => {
  const ad = servers!.ad;
  const dir = tempDir('resetdesk-settle-');
  const db = join(dir.path, 'local.sqlite');
  let release = () => {};
  before(async () => {
    release = await lockServers();
    resetCases();
  });
  after(() => {
    try {
      resetCases();
    } finally {
      release();
      dir.cleanup();
    }
  });

  const cli = (args: string[], password = ad.userPassword) =>
    spawnSync(process.execPath, [join(ROOT, 'bin', 'resetdesk.mjs'), ...args, '--db', db, '--json'], {
      env: { ...process.env, RESETDESK_DB: '', RESETDESK_AGENT_PASSWORD: password },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('killed after the modify: the next CLI sign-in records the reset as done, settled at start', async () => {
    const groups = Object.entries(ad.roleGroups).flatMap(([dn, role]) => ['--role-group', `${dn}=${role}`]);
    const add = cli(['directory', 'add', 'corp', '--type', 'ad', '--url', ad.urls[0]!, '--base', ad.baseDn, '--users-dn', ad.usersDn, '--ca', servers!.ca, ...groups]);
    assert.equal(add.status, 0, add.stdout + add.stderr);

    // The same file also holds an OpenLDAP profile (added straight to the file: this test is about settling).
    const store = DirectoryStore.open(db);
    await store.stores.profiles.add(storedProfileOf(profileOf(servers!, 'openldap', { name: 'ol' })), Date.now());
    store.close();

    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/integration/directory/ldap/kill-child.ts'), 'ad', db, 'after-modify'], {
      env: { ...process.env, RESETDESK_TEST_TEMP: 'Killed-Midway-7316!', RESETDESK_TEST_PROFILE: 'corp' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    for await (const line of createInterface({ input: child.stdout! })) {
      if (line === 'MODIFIED') break;
    }
    child.kill('SIGKILL');
    await exited;
    const open = () => {
      const store = DirectoryStore.open(db);
      try {
        return store.audit.openIntents();
      } finally {
        store.close();
      }
    };
    assert.equal(open().length, 1, 'the killed reset left its intent open');

    // A sign-in to the other directory does not touch it: that directory cannot tell.
    const ol = servers!.openldap;
    const elsewhere = cli(['users', 'search', 'ade', '--directory', 'ol', '--as', ol.users.helpdesk!], ol.userPassword);
    assert.equal(elsewhere.status, 0, elsewhere.stdout + elsewhere.stderr);
    assert.equal(open().length, 1, 'still open after a sign-in to OpenLDAP');
    assert.equal(
      (JSON.parse(cli(['audit', 'list', 'password.reset']).stdout) as { intentId: number | null }[]).filter((e) => e.intentId !== null).length,
      0,
      'no outcome (it was closed as USER_NOT_FOUND)',
    );

    const search = cli(['users', 'search', 'ade', '--directory', 'corp', '--as', ad.users.helpdesk!]);
    assert.equal(search.status, 0, search.stdout + search.stderr);
    assert.deepEqual(open(), [], 'settled');
    const audit = JSON.parse(cli(['audit', 'list', 'password.reset']).stdout) as { result: string; intentId: number | null; detail: string | null }[];
    const outcome = audit.find((e) => e.intentId !== null)!;
    assert.equal(outcome.result, 'success', 'the server had changed the password');
    assert.equal(JSON.parse(outcome.detail!).resolvedAtStart, true);
  });
});
