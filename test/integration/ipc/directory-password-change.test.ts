/**
 * An agent whose directory password must change is taken through the change in
 * the app (the same calls the sign-in screen makes), on the real slapd: the
 * sign-in answers "change required", the change goes to the server with the
 * user's own bind (RFC 3062), and the new password signs in. On Active
 * Directory in agent mode the server lets nobody bind with such a password, so
 * the app says where the change can be made instead of hanging or failing.
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
import { bindDn, loadServers, resetCases, SERVERS_JSON, tryBind, type Kind } from '../directory/ldap/servers';
import { value } from '../../support/ipc-result';

const ORIGIN = 'app://resetdesk/index.html';
const servers = loadServers();
if (!servers && process.env.CI === 'true') throw new Error(`no ${SERVERS_JSON}: start the test directories with scripts/directories/up.sh`);

describe('IPC: an agent whose directory password must change', { skip: servers ? false : `no ${SERVERS_JSON}: start the test directories with sudo npm run directories:up` }, () => {
  const dir = tempDir('resetdesk-dirchange-');
  let release = () => {};
  const hosts: { host: DirectoryHost; app: IpcApp }[] = [];
  before(async () => {
    release = await lockServers();
    resetCases();
  });
  after(async () => {
    try {
      for (const { app, host } of hosts) {
        await app.shutdown();
        await host.close();
      }
      resetCases();
    } finally {
      release();
      dir.cleanup();
    }
  });

  async function appOn(kind: Kind): Promise<ResetdeskApi> {
    const side = servers![kind];
    const host = await DirectoryHost.open(join(dir.path, `${kind}.sqlite`), { hasher: FAST_HASHER });
    const app = createIpcApp({ host, clipboard: new MemoryClipboard(), clock: Date.now, isTrustedSender: (url) => url === ORIGIN });
    hosts.push({ host, app });
    const api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
    const profile: RequestOf<'createDirectory'> = {
      kind: 'directory',
      profile: {
        name: `corp-${kind}`,
        type: kind,
        urls: side.urls,
        caFile: servers!.ca,
        baseDn: side.baseDn,
        usersDn: side.usersDn,
        roleGroups: side.roleGroups,
        ...(kind === 'openldap' ? { passwordPolicyDn: `cn=default,ou=policies,${side.baseDn}` } : {}),
      },
    };
    value(await api.createDirectory(profile));
    return api;
  }

  it('OpenLDAP: sign-in says "change required", the change goes to the server, the new password signs in', async () => {
    const api = await appOn('openldap');
    const side = servers!.openldap;
    const upn = side.users.mustchange!;
    assert.deepEqual(value(await api.signIn({ upn, password: side.userPassword })), { status: 'passwordChangeRequired', upn });
    const next = 'Changed-In-The-App-42!';
    const state = value(await api.changeOwnPassword({ upn, currentPassword: side.userPassword, newPassword: next }));
    assert.equal(state.status, 'signedIn');
    const bind = await tryBind(servers!, 'openldap', bindDn(servers!, 'openldap', upn), next);
    assert.deepEqual([bind.error, bind.policy?.error], [null, undefined], 'the server lets the new password in, with nothing to change');
  });

  it('Active Directory in agent mode: the app says where the change can be made', async () => {
    const api = await appOn('ad');
    const side = servers!.ad;
    const upn = side.users.mustchange!;
    assert.deepEqual(value(await api.signIn({ upn, password: side.userPassword })), { status: 'passwordChangeRequired', upn });
    const refused = await api.changeOwnPassword({ upn, currentPassword: side.userPassword, newPassword: 'Changed-In-The-App-42!' });
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'PASSWORD_CHANGE_REQUIRED');
    assert.match(refused.ok ? '' : refused.error.message, /Windows sign-in|helpdesk/);
  });
});
