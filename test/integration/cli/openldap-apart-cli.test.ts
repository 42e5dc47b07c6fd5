/**
 * Issue 16, items 1–3, from the CLI against slapd's dc=contoso,dc=com: agents
 * in ou=helpdesk, users in ou=people, anonymous may read only what finds a
 * DN. `directory add` with the base DN alone, then commands without
 * --directory (the file names the profile as active, as the app reads it):
 * the agent signs in (its DN found by an anonymous search), finds, resets and
 * unlocks users in ou=people, and types a temporary password. Each result is
 * proven by a bind of our own to slapd: the new password answers "must change"
 * through the ppolicy control; the unlock lets a bind in.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERROR_MESSAGES } from '../../../main/domain/errors';
import { lockServers } from '../../support/server-lock';
import { tempDir } from '../../support/fixtures';
import { loadServers, resetCases, serversOrSkip, tryBind } from '../directory/ldap/servers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'resetdesk.mjs');

describe('resetdesk CLI on OpenLDAP with agents apart from users (dc=contoso,dc=com)', () => {
  const dir = tempDir('resetdesk-apart-cli-');
  const db = join(dir.path, 'fresh', 'local.sqlite');
  let unlock = () => {};
  before(async () => {
    if (!loadServers()) return;
    unlock = await lockServers();
    resetCases();
  });
  after(() => {
    try {
      if (loadServers()) resetCases();
    } finally {
      unlock();
      dir.cleanup();
    }
  });
  const servers = loadServers();
  const ct = servers?.contoso;
  const ready = (t: TestContext) => serversOrSkip(t) !== null;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed CLI output, asserted field by field
  const cli = (args: string[], options: { as?: string; password?: string; input?: string } = {}): { status: number | null; json: any; stdout: string } => {
    const env: NodeJS.ProcessEnv = { ...process.env, RESETDESK_DB: '' };
    delete env.RESETDESK_AGENT_PASSWORD;
    if (options.password) env.RESETDESK_AGENT_PASSWORD = options.password;
    const result = spawnSync(process.execPath, [BIN, ...args, '--db', db, '--json', ...(options.as ? ['--as', options.as] : [])], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
      ...(options.input !== undefined ? { input: options.input } : {}),
    });
    let json: unknown;
    try {
      json = JSON.parse(result.stdout);
    } catch {
      // not JSON: the assertions say so
    }
    return { status: result.status, json, stdout: result.stdout + result.stderr };
  };
  /** As the agent in ou=helpdesk, with no --directory: the profile the file names as active. */
  const asAgent = (args: string[], input?: string) =>
    cli(args, { as: ct!.users.helpdesk!, password: ct!.userPassword, ...(input !== undefined ? { input } : {}) });
  /** slapd's own answer to a bind as this user (DN from servers.json, not from the product). */
  const serverSays = async (upn: string, password: string) => {
    const { error, policy } = await tryBind(servers!, 'contoso', ct!.dns![upn]!, password);
    if (policy?.error === 2) return 'must change';
    return error ? `refused (${error.code ?? error.message})` : 'ok';
  };

  it('directory add with the base DN alone; directory test binds as the entry in ou=helpdesk, found by an anonymous search', (t) => {
    if (!ready(t)) return;
    const groups = Object.entries(ct!.roleGroups).flatMap(([dn, role]) => ['--role-group', `${dn}=${role}`]);
    const add = cli(['directory', 'add', 'contoso', '--type', 'openldap', ...ct!.urls.flatMap((u) => ['--url', u]), '--base', ct!.baseDn, '--ca', servers!.ca, ...groups]);
    assert.equal(add.status, 0, add.stdout);
    assert.equal(add.json.usersDn, ct!.baseDn, 'users are found wherever they are under the base');
    assert.equal(add.json.signInDn, `found by mail under ${ct!.baseDn} (anonymously; else uid={local},${ct!.baseDn})`);

    const test = cli(['directory', 'test', 'contoso'], { as: ct!.users.helpdesk!, password: ct!.userPassword });
    assert.equal(test.status, 0, test.stdout);
    const bind = test.json.steps.find((s: { step: string }) => s.step === 'bind as the agent');
    assert.deepEqual(bind, { step: 'bind as the agent', ok: true, detail: `As ${ct!.dns![ct!.users.helpdesk!]}, found by an anonymous search.` });
    assert.equal(test.json.steps.at(-1).detail, 'Helpdesk Administrator');

    // A UPN two entries share: sign-in says only "incorrect"; the connection test says why.
    const twin = cli(['directory', 'test', 'contoso'], { as: ct!.duplicateUpn!, password: ct!.userPassword });
    assert.equal(twin.status, 1);
    assert.equal(
      twin.json.steps.at(-1).detail,
      `${ERROR_MESSAGES.AUTH_FAILED} No entry to bind as: more than one entry has mail=${ct!.duplicateUpn} under ${ct!.baseDn} (anonymous search).`,
    );
  });

  it('without --directory, the agent finds a user in ou=people and resets them: slapd then answers "must change"', async (t) => {
    if (!ready(t)) return;
    const adele = ct!.users.plain!;
    const found = asAgent(['users', 'search', 'ade']);
    assert.equal(found.status, 0, found.stdout);
    assert.ok(found.json.some((u: { upn: string }) => u.upn === adele), found.stdout);
    const reset = asAgent(['password', 'reset', adele]);
    assert.equal(reset.status, 0, reset.stdout);
    assert.equal(await serverSays(adele, reset.json.temporaryPassword), 'must change');
    assert.equal(await serverSays(adele, ct!.userPassword), 'refused (49)', 'the old password is gone');
  });

  it('unlocks a user locked by real failed binds: slapd lets them in again', async (t) => {
    if (!ready(t)) return;
    const locked = ct!.users.locked!;
    assert.equal(await serverSays(locked, ct!.userPassword), 'refused (49)', 'locked before');
    const done = asAgent(['account', 'unlock', locked]);
    assert.equal(done.status, 0, done.stdout);
    assert.equal(done.json.wasLocked, true);
    assert.equal(await serverSays(locked, ct!.userPassword), 'ok');
  });

  it('a typed temporary password (--password-stdin --directory): accepted, checked, and slapd answers "must change"', async (t) => {
    if (!ready(t)) return;
    const alex = ct!.users.plain2!;
    const typed = 'Typed-Over-Stdin-7k';
    const reset = asAgent(['password', 'reset', alex, '--password-stdin', '--directory', 'contoso'], `${typed}\n`);
    assert.equal(reset.status, 0, reset.stdout);
    assert.equal(reset.json.generated, false);
    assert.equal(reset.json.temporaryPassword, undefined, 'a typed password is never printed back');
    assert.equal(await serverSays(alex, typed), 'must change');
    const short = asAgent(['password', 'reset', alex, '--password-stdin'], 'Sh0rt!\n');
    assert.equal(short.json?.error?.code, 'POLICY_VIOLATION', short.stdout);
    assert.equal(await serverSays(alex, typed), 'must change', 'nothing changed');
  });

  it('every error about the sign-in names the directory it asked; --embedded asks the local file', (t) => {
    if (!ready(t)) return;
    const wrong = cli(['password', 'reset', ct!.users.plain!], { as: ct!.users.helpdesk!, password: 'Not-the-Passw0rd!' });
    assert.deepEqual(wrong.json?.error, {
      code: 'AUTH_FAILED',
      message: `${ERROR_MESSAGES.AUTH_FAILED} (asked: contoso, OpenLDAP at ${ct!.urls[0]})`,
    });
    const embedded = asAgent(['password', 'reset', ct!.users.plain!, '--embedded']);
    assert.deepEqual(embedded.json?.error, { code: 'AUTH_FAILED', message: `${ERROR_MESSAGES.AUTH_FAILED} (asked: the embedded directory in ${db})` });
    const both = asAgent(['users', 'search', 'ade', '--embedded', '--directory', 'contoso']);
    assert.equal(both.json?.error?.code, 'INVALID_INPUT');
    // `directory use --embedded` makes the local file the default for the CLI too (a Global Administrator of contoso's switch).
    const global = { as: ct!.users.globaladmin!, password: ct!.userPassword };
    assert.equal(cli(['directory', 'use', '--embedded'], global).status, 0);
    const afterUse = asAgent(['users', 'search', 'ade']);
    assert.equal(afterUse.json?.error?.code, 'AUTH_FAILED');
    assert.match(afterUse.json?.error?.message, /\(asked: the embedded directory in /);
    // And back: the embedded file has nobody to ask, so contoso's own Global Administrator switches to it.
    assert.equal(cli(['directory', 'use', 'contoso', '--directory', 'contoso'], global).status, 0);
    assert.equal(asAgent(['users', 'search', 'ade']).status, 0);
  });
});
