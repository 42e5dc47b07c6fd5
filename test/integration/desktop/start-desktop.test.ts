/**
 * The desktop's one composition (main/desktop/start-desktop.ts), which the
 * Electron app and the preview's Chromium both start: the RESETDESK_* settings
 * reach the session, RESETDESK_DB and RESETDESK_DIRECTORY choose the file and
 * the directory, and a setting out of range stops the start before anything
 * opens. (The preview used to build its own wiring and honoured none of them.)
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { storedProfileOf } from '../../../main/app/ldap-users';
import { parseLdapProfile } from '../../../main/directory/ldap/profile';
import { DomainError } from '../../../main/domain/errors';
import { ROLES } from '../../../main/domain/roles';
import { startDesktop, type Desktop } from '../../../main/desktop/start-desktop';
import { createApi } from '../../../main/ipc/api';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { sampleDirectory, tempDir, type SampleFixture } from '../../support/fixtures';
import { value } from '../../support/ipc-result';

const ORIGIN = 'app://resetdesk/index.html';

function start(env: NodeJS.ProcessEnv, dataDir: string): Promise<Desktop> {
  return startDesktop({
    env,
    dataDir,
    clipboard: new MemoryClipboard(),
    isTrustedSender: (url) => url === ORIGIN,
    onOutboxError: () => {},
  });
}

const apiOf = (desktop: Desktop) => createApi((channel, request) => desktop.ipc.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));

describe('the desktop composition', () => {
  let fx: SampleFixture;
  before(async () => {
    fx = await sampleDirectory({ size: 40 });
    // A stored connection the file does not use: only RESETDESK_DIRECTORY can choose it.
    const profile = parseLdapProfile({ name: 'corp', type: 'ad', urls: ['ldaps://dc1.corp.example'], baseDn: 'DC=corp,DC=example' });
    await fx.store.stores.profiles.add(storedProfileOf(profile), fx.clock());
    fx.store.close();
  });
  after(() => fx.close());

  it('opens the file RESETDESK_DB names, and the session locks after RESETDESK_IDLE_LOCK_MINUTES', async () => {
    const desktop = await start({ RESETDESK_DB: fx.dbPath, RESETDESK_IDLE_LOCK_MINUTES: '2' }, '/nonexistent');
    try {
      assert.equal(desktop.db, fx.dbPath);
      const upn = [...fx.accounts.values()].find((a) => a.roles.includes(ROLES.helpdeskAdministrator))!.upn;
      const session = value(await apiOf(desktop).signIn({ upn, password: fx.passwordOf(upn).reveal() }));
      assert.equal(session.status, 'signedIn');
      assert.equal(session.status === 'signedIn' && session.idleLockMinutes, 2);
    } finally {
      await desktop.close();
    }
  });

  it('signs in to the directory RESETDESK_DIRECTORY names, not the one the file keeps', async () => {
    const desktop = await start({ RESETDESK_DB: fx.dbPath, RESETDESK_DIRECTORY: 'corp' }, '/nonexistent');
    try {
      const state = value(await apiOf(desktop).getAppState({}));
      assert.equal(state.directoryName, 'corp');
      assert.equal(state.directoryKind, 'ad');
    } finally {
      await desktop.close();
    }
    const embedded = await start({ RESETDESK_DB: fx.dbPath }, '/nonexistent');
    try {
      assert.equal(value(await apiOf(embedded).getAppState({})).directoryName, null);
    } finally {
      await embedded.close();
    }
  });

  it('without RESETDESK_DB: directory.sqlite in the data folder, shown as the first run', async () => {
    const dir = tempDir();
    try {
      const desktop = await start({}, dir.path);
      try {
        assert.equal(desktop.db, join(dir.path, 'directory.sqlite'));
        assert.equal(value(await apiOf(desktop).getAppState({})).directory, 'missing');
      } finally {
        await desktop.close();
      }
    } finally {
      dir.cleanup();
    }
  });

  it('a setting out of range stops the start, naming it, before anything is opened', async () => {
    const dir = tempDir();
    try {
      await assert.rejects(
        start({ RESETDESK_CLIPBOARD_CLEAR_SECONDS: '9999' }, dir.path),
        (error: unknown) => error instanceof DomainError && error.code === 'INVALID_INPUT' && error.message.includes('RESETDESK_CLIPBOARD_CLEAR_SECONDS'),
      );
      assert.equal(existsSync(join(dir.path, 'directory.sqlite')), false);
    } finally {
      dir.cleanup();
    }
  });
});
