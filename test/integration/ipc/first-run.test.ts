/**
 * First run through IPC: with no directory file the app reports 'missing', the
 * first-run screen creates the Contoso sample or an empty tenant, and the new
 * agents can sign in at once with the passwords shown (once).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { manualClock } from '../../../main/domain/clock';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import { ROLES } from '../../../main/domain/roles';
import { FAST_HASHER, tempDir } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { value, codeOf } from '../../support/ipc-result';

const ORIGIN = 'app://resetdesk/index.html';

describe('IPC: first run', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: DirectoryHost;
  let api: ResetdeskApi;
  let dbPath: string;
  let clipboard: MemoryClipboard;

  beforeEach(async () => {
    dir = tempDir();
    dbPath = join(dir.path, 'Resetdesk', 'directory.sqlite');
    host = await DirectoryHost.open(dbPath, { hasher: FAST_HASHER, clock: manualClock(Date.parse('2026-11-21T09:00:00Z')) });
    clipboard = new MemoryClipboard();
    const app = createIpcApp({
      host,
      clipboard,
      files: new FolderFileSaver(dir.path),
      clock: () => Date.now(),
      isTrustedSender: (url) => url === ORIGIN,
    });
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
  });
  afterEach(async () => {
    await host.close();
    dir.cleanup();
  });

  it('reports a missing directory and refuses directory calls until one exists', async () => {
    assert.deepEqual(value(await api.getAppState({})), {
      directory: 'missing', location: dbPath, tenantName: null, directoryKind: null, directoryCapabilities: null, directoryName: null, directoryLocation: null,
    });
    assert.equal(codeOf(await api.signIn({ upn: 'global.admin@contoso.com', password: 'Whatever-1' })), 'DIRECTORY_NOT_FOUND');
    assert.equal(existsSync(dbPath), false, 'asking does not create a file');
  });

  it('creates the Contoso sample; its agents sign in with the passwords shown once', async () => {
    const { accounts } = value(await api.createDirectory({ kind: 'sample' }));
    const roles = new Set(accounts.flatMap((a) => a.roles));
    for (const role of Object.values(ROLES)) assert.ok(roles.has(role), `an agent holds ${role}`);
    assert.deepEqual(value(await api.getAppState({})), {
      directory: 'ready', location: dbPath, tenantName: 'Contoso', directoryKind: 'embedded', directoryCapabilities: { syncedFromOnPremises: true, reportsFirstUse: true, readableByFileOwner: true }, directoryName: null, directoryLocation: dbPath,
    });

    const helpdesk = accounts.find((a) => a.upn === 'helpdesk.admin@contoso.com');
    assert.ok(helpdesk);
    const session = value(await api.signIn({ upn: helpdesk.upn, password: helpdesk.password }));
    assert.equal(session.status, 'signedIn');

    assert.equal(codeOf(await api.createDirectory({ kind: 'sample' })), 'DIRECTORY_EXISTS', 'never twice');
  });

  it('creates an empty tenant whose only account is its Global Administrator', async () => {
    const { accounts } = value(await api.createDirectory({ kind: 'empty', tenantName: 'Fabrikam', domain: 'Fabrikam.COM' }));
    assert.deepEqual(
      accounts.map((a) => [a.upn, a.roles]),
      [['admin@fabrikam.com', [ROLES.globalAdministrator]]],
    );
    assert.equal(value(await api.getAppState({})).tenantName, 'Fabrikam');
    const admin = accounts[0]!;
    assert.equal(value(await api.signIn({ upn: admin.upn, password: admin.password })).status, 'signedIn');
  });

  it('saves the accounts with their passwords to a file only its owner can read, and copies one', async () => {
    const { accounts } = value(await api.createDirectory({ kind: 'sample' }));
    const saved = value(await api.saveFirstRunAccounts({}));
    assert.ok(saved.saved);
    assert.equal(saved.path, join(dir.path, 'resetdesk-agent-accounts.csv'));
    if (process.platform !== 'win32') assert.equal(statSync(saved.path).mode & 0o777, 0o600);
    const lines = readFileSync(saved.path, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'upn,displayName,roles,password');
    for (const account of accounts) {
      assert.ok(lines.includes(`${account.upn},${account.displayName},${account.roles.join('; ')},${account.password}`), account.upn);
    }

    const helpdesk = accounts.find((a) => a.upn === 'helpdesk.admin@contoso.com')!;
    value(await api.copyFirstRunPassword({ upn: helpdesk.upn }));
    assert.equal(await clipboard.readText(), helpdesk.password);
  });

  it('forgets the passwords once the first-run screen is dismissed', async () => {
    const { accounts } = value(await api.createDirectory({ kind: 'sample' }));
    value(await api.forgetFirstRunAccounts({}));
    assert.equal(codeOf(await api.saveFirstRunAccounts({})), 'FIRST_RUN_OVER');
    assert.equal(codeOf(await api.copyFirstRunPassword({ upn: accounts[0]!.upn })), 'FIRST_RUN_OVER');
    assert.equal(existsSync(join(dir.path, 'resetdesk-agent-accounts.csv')), false);
  });

  it('refuses a malformed plan and creates nothing', async () => {
    for (const bad of [
      { kind: 'empty', tenantName: '', domain: 'fabrikam.com' },
      { kind: 'empty', tenantName: 'Fabrikam', domain: 'not a domain' },
      { kind: 'sample', size: 1_000_000 },
      { kind: 'forest' },
    ]) {
      const result = await api.createDirectory(bad as never);
      assert.equal(codeOf(result), 'INVALID_INPUT', JSON.stringify(bad));
    }
    assert.equal(existsSync(dbPath), false);
  });

  it('opens an existing file on the next start without creating anything', async () => {
    value(await api.createDirectory({ kind: 'sample' }));
    await host.close();
    const again = await DirectoryHost.open(dbPath, { hasher: FAST_HASHER });
    try {
      assert.equal((await again.services?.stores.tenant.get())?.name, 'Contoso');
      await assert.rejects(again.create({ kind: 'sample' }), { code: 'DIRECTORY_EXISTS' });
    } finally {
      await again.close();
    }
  });
});
