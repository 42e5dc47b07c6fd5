/**
 * The Directories calls through the real dispatcher, against the real Samba AD
 * DC (scripts/directories/up.sh): first run with a real directory (test, then
 * create), an agent signing in with their AD credentials, a reset proven by the
 * server's own answer, and who may change the connections.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp, type IpcApp } from '../../../main/ipc/app';
import type { RequestOf } from '../../../main/ipc/contract';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { FAST_HASHER, tempDir } from '../../support/fixtures';
import { lockServers } from '../../support/server-lock';
import { bindDn, loadServers, resetCases, SERVERS_JSON, tryBind } from '../directory/ldap/servers';
import { value, codeOf, shown } from '../../support/ipc-result';

const ORIGIN = 'app://resetdesk/index.html';
const servers = loadServers();
if (!servers && process.env.CI === 'true') throw new Error(`no ${SERVERS_JSON}: start the test directories with scripts/directories/up.sh`);

describe('IPC: directories, on the real Samba AD DC', { skip: servers ? false : `no ${SERVERS_JSON}: start the test directories with sudo npm run directories:up` }, () => {
  const ad = servers!.ad;
  const dir = tempDir('resetdesk-dirs-');
  let host: DirectoryHost;
  let app: IpcApp;
  let api: ResetdeskApi;
  let release = () => {};
  const profile = (): RequestOf<'testDirectory'>['profile'] => ({
    name: 'Corp AD',
    type: 'ad',
    urls: ad.urls,
    caFile: servers!.ca,
    baseDn: ad.baseDn,
    usersDn: ad.usersDn,
    roleGroups: ad.roleGroups,
  });
  const signIn = (upn: string) => api.signIn({ upn, password: ad.userPassword });

  before(async () => {
    release = await lockServers();
    resetCases();
    host = await DirectoryHost.open(join(dir.path, 'local.sqlite'), { hasher: FAST_HASHER });
    app = createIpcApp({ host, clipboard: new MemoryClipboard(), clock: Date.now, isTrustedSender: (url) => url === ORIGIN });
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
  });
  after(async () => {
    try {
      await app?.shutdown();
      await host?.close();
      resetCases();
    } finally {
      release();
      dir.cleanup();
    }
  });

  it('first run: "Test connection" reports every step before anything is saved, then the profile becomes the directory', async () => {
    assert.equal(value(await api.getAppState({})).directory, 'missing');
    const wrong = value(await api.testDirectory({ profile: profile(), upn: ad.users.helpdesk!, password: 'Not-the-Passw0rd!' }));
    assert.deepEqual(wrong.steps.map((s) => [s.step, s.ok]), [['reach the server', true], ['TLS and certificate', true], ['bind as the agent', false]]);
    const untrusted = value(await api.testDirectory({ profile: { ...profile(), caFile: servers!.untrustedCa }, upn: ad.users.helpdesk!, password: ad.userPassword }));
    assert.deepEqual(untrusted.steps.map((s) => [s.step, s.ok]), [['reach the server', true], ['TLS and certificate', false]]);
    const good = value(await api.testDirectory({ profile: profile(), upn: ad.users.helpdesk!, password: ad.userPassword }));
    assert.ok(good.steps.every((s) => s.ok), JSON.stringify(good.steps));
    assert.equal(value(await api.getAppState({})).directory, 'missing', 'testing saved nothing');

    value(await api.createDirectory({ kind: 'directory', profile: profile() }));
    const state = value(await api.getAppState({}));
    assert.deepEqual([state.directory, state.directoryKind, state.directoryName], ['ready', 'ad', 'Corp AD']);
    // The window decides from what the directory declares (the badges, first use), not from its kind.
    assert.deepEqual(state.directoryCapabilities, { syncedFromOnPremises: false, reportsFirstUse: false, readableByFileOwner: false });
    assert.equal(codeOf(await api.listDirectories({})), 'NOT_SIGNED_IN', 'the profiles are read by a signed-in agent who may');
    const [first] = await host.require().stores.audit.list({ action: 'directory.update', limit: 10 });
    assert.deepEqual([first?.actorUpn, first?.result, JSON.parse(first?.detail ?? '{}')], [null, 'success', { added: 'Corp AD', used: 'Corp AD', firstProfile: true }], 'the first profile is audited too');
  });

  it('an agent signs in with their AD password, finds a user by three letters and resets them: the server then says "must change"', async () => {
    assert.equal(value(await signIn(ad.users.helpdesk!)).status, 'signedIn');
    const found = value(await api.searchUsers({ query: 'ade' })).users.find((u) => u.upn.toLowerCase() === ad.users.plain);
    assert.ok(found, 'Adele found by "ade"');
    const details = value(await api.getUser({ userId: found.id }));
    assert.equal(details.preflight.allowed, true);
    const reset = shown(value(await api.resetPassword({ userId: found.id })));
    const bind = await tryBind(servers!, 'ad', bindDn(servers!, 'ad', ad.users.plain!), reset.temporaryPassword);
    assert.match(bind.error?.message ?? 'no error', /data 773/);
    const protectedUser = value(await api.searchUsers({ query: ad.users.protected! })).users[0]!;
    const refusal = value(await api.preflightReset({ userId: protectedUser.id }));
    assert.equal(refusal.allowed ? 'allowed' : refusal.code, 'ADMIN_COUNT', 'refused before any click');
  });

  it('only a Global Administrator changes the connections, and each attempt is audited', async () => {
    assert.equal(codeOf(await api.listDirectories({})), 'ROLE_REQUIRED', 'a Helpdesk Administrator does not read them');
    const refused = await api.saveDirectory({ profile: { ...profile(), name: 'Second' } });
    assert.equal(codeOf(refused), 'CONNECTION_CHANGE_REFUSED');
    // The profile's own mapping makes the agent a Global Administrator: it does not count.
    const helpdeskGroup = Object.keys(ad.roleGroups).find((dn) => ad.roleGroups[dn] === 'Helpdesk Administrator')!;
    const forged = await api.saveDirectory({ profile: { ...profile(), roleGroups: { [helpdeskGroup]: 'Global Administrator' } }, replace: true });
    assert.equal(codeOf(forged), 'CONNECTION_CHANGE_REFUSED');
    assert.equal(codeOf(await api.useDirectory({ name: null })), 'CONNECTION_CHANGE_REFUSED', 'switching is as strong as editing');
    assert.equal(value(await api.getSession({})).status, 'signedIn', 'a refusal keeps the session');
    assert.equal(value(await api.getAppState({})).directoryName, 'Corp AD');
    value(await api.signOut({}));
    assert.equal(value(await signIn(ad.users.globaladmin!)).status, 'signedIn');
    const saved = value(await api.saveDirectory({ profile: { ...profile(), name: 'Second' } }));
    assert.deepEqual(saved.profiles.map((p) => p.name), ['Corp AD', 'Second']);
    assert.equal(codeOf(await api.removeDirectory({ name: 'Corp AD' })), 'INVALID_INPUT', 'not the one in use');
    value(await api.removeDirectory({ name: 'Second' }));
    const events = value(await api.listAudit({ action: 'directory.update' })).events;
    assert.deepEqual(events.map((e) => [e.actorUpn, e.result, e.errorCode, JSON.parse(e.detail ?? '{}')]), [
      [ad.users.globaladmin, 'success', null, { removed: 'Second', signedInTo: 'Corp AD' }],
      [ad.users.globaladmin, 'failure', 'INVALID_INPUT', { removed: 'Corp AD', signedInTo: 'Corp AD' }],
      [ad.users.globaladmin, 'success', null, { added: 'Second', signedInTo: 'Corp AD' }],
      [ad.users.helpdesk, 'failure', 'CONNECTION_CHANGE_REFUSED', { used: 'the embedded directory', signedInTo: 'Corp AD' }],
      [ad.users.helpdesk, 'failure', 'CONNECTION_CHANGE_REFUSED', { replaced: 'Corp AD', signedInTo: 'Corp AD' }],
      [ad.users.helpdesk, 'failure', 'CONNECTION_CHANGE_REFUSED', { added: 'Second', signedInTo: 'Corp AD' }],
      [null, 'success', null, { added: 'Corp AD', used: 'Corp AD', firstProfile: true }],
    ]);
    assert.deepEqual(value(await api.listDirectories({})).profiles.map((p) => p.roleGroups), [ad.roleGroups], 'the mapping is unchanged');
  });

  it('switching the directory ends the session: a sign-in belongs to the directory that answered it', async () => {
    const state = value(await api.useDirectory({ name: null }));
    assert.deepEqual([state.directoryKind, state.directoryName], ['embedded', null]);
    assert.deepEqual(state.directoryCapabilities, { syncedFromOnPremises: true, reportsFirstUse: true, readableByFileOwner: true });
    assert.equal(value(await api.getSession({})).status, 'signedOut');
    assert.equal(codeOf(await signIn(ad.users.helpdesk!)), 'AUTH_FAILED', 'the local file has no users of its own');
    // Nobody signed in: nobody may switch back (the embedded directory of this file has no Global Administrator).
    assert.equal(codeOf(await api.useDirectory({ name: 'corp ad' })), 'NOT_SIGNED_IN');
    assert.equal(value(await api.getAppState({})).directoryKind, 'embedded');
  });
});
