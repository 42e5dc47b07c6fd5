/**
 * Issue 16 H, through the real bin against the real slapd and Samba AD DC:
 * changing the connection profiles (add, remove, switch) is a Global
 * Administrator's change, signed in to the directory the local file trusts
 * now, never by the role mapping of the profile being added; every attempt
 * leaves one `directory.update` event. The probe's steps (remove the profile
 * in use, add it back mapping the helpdesk group to Global Administrator, then
 * change the tenant's settings) fail for a Helpdesk Administrator and for an
 * agent with no directory rights, and change nothing.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROLES } from '../../../main/domain/roles';
import { tempDir } from '../../support/fixtures';
import { ROOT, runBin, type CliRun } from '../../support/cli-process';
import { lockServers } from '../../support/server-lock';
import { loadServers, SERVERS_JSON, type Kind } from '../directory/ldap/servers';

const servers = loadServers();
if (!servers && process.env.CI === 'true') throw new Error(`no ${SERVERS_JSON}: start the test directories with scripts/directories/up.sh`);

describe('resetdesk directory add|remove|use: who may change the connections', { skip: servers ? false : `no ${SERVERS_JSON}: start the test directories with sudo npm run directories:up` }, () => {
  const dir = tempDir('resetdesk-dirchange-');
  const db = join(dir.path, 'local.sqlite');
  const ol = servers!.openldap;
  const ad = servers!.ad;
  const helpdeskGroup = (kind: Kind) => Object.entries(servers![kind].roleGroups).find(([, role]) => role === ROLES.helpdeskAdministrator)![0];
  let release = () => {};

  /** As an agent of either server (their seeded users share one password), or nobody. */
  const cli = (args: string[], as?: string): CliRun =>
    runBin([...args, '--db', db, '--json', ...(as ? ['--as', as] : [])], as ? { agentPassword: as.endsWith(ad.domain) ? ad.userPassword : ol.userPassword } : {});
  /** `directory add NAME` for one of the servers, with its role groups (or the ones given). */
  const addArgs = (name: string, kind: Kind, roleGroups: Record<string, string> = servers![kind].roleGroups) => {
    const side = servers![kind];
    return ['directory', 'add', name, '--type', kind, ...side.urls.flatMap((u) => ['--url', u]), '--base', side.baseDn, '--users-dn', side.usersDn, '--ca', servers!.ca,
      ...Object.entries(roleGroups).flatMap(([dn, role]) => ['--role-group', `${dn}=${role}`])];
  };
  const refused = (run: CliRun, code: string) => {
    assert.equal(run.json?.error?.code, code, `expected ${code}; stdout: ${run.stdout} stderr: ${run.stderr}`);
    assert.equal(run.status, 1);
  };
  const ok = (run: CliRun) => assert.equal(run.status, 0, run.stdout + run.stderr);
  const profiles = () => (cli(['directory', 'list']).json as { name: string; active: boolean; roleGroups: Record<string, string> }[]);
  const changes = () => cli(['audit', 'list', 'directory.update', '--limit', '200']).json as { actorUpn: string | null; result: string; errorCode: string | null; detail: string }[];

  before(async () => {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.mjs')), 'dist/cli.mjs is missing: run `npm run build` first');
    release = await lockServers();
  });
  after(() => {
    release();
    dir.cleanup();
  });

  it('the first profile of a fresh file needs nobody (as the first run), and is audited', () => {
    ok(cli(addArgs('ol', 'openldap')));
    assert.deepEqual(profiles().map((p) => [p.name, p.active]), [['ol', true]]);
    const [first] = changes();
    assert.deepEqual([first?.actorUpn, first?.result, JSON.parse(first!.detail)], [null, 'success', { added: 'ol', used: 'ol', firstProfile: true }]);
  });

  it('after it, a second profile needs a Global Administrator of the directory in use', () => {
    refused(cli(addArgs('ad', 'ad')), 'NOT_SIGNED_IN');
    refused(cli(addArgs('ad', 'ad'), ol.users.helpdesk), 'CONNECTION_CHANGE_REFUSED');
    ok(cli(addArgs('ad', 'ad'), ol.users.globaladmin));
    assert.deepEqual(profiles().map((p) => [p.name, p.active]), [['ad', false], ['ol', true]]);
  });

  for (const agent of ['helpdesk', 'noright'] as const) {
    it(`the probe's steps, as ${agent === 'helpdesk' ? 'a Helpdesk Administrator' : 'an agent with no directory rights'}, fail and change nothing`, () => {
      const upn = ol.users[agent]!;
      const before = { profiles: profiles(), tenant: cli(['tenant', 'show']).json, events: changes().length };
      const attempts: [string, CliRun, string][] = [
        ['remove the profile in use, no --as', cli(['directory', 'remove', 'ol']), 'NOT_SIGNED_IN'],
        ['remove the profile in use', cli(['directory', 'remove', 'ol'], upn), 'CONNECTION_CHANGE_REFUSED'],
        ['remove another profile', cli(['directory', 'remove', 'ad'], upn), 'CONNECTION_CHANGE_REFUSED'],
        ['add it back mapping their group to Global Administrator, no --as (the probe)', cli(addArgs('ol', 'openldap', { [helpdeskGroup('openldap')]: ROLES.globalAdministrator })), 'NOT_SIGNED_IN'],
        // The new profile's own mapping makes this agent a Global Administrator: it must not count.
        ['add a profile mapping their group to Global Administrator', cli(addArgs('ol2', 'openldap', { [helpdeskGroup('openldap')]: ROLES.globalAdministrator }), upn), 'CONNECTION_CHANGE_REFUSED'],
        ['sign in to that profile before it exists', cli([...addArgs('ol2', 'openldap', { [helpdeskGroup('openldap')]: ROLES.globalAdministrator }), '--directory', 'ol2'], upn), 'DIRECTORY_PROFILE_NOT_FOUND'],
        ['switch the app to another directory', cli(['directory', 'use', 'ad'], upn), 'CONNECTION_CHANGE_REFUSED'],
        ['switch the app to the embedded directory, no --as', cli(['directory', 'use', '--embedded']), 'NOT_SIGNED_IN'],
      ];
      for (const [what, run, code] of attempts) assert.equal(run.json?.error?.code, code, `${what}: ${run.stdout}${run.stderr}`);
      // What the probe did next with its forged role: every one refused (it has none).
      for (const args of [
        ['tenant', 'set', 'callerVerification', 'off'],
        ['tenant', 'set', 'passwordHistoryCount', '0'],
        ['tenant', 'banned', 'add', 'contosoX'],
        ['delivery', 'smtp', '--host', 'relay.example.net', '--port', '587', '--from', 'it@example.net'],
      ]) {
        refused(cli([...args, '--directory', 'ol'], upn), 'SETTINGS_CHANGE_REFUSED');
      }
      assert.deepEqual(profiles(), before.profiles, 'no profile changed');
      assert.deepEqual(cli(['tenant', 'show']).json, before.tenant, 'no setting changed');
      const events = changes();
      assert.equal(events.length, before.events + attempts.length, 'one directory.update event per attempt');
      assert.deepEqual(
        events.slice(0, attempts.length).reverse().map((e) => [e.result, e.errorCode]),
        attempts.map(([, , code]) => ['failure', code]),
      );
    });
  }

  it('a profile not in use may be removed by its own Global Administrator as it is stored; adding takes the one in use', () => {
    refused(cli([...addArgs('ad2', 'ad'), '--directory', 'ad'], ad.users.globaladmin), 'CONNECTION_CHANGE_REFUSED');
    refused(cli(['directory', 'remove', 'ad', '--directory', 'ad'], ad.users.helpdesk), 'CONNECTION_CHANGE_REFUSED');
    ok(cli(['directory', 'remove', 'ad', '--directory', 'ad'], ad.users.globaladmin));
    assert.deepEqual(profiles().map((p) => p.name), ['ol']);
  });

  it('a Global Administrator of the directory in use adds, switches and removes; the one in use cannot be removed', () => {
    ok(cli(addArgs('ad', 'ad'), ol.users.globaladmin));
    const inUse = cli(['directory', 'remove', 'ol'], ol.users.globaladmin);
    assert.equal(inUse.json?.error?.code, 'INVALID_INPUT', inUse.stdout);
    assert.match(inUse.json.error.message, /That connection is the directory in use: switch to another first/);
    ok(cli(['directory', 'use', 'ad'], ol.users.globaladmin));
    assert.deepEqual(profiles().map((p) => [p.name, p.active]), [['ad', true], ['ol', false]]);
    // Now AD is in use: OpenLDAP's Global Administrator signs in to AD by default (and is not there);
    // signed in to ol as it is stored, they may switch the app back to it (else a switch could strand the file).
    refused(cli(['directory', 'use', 'ol'], ol.users.globaladmin), 'AUTH_FAILED');
    ok(cli(['directory', 'use', 'ol', '--directory', 'ol'], ol.users.globaladmin));
    assert.deepEqual(profiles().map((p) => [p.name, p.active]), [['ad', false], ['ol', true]]);
    // A Global Administrator of neither the directory in use nor the one switched to may not.
    refused(cli(['directory', 'use', 'ad', '--directory', 'ad'], ad.users.helpdesk), 'CONNECTION_CHANGE_REFUSED');
    ok(cli(['directory', 'use', 'ad', '--directory', 'ad'], ad.users.globaladmin));
    const [last] = changes();
    assert.deepEqual([last?.actorUpn, last?.result, JSON.parse(last!.detail)], [ad.users.globaladmin, 'success', { used: 'ad', signedInTo: 'ad' }]);
  });
});
