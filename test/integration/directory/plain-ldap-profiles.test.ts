/**
 * Issue 16, M: a connection with an ldap:// URL and no StartTLS would send the
 * agents' passwords in clear. It is refused when added (the CLI's `directory
 * add`, the app's first run and Directories screen: the profile schema), in
 * one line that says to use ldaps:// or StartTLS; one stored by an older
 * version is still listed and removable, and refused for use with words that
 * say what to do.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { initDirectory } from '../../../main/app/init-directory';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { DomainError } from '../../../main/domain/errors';
import { createApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import { runSource } from '../../support/cli-process';
import { FAST_HASHER, tempDir } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { codeOf } from '../../support/ipc-result';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';

const ORIGIN = 'app://resetdesk/index.html';
const PLAIN = 'ldap://ol.corp.example:389';
const ADD = ['directory', 'add', 'ol', '--type', 'openldap', '--base', 'dc=corp,dc=example'];
const plainProfile = { name: 'ol', type: 'openldap' as const, urls: [PLAIN], baseDn: 'dc=corp,dc=example' };

describe('an ldap:// URL without StartTLS', () => {
  const dir = tempDir('resetdesk-plain-ldap-');
  after(() => dir.cleanup());

  it('directory add refuses it in one line, saying what to use, and makes nothing', async () => {
    const db = join(dir.path, 'fresh', 'local.sqlite');
    for (const urls of [[PLAIN], ['ldaps://ol1.corp.example:636', PLAIN]]) {
      const run = await runSource([...ADD, ...urls.flatMap((u) => ['--url', u]), '--db', db]);
      assert.equal(run.status, 2, run.stderr);
      const lines = run.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0]!, /^resetdesk: .*--url: an ldap:\/\/ URL sends passwords in clear: use ldaps:\/\/ URLs, or StartTLS \(--starttls\).*\[INVALID_INPUT\]$/);
    }
    assert.equal(existsSync(db), false);
    const upgraded = await runSource([...ADD, '--url', PLAIN, '--starttls', '--db', db, '--json']);
    assert.equal(upgraded.status, 0, upgraded.stderr);
    assert.equal(upgraded.json.startTls, true);
  });

  it("the app's first run, Directories screen and Test connection refuse it by the profile's schema", async () => {
    const db = join(dir.path, 'app', 'local.sqlite');
    const host = await DirectoryHost.open(db, { hasher: FAST_HASHER, searchInWorker: false });
    const app = createIpcApp({ host, clipboard: new MemoryClipboard(), files: new FolderFileSaver(dir.path), clock: () => Date.now(), isTrustedSender: (url) => url === ORIGIN });
    const api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
    try {
      const first = await api.createDirectory({ kind: 'directory', profile: plainProfile });
      assert.equal(codeOf(first), 'INVALID_INPUT');
      assert.ok(!first.ok && first.error.message.endsWith('Check: profile.urls.'), JSON.stringify(first));
      assert.equal(existsSync(db), false, 'no local file');
      const test = await api.testDirectory({ profile: plainProfile, upn: 'hd.agent@corp.example', password: 'Agent-Passw0rd!' });
      assert.equal(codeOf(test), 'INVALID_INPUT', 'not even tried');
      assert.equal(codeOf(await api.createDirectory({ kind: 'directory', profile: { ...plainProfile, startTls: true } })), null);
      // The Directories screen (a Global Administrator's call: refused by its schema before any role is asked).
      assert.equal(codeOf(await api.saveDirectory({ profile: { ...plainProfile, name: 'ol2' } })), 'INVALID_INPUT');
      assert.deepEqual((await host.profiles()).map((p) => p.name), ['ol']);
    } finally {
      await app.shutdown();
      await host.close();
    }
  });

  describe('stored by an older version that let it through', () => {
    const db = join(dir.path, 'older', 'local.sqlite');
    before(async () => {
      const { store } = await initDirectory(db, { kind: 'local', tenantName: 'Corp', domain: 'corp.example' }, { hasher: FAST_HASHER });
      // As the old `directory add` kept it: the profile's fields, the URL in clear, no StartTLS.
      await store.stores.profiles.add({ name: 'ol', type: 'openldap', config: { urls: [PLAIN], startTls: false, baseDn: 'dc=corp,dc=example', bind: 'agent', roleGroups: {} } }, Date.now());
      await store.stores.profiles.setActive('ol');
      store.close();
    });

    it('is refused for use, saying how to fix it; it is still listed', async () => {
      for (const args of [['directory', 'test', 'ol', '--as', 'hd.agent@corp.example'], ['users', 'search', 'ade', '--directory', 'ol', '--as', 'hd.agent@corp.example'], ['directory', 'use', 'ol']]) {
        const run = await runSource([...args, '--db', db], { agentPassword: 'Agent-Passw0rd!' });
        assert.equal(run.status, 1, run.stderr);
        assert.match(run.stderr.trim(), /^resetdesk: Passwords are only sent to a directory over an encrypted connection.*The connection ol has an ldap:\/\/ URL without StartTLS: remove it \(resetdesk directory remove ol; switch away first if it is in use: resetdesk directory use --embedded\) and add it again with ldaps:\/\/ URLs, or with --starttls\. \[DIRECTORY_TLS_REQUIRED\]$/);
      }
      const list = await runSource(['directory', 'list', '--db', db, '--json']);
      assert.equal(list.status, 0, list.stderr);
      assert.deepEqual(list.json.map((p: { name: string; urls: string[] }) => [p.name, p.urls]), [['ol', [PLAIN]]]);
    });

    it('the app does not start on it, with the same words', async () => {
      await assert.rejects(
        DirectoryHost.open(db, { hasher: FAST_HASHER, searchInWorker: false }),
        (e: unknown) => e instanceof DomainError && e.code === 'DIRECTORY_TLS_REQUIRED' && /directory remove ol/.test(e.message),
      );
    });

    it('can be switched away from and removed, though nobody can sign in to it to be asked (audited so)', async () => {
      const inUse = await runSource(['directory', 'remove', 'ol', '--db', db]);
      assert.match(inUse.stderr, /is the directory in use: switch to another first\. \[INVALID_INPUT\]/);
      assert.equal((await runSource(['directory', 'use', '--embedded', '--db', db])).status, 0);
      const run = await runSource(['directory', 'remove', 'ol', '--db', db]);
      assert.equal(run.status, 0, run.stderr);
      // Only for a connection that can never be used: a working one still needs a Global Administrator.
      const working = await runSource(['directory', 'add', 'ol2', '--type', 'openldap', '--url', 'ldaps://127.0.0.1:1', '--base', 'dc=corp,dc=example', '--db', db]);
      assert.match(working.stderr, /\[NOT_SIGNED_IN\]/);
      const store = DirectoryStore.open(db);
      try {
        assert.deepEqual(await store.stores.profiles.list(), []);
      } finally {
        store.close();
      }
    });
  });
});
