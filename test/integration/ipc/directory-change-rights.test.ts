/**
 * Issue 17, item 7, through the real dispatcher on a real SQLite sample: the
 * Directories screen is told by main whether the signed-in agent may change
 * the connections (listDirectories' changeRefusal), by the roles the
 * directory holds for them now, in the very words Save answers; a
 * refusal has words of its own (CONNECTION_CHANGE_REFUSED), never a reset's.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { ROLES } from '../../../main/domain/roles';
import { AGENT_RECHECK_SECONDS } from '../../../main/ipc/access';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import type { RequestOf } from '../../../main/ipc/contract';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { codeOf, value } from '../../support/ipc-result';

const ORIGIN = 'app://resetdesk/index.html';
const GLOBAL = 'global.admin@contoso.com';
const HELPDESK = 'helpdesk.admin@contoso.com';

const PROFILE: RequestOf<'saveDirectory'>['profile'] = {
  name: 'Corp AD',
  type: 'ad',
  urls: ['ldaps://dc1.corp.contoso.com:636'],
  baseDn: 'DC=corp,DC=contoso,DC=com',
  roleGroups: {},
};

describe('IPC: whether the agent may change the directory connections, told by main', () => {
  let fx: SampleFixture;
  let api: ResetdeskApi;

  const rowid = (upn: string) => (fx.store.db.prepare('SELECT rowid FROM users WHERE upn = ?').get(upn) as { rowid: number }).rowid;
  const setRoles = (upn: string, roles: readonly string[]) => {
    fx.store.db.prepare('DELETE FROM role_assignments WHERE user_rowid = ?').run(rowid(upn));
    for (const role of roles) fx.store.db.prepare('INSERT INTO role_assignments (user_rowid, role) VALUES (?, ?)').run(rowid(upn), role);
  };
  const signIn = (upn: string) => api.signIn({ upn, password: fx.passwordOf(upn).reveal() });
  const refusalMessage = (result: Awaited<ReturnType<ResetdeskApi['saveDirectory']>>) => (result.ok ? null : result.error);

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
  });
  after(() => fx.close());
  afterEach(async () => {
    await host?.close();
  });

  let host: DirectoryHost | null = null;
  beforeEach(async () => {
    // The host opens the sample's file as the app does: profiles are saved in it.
    host = await DirectoryHost.open(fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock });
    const app = createIpcApp({ host, clipboard: new MemoryClipboard(), clock: fx.clock, isTrustedSender: (url) => url === ORIGIN });
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
    setRoles(GLOBAL, [ROLES.globalAdministrator]);
    setRoles(HELPDESK, [ROLES.helpdeskAdministrator]);
  });

  it('a Global Administrator is told nothing stands in the way, and adds a connection', async () => {
    value(await signIn(GLOBAL));
    assert.equal(value(await api.listDirectories({})).changeRefusal, null);
    const saved = value(await api.saveDirectory({ profile: PROFILE }));
    assert.deepEqual([saved.profiles.map((p) => p.name), saved.changeRefusal], [['Corp AD'], null]);
    value(await api.removeDirectory({ name: 'Corp AD' }));
  });

  it('a Helpdesk Administrator who reads the connections (Global Reader too) is told who may change them, in the words Save answers', async () => {
    setRoles(HELPDESK, [ROLES.helpdeskAdministrator, ROLES.globalReader]);
    value(await signIn(HELPDESK));
    const told = value(await api.listDirectories({})).changeRefusal;
    assert.equal(told?.code, 'CONNECTION_CHANGE_REFUSED');
    assert.match(told?.message ?? '', /^Only a Global Administrator signed in to the directory in use can add, change, test, remove or switch directory connections/);
    assert.match(told?.message ?? '', new RegExp(`\\. ${HELPDESK.replace(/\./g, '\\.')}, signed in to the embedded directory, holds [A-Za-z, ]+ there\\.$`));
    assert.ok([ROLES.helpdeskAdministrator, ROLES.globalReader].every((role) => told?.message.includes(role)), 'naming the roles held');

    const before = await fx.services.stores.audit.count({ action: 'directory.update' });
    const refused = refusalMessage(await api.saveDirectory({ profile: PROFILE }));
    assert.deepEqual(refused, told, 'Save answers what the screen was told');
    assert.doesNotMatch(refused?.message ?? '', /reset|unlock/i, "not a reset's words");
    const test = await api.testDirectory({ profile: PROFILE, upn: HELPDESK, password: 'Whatever-Passw0rd' });
    assert.equal(codeOf(test), 'CONNECTION_CHANGE_REFUSED', 'testing a connection is refused in the same words');
    const [event] = await fx.services.stores.audit.list({ action: 'directory.update', limit: 1 });
    assert.equal(await fx.services.stores.audit.count({ action: 'directory.update' }), before + 1, 'the refused save is audited once');
    assert.deepEqual([event?.result, event?.errorCode, event?.actorUpn], ['failure', 'CONNECTION_CHANGE_REFUSED', HELPDESK]);
  });

  it('a Global Administrator stripped of the role since sign-in is told so by the next look, not by Save', async () => {
    setRoles(GLOBAL, [ROLES.globalAdministrator, ROLES.globalReader]);
    value(await signIn(GLOBAL));
    assert.equal(value(await api.listDirectories({})).changeRefusal, null, 'what the roles at sign-in allowed');
    setRoles(GLOBAL, [ROLES.globalReader]);
    fx.clock.advance(AGENT_RECHECK_SECONDS * 1000); // what main knew at sign-in is now too old to trust
    const told = value(await api.listDirectories({})).changeRefusal;
    assert.equal(told?.code, 'CONNECTION_CHANGE_REFUSED');
    assert.ok(told?.message.endsWith(`${GLOBAL}, signed in to the embedded directory, holds ${ROLES.globalReader} there.`), told?.message);
  });
});
