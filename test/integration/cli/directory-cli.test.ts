/**
 * The CLI end to end against the real directories (scripts/directories/up.sh):
 * on a fresh install `directory add` makes the local file, `directory test`
 * reports each step, and search, reset and unlock act as the agent's own bind.
 * The proof of a reset comes from the server: a bind of our own with the
 * temporary password answers "must change".
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { lockServers } from '../../support/server-lock';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../support/fixtures';
import { bindDn, loadServers, serversOrSkip, tryBind, type Kind, type Servers } from '../directory/ldap/servers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'resetdesk.mjs');

function resetCases(): void {
  const run = spawnSync('bash', [join(ROOT, 'scripts/directories/reset-cases.sh')], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
}

/** A bind of our own, outside the product: what the server itself answers for this password. */
async function serverBind(servers: Servers, kind: Kind, upn: string, password: string): Promise<string> {
  const { error, policy } = await tryBind(servers, kind, bindDn(servers, kind, upn), password);
  // AD refuses a must-change bind (data 773); OpenLDAP's ppolicy lets it in, saying changeAfterReset (2).
  if (/data 773/.test(error?.message ?? '') || policy?.error === 2) return 'must change';
  if (!error) return 'ok';
  if (/Invalid credentials/i.test(error.message) || error.code === 49) return 'invalid';
  return error.message;
}

for (const kind of ['ad', 'openldap'] as const) {
  describe(`resetdesk CLI on ${kind === 'ad' ? 'Active Directory (Samba AD DC)' : 'OpenLDAP (slapd, ppolicy)'}`, () => {
    const dir = tempDir('resetdesk-dircli-');
    const db = join(dir.path, 'fresh', 'local.sqlite');
    let unlock = () => {};
    before(async () => {
      if (loadServers()) unlock = await lockServers();
    });
    after(() => {
      unlock();
      dir.cleanup();
    });
    const servers = loadServers();
    const side = servers?.[kind];

    const cli = (args: string[], as?: string, password?: string) => {
      const env: NodeJS.ProcessEnv = { ...process.env, RESETDESK_DB: '' };
      delete env.RESETDESK_AGENT_PASSWORD;
      if (password) env.RESETDESK_AGENT_PASSWORD = password;
      const result = spawnSync(process.execPath, [BIN, ...args, '--db', db, '--json', ...(as ? ['--as', as] : [])], {
        env, encoding: 'utf8', timeout: 60_000,
      });
      let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed CLI output, asserted field by field
      try {
        json = JSON.parse(result.stdout);
      } catch {
        // not JSON: the assertions say so
      }
      return { status: result.status, json, stdout: result.stdout, stderr: result.stderr };
    };
    const asHelpdesk = (args: string[]) => cli([...args, '--directory', 'corp'], side!.users.helpdesk, side!.userPassword);
    const ready = (t: TestContext) => serversOrSkip(t) !== null;

    it('directory add on a fresh install makes the local file; list shows it; test passes every step', (t) => {
      if (!ready(t)) return;
      resetCases();
      const groups = Object.entries(side!.roleGroups).flatMap(([dn, role]) => ['--role-group', `${dn}=${role}`]);
      const add = cli(['directory', 'add', 'corp', '--type', kind, ...side!.urls.flatMap((u) => ['--url', u]), '--base', side!.baseDn, '--users-dn', side!.usersDn, '--ca', servers!.ca, ...groups, '--verification-sms', 'mobile', '--verification-sms', 'telephoneNumber']);
      assert.equal(add.status, 0, add.stdout + add.stderr);
      const [listed] = cli(['directory', 'list']).json;
      assert.deepEqual([listed?.name, listed?.active], ['corp', true], 'on a fresh install the app signs in to it');
      assert.deepEqual(
        listed?.verification,
        { email: kind === 'ad' ? ['otherMailbox'] : [], sms: ['mobile', 'telephoneNumber'] },
        'codes go where the admin said; email keeps its default',
      );
      const test = cli(['directory', 'test', 'corp'], side!.users.helpdesk, side!.userPassword);
      assert.equal(test.status, 0, test.stdout);
      assert.deepEqual(test.json.steps.map((s: { ok: boolean }) => s.ok), [true, true, true, true, true, true], 'reach, TLS, bind, search, page through every user, roles');
      const wrong = cli(['directory', 'test', 'corp'], side!.users.helpdesk, 'Not-the-Passw0rd!');
      assert.equal(wrong.status, 1);
      assert.deepEqual(
        wrong.json.steps.map((s: { step: string; ok: boolean }) => [s.step, s.ok]),
        [['reach the server', true], ['TLS and certificate', true], ['bind as the agent', false]],
      );
    });

    it('finds a user by three letters, resets them, and the server then answers "must change"', async (t) => {
      if (!ready(t)) return;
      const found = asHelpdesk(['users', 'search', 'ade']);
      assert.equal(found.status, 0, found.stdout);
      assert.ok(found.json.some((u: { upn: string }) => u.upn.toLowerCase() === side!.users.plain), found.stdout);
      const reset = asHelpdesk(['password', 'reset', side!.users.plain!]);
      assert.equal(reset.status, 0, reset.stdout);
      assert.equal(await serverBind(servers!, kind, side!.users.plain!, reset.json.temporaryPassword), 'must change');
      assert.equal(await serverBind(servers!, kind, side!.users.plain!, side!.userPassword), 'invalid', 'the old password is gone');
      const audit = cli(['audit', 'list', 'password.reset', '--target', side!.users.plain!]);
      assert.deepEqual(audit.json.slice(0, 2).map((e: { result: string }) => e.result), ['success', 'intent']);
    });

    it('unlocks a user locked by real failed binds: the server lets them in again', async (t) => {
      if (!ready(t)) return;
      assert.notEqual(await serverBind(servers!, kind, side!.users.locked!, side!.userPassword), 'ok', 'locked before');
      const unlock = asHelpdesk(['account', 'unlock', side!.users.locked!]);
      assert.equal(unlock.status, 0, unlock.stdout);
      assert.equal(unlock.json.wasLocked, true);
      assert.equal(await serverBind(servers!, kind, side!.users.locked!, side!.userPassword), 'ok');
    });

    it('a directory ACL without the Reset Password right: the server refuses, nothing changes', async (t) => {
      if (!ready(t)) return;
      const refused = cli(['password', 'reset', side!.users.plain2!, '--directory', 'corp'], side!.users.noright, side!.userPassword);
      assert.equal(refused.json?.error?.code, 'DIRECTORY_ACCESS_DENIED', refused.stdout);
      assert.equal(await serverBind(servers!, kind, side!.users.plain2!, side!.userPassword), 'ok');
    });

    it('reading a real directory needs an agent: no --as, no search', (t) => {
      if (!ready(t)) return;
      const anonymous = cli(['users', 'search', 'ade', '--directory', 'corp']);
      assert.equal(anonymous.json?.error?.code, 'INVALID_INPUT');
      const unknown = cli(['users', 'search', 'ade', '--directory', 'nowhere']);
      assert.equal(unknown.json?.error?.code, 'DIRECTORY_PROFILE_NOT_FOUND');
      resetCases();
    });
  });
}
