import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { ROLES } from '../../../main/domain/roles';
import { tempDir } from '../../support/fixtures';
import { runBin, type CliRun as Run } from '../../support/cli-process';

/**
 * The CLI end to end: the package's real bin (bin/resetdesk.mjs → dist/cli.mjs)
 * in a child process, on a real SQLite file, with the production scrypt cost.
 * `npm test` builds dist/ first.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'resetdesk.mjs');

describe('resetdesk CLI', () => {
  const dir = tempDir('resetdesk-cli-');
  const db = join(dir.path, 'directory.sqlite');
  let accounts: { upn: string; roles: string[]; password: string }[] = [];

  const cli = (args: string[], options: { input?: string; as?: string; password?: string } = {}): Run =>
    runBin([...args, '--db', db, '--json', ...(options.as ? ['--as', options.as] : [])], {
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(options.as ? { agentPassword: options.password ?? passwordOf(options.as) } : {}),
    });
  const passwordOf = (upn: string) => accounts.find((a) => a.upn === upn)?.password ?? 'unknown';
  const agentWith = (role: string) => accounts.find((a) => a.roles.length === 1 && a.roles[0] === role)!.upn;
  const expectError = (run: Run, code: string, exit = 1) => {
    assert.equal(run.json?.error?.code, code, `expected ${code}; stdout: ${run.stdout} stderr: ${run.stderr}`);
    assert.equal(typeof run.json.error.message, 'string');
    assert.equal(run.status, exit);
  };

  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.mjs')), 'dist/cli.mjs is missing: run `npm run build` first');
    const init = cli(['init', '--sample', '60', '--seed', '5']);
    assert.equal(init.status, 0, init.stderr);
    accounts = init.json.accounts;
  });
  after(() => dir.cleanup());

  it('init prints one ready account for each admin role, with its password', () => {
    for (const role of Object.values(ROLES)) {
      const account = accounts.find((a) => a.roles.includes(role));
      assert.ok(account, `an account holds ${role}`);
      assert.ok(account.password.length >= 8);
    }
    expectError(cli(['init', '--sample', '60']), 'DIRECTORY_EXISTS');
  });

  it('the newcomer path: reset as Helpdesk Administrator, sign in, change, sign in', () => {
    const helpdesk = agentWith(ROLES.helpdeskAdministrator);
    const reset = cli(['password', 'reset', EX.cloudMember], { as: helpdesk });
    assert.equal(reset.status, 0, reset.stdout + reset.stderr);
    assert.equal(reset.json.upn, EX.cloudMember);
    assert.equal(reset.json.forceChangeNextSignIn, true);
    assert.equal(typeof reset.json.unlocked, 'boolean');
    const temporary: string = reset.json.temporaryPassword;

    assert.equal(cli(['signin', EX.cloudMember], { input: `${temporary}\n` }).json.result, 'password_change_required');
    const change = cli(['password', 'change', EX.cloudMember], { input: `${temporary}\nMy-Own-Passw0rd\n` });
    assert.equal(change.status, 0, change.stdout);
    assert.equal(cli(['signin', EX.cloudMember], { input: 'My-Own-Passw0rd\n' }).json.result, 'ok');
    assert.equal(cli(['signin', EX.cloudMember], { input: `${temporary}\n` }).json.result, 'invalid_credentials');
  });

  it('answers every refusal with its code', () => {
    const helpdesk = agentWith(ROLES.helpdeskAdministrator);
    const global = agentWith(ROLES.globalAdministrator);
    expectError(cli(['password', 'reset', EX.guestOtherTenant], { as: global }), 'NOT_HOME_TENANT');
    expectError(cli(['password', 'reset', EX.guestMicrosoftAccount], { as: global }), 'NOT_HOME_TENANT');
    expectError(cli(['password', 'reset', EX.guestGoogle], { as: global }), 'NOT_HOME_TENANT');
    expectError(cli(['password', 'reset', EX.externalAzureAD], { as: global }), 'EXTERNAL_AUTHORITY');
    expectError(cli(['password', 'reset', EX.syncedFederated], { as: global }), 'FEDERATED_DOMAIN');
    const adminCount = cli(['password', 'reset', EX.syncedAdminCount, '--password-stdin'], { as: global, input: 'Typed-Kq7x9Wz\n' });
    expectError(adminCount, 'ADMIN_COUNT');
    assert.match(adminCount.json.error.message, /hr=80231367/);
    expectError(cli(['password', 'reset', global], { as: helpdesk }), 'INSUFFICIENT_ROLE');
    expectError(cli(['password', 'reset', helpdesk], { as: helpdesk }), 'SELF_RESET');
    expectError(cli(['password', 'reset', 'nobody@contoso.com'], { as: helpdesk }), 'USER_NOT_FOUND');
    expectError(cli(['password', 'reset', EX.syncedManaged], { as: helpdesk }), 'PASSWORD_REQUIRED');
    expectError(
      cli(['password', 'reset', EX.syncedManaged, '--password-stdin'], { as: helpdesk, input: 'weak\n' }),
      'POLICY_VIOLATION',
    );
    expectError(cli(['password', 'reset', EX.cloudMember], { as: helpdesk, password: 'Wrong-Passw0rd' }), 'AUTH_FAILED');
    expectError(cli(['password', 'reset', 'not-a-upn'], { as: helpdesk }), 'INVALID_INPUT', 2);
    expectError(cli(['password', 'reset', EX.cloudMember, '--password', 'x'], { as: helpdesk }), 'INVALID_INPUT', 2);

    expectError(cli(['tenant', 'set', 'passwordWriteback', 'off'], { as: helpdesk }), 'SETTINGS_CHANGE_REFUSED');
    const off = cli(['tenant', 'set', 'passwordWriteback', 'off'], { as: global });
    assert.equal(off.json.passwordWriteback, false);
    expectError(
      cli(['password', 'reset', EX.syncedManaged, '--password-stdin'], { as: helpdesk, input: 'Typed-Kq7x9Wz\n' }),
      'WRITEBACK_DISABLED',
    );
    assert.equal(cli(['tenant', 'set', 'passwordWriteback', 'on'], { as: global }).json.passwordWriteback, true);
    const typed = cli(['password', 'reset', EX.syncedManaged, '--password-stdin'], { as: helpdesk, input: 'Typed-Kq7x9Wz\n' });
    assert.equal(typed.status, 0, typed.stdout);
    assert.equal(typed.json.temporaryPassword, undefined, 'the typed password is not printed back');
    assert.equal(typed.json.generated, false);
    const withTyped = cli(['signin', EX.syncedManaged], { input: 'Typed-Kq7x9Wz\n' });
    assert.equal(withTyped.json.result, 'password_change_required', 'yet it is the password now');
  });

  it('users search and show give users with the documented keys', () => {
    const search = cli(['users', 'search', 'adele']);
    assert.equal(search.status, 0);
    assert.ok(Array.isArray(search.json));
    // The list's fields (README), and no more: the whole user is `users show`'s.
    const listed = ['id', 'upn', 'displayName', 'mail', 'department', 'source', 'userType', 'domainType', 'adminCount', 'roles', 'enabled', 'locked', 'lockedUntil'];
    assert.deepEqual(Object.keys(search.json[0]).sort(), [...listed].sort());
    const keys = ['id', 'upn', 'displayName', 'mail', 'source', 'userType', 'guestHome', 'domain', 'domainType', 'adminCount', 'roles', 'enabled', 'locked', 'lockedUntil', 'failedAttempts', 'forceChangeNextSignIn', 'passwordNeverExpires', 'passwordLastSet'];
    const shown = cli(['users', 'show', EX.cloudMember]).json;
    for (const key of keys) assert.ok(key in shown, `users show has ${key}`);
    const guest = cli(['users', 'show', EX.guestGoogle]).json;
    assert.equal(guest.userType, 'guest');
    assert.equal(guest.guestHome, 'google');
    const federated = cli(['users', 'show', EX.syncedFederated]).json;
    assert.deepEqual([federated.source, federated.domainType], ['onPremises', 'federated']);
    assert.equal(cli(['users', 'search', '', '--limit', '5']).json.length, 5);
    expectError(cli(['users', 'show', 'nobody@contoso.com']), 'USER_NOT_FOUND');
    expectError(cli(['users', 'search', 'a', '--limit', 'lots']), 'INVALID_INPUT', 2);
  });

  it('unlocks a locked account, and the audit trail lists what happened', () => {
    const helpdesk = agentWith(ROLES.helpdeskAdministrator);
    assert.equal(cli(['users', 'show', EX.locked]).json.locked, true);
    const unlock = cli(['account', 'unlock', EX.locked], { as: helpdesk });
    const { notifications, ...facts } = unlock.json;
    assert.deepEqual(facts, { upn: EX.locked, unlocked: true, wasLocked: true, accountEnabled: true });
    // The user's notice goes to the sample's outbox, which the CLI runs itself while the app is closed (kept sealed in the file).
    assert.ok(notifications.length > 0 && notifications.every((n: { delivered: boolean }) => n.delivered));
    assert.equal(cli(['users', 'show', EX.locked]).json.locked, false);
    const audit = (cli(['audit', 'list', '--target', EX.locked]).json as { action: string; actorUpn: string }[]).filter(
      (e) => e.action !== 'notification.send',
    );
    assert.equal(audit[0]!.action, 'account.unlock');
    assert.equal(audit[0]!.actorUpn, helpdesk);
    const resets = cli(['audit', 'list', 'password.reset', '--limit', '100']).json as { errorCode: string | null }[];
    assert.ok(resets.some((e) => e.errorCode === 'ADMIN_COUNT'));
    assert.ok(resets.some((e) => e.errorCode === null));
    const everything = cli(['audit', 'list', '--limit', '1000']).stdout;
    for (const account of accounts) assert.equal(everything.includes(account.password), false);
  });

  it('fails clearly when there is no directory', () => {
    const run = spawnSync(process.execPath, [BIN, 'users', 'search', 'a', '--json', '--db', join(dir.path, 'missing.sqlite')], {
      encoding: 'utf8',
    });
    assert.equal(JSON.parse(run.stdout).error.code, 'DIRECTORY_NOT_FOUND');
    assert.equal(run.status, 1);
  });
});
