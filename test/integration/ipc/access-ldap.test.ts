/**
 * Issue 16 I on the real Samba AD DC and slapd: an agent signed in to Active
 * Directory or OpenLDAP through the app, then disabled, locked out by real
 * failed binds, or taken out of their role group by the directory's
 * administrator, is signed out by the next read (a search), once what main
 * knew of the account is AGENT_RECHECK_SECONDS old (the test's clock).
 * Disabled and locked, the directory refuses the agent's own bind; out of the
 * group, the bind works and the roles are gone.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Attribute, Change } from 'ldapts';
import { manualClock } from '../../../main/domain/clock';
import { DirectoryHost } from '../../../main/app/directory-host';
import { ROLES } from '../../../main/domain/roles';
import { AGENT_RECHECK_SECONDS } from '../../../main/ipc/access';
import { createApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { FAST_HASHER, tempDir } from '../../support/fixtures';
import { codeOf, value } from '../../support/ipc-result';
import { adminRead, holdServersForThisFile, loadServers, profileOf, rawClient, resetCases, SERVERS_JSON, tryBind, type Kind, type Servers } from '../directory/ldap/servers';

const ORIGIN = 'app://resetdesk/index.html';
const servers = loadServers();
if (!servers && process.env.CI === 'true') throw new Error(`no ${SERVERS_JSON}: start the test directories with scripts/directories/up.sh`);

/** One modify as the directory's administrator. */
async function adminModify(servers: Servers, kind: Kind, dn: string, changes: Change[]): Promise<void> {
  const client = rawClient(servers, kind);
  try {
    await client.bind(servers[kind].admin.dn, servers[kind].admin.password);
    await client.modify(dn, changes);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

const replace = (type: string, value: string) => new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) });
const member = (operation: 'add' | 'delete', dn: string) => new Change({ operation, modification: new Attribute({ type: 'member', values: [dn] }) });

describe('IPC: an AD or OpenLDAP agent who can no longer act is signed out by their next read', { skip: servers ? false : `no ${SERVERS_JSON}: start the test directories with sudo npm run directories:up` }, () => {
  holdServersForThisFile();
  const dir = tempDir('resetdesk-access-ldap-');
  after(() => dir.cleanup());

  for (const kind of ['ad', 'openldap'] as const) {
    const side = servers![kind];
    const agent = side.users.helpdesk!;
    let agentDn = '';
    let standInDn = '';
    const group = Object.keys(side.roleGroups).find((dn) => side.roleGroups[dn] === ROLES.helpdeskAdministrator && /Admins/i.test(dn))!;

    const changes = [
      {
        what: 'disabled',
        // OpenLDAP answers the bind of a disabled account like a wrong password: the words say both.
        detail: kind === 'ad' ? /It was disabled\./ : /no longer accepts its sign-in: it was disabled or locked/,
        apply: () =>
          kind === 'ad'
            ? adminModify(servers!, kind, agentDn, [replace('userAccountControl', '514')])
            : adminModify(servers!, kind, agentDn, [replace('pwdAccountLockedTime', '000001010000Z')]),
        undo: async () => resetCases(),
      },
      {
        what: 'locked out by real failed binds',
        detail: kind === 'ad' ? /It is locked out\./ : /no longer accepts its sign-in: it was disabled or locked/,
        apply: async () => {
          for (let i = 0; i < 6; i++) await tryBind(servers!, kind, agentDn, 'Not-the-Passw0rd!');
        },
        undo: async () => resetCases(),
      },
      {
        what: 'taken out of its role group',
        detail: /It no longer holds an admin role\./,
        // Another member stands in meanwhile: OpenLDAP's groupOfNames may not be left empty.
        apply: () => adminModify(servers!, kind, group, [member('add', standInDn), member('delete', agentDn)]),
        undo: () => adminModify(servers!, kind, group, [member('add', agentDn), member('delete', standInDn)]),
      },
    ];

    it(`${kind}: disabled, locked out or out of its role group, the agent's next search signs them out`, async () => {
      agentDn = (await adminRead(servers!, kind, agent, ['cn'])).dn;
      standInDn = (await adminRead(servers!, kind, side.users.plain2!, ['cn'])).dn;
      const clock = manualClock(Date.now());
      const host = await DirectoryHost.open(join(dir.path, `${kind}.sqlite`), { hasher: FAST_HASHER, clock, replicaSync: false });
      await host.createForProfile(profileOf(servers!, kind), 'Test', side.domain);
      const app = createIpcApp({ host, clipboard: new MemoryClipboard(), clock, isTrustedSender: (url) => url === ORIGIN });
      const api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
      try {
        for (const change of changes) {
          value(await api.signIn({ upn: agent, password: side.userPassword }));
          value(await api.searchUsers({ query: 'ade' }));
          await change.apply();
          try {
            clock.advance(AGENT_RECHECK_SECONDS * 1000);
            const refused = await api.searchUsers({ query: 'ade' });
            assert.equal(codeOf(refused), 'AGENT_ACCOUNT_UNUSABLE', `${change.what}: ${JSON.stringify(refused)}`);
            assert.match(!refused.ok ? refused.error.message : '', change.detail);
            assert.equal(value(await api.getSession({})).status, 'signedOut');
          } finally {
            await change.undo();
          }
        }
      } finally {
        await app.shutdown();
        await host.close();
      }
    });
  }
});
