/**
 * The password-policy settings from the CLI, through the real bin on a real
 * SQLite file: `tenant set passwordHistoryCount N` and `tenant banned
 * list|add|remove`, Global Administrators only, one audit event per change,
 * and a typed password refused for a custom term.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { ROLES } from '../../../main/domain/roles';
import { tempDir } from '../../support/fixtures';
import { runBin, type CliRun as Run } from '../../support/cli-process';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('resetdesk tenant: password history and the custom banned list', () => {
  const dir = tempDir('resetdesk-cli-policy-');
  const db = join(dir.path, 'directory.sqlite');
  let accounts: { upn: string; roles: string[]; password: string }[] = [];

  const cli = (args: string[], options: { input?: string; as?: string } = {}): Run =>
    runBin([...args, '--db', db, '--json', ...(options.as ? ['--as', options.as] : [])], {
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(options.as ? { agentPassword: accounts.find((a) => a.upn === options.as)?.password ?? 'unknown' } : {}),
    });
  const agentWith = (role: string) => accounts.find((a) => a.roles.length === 1 && a.roles[0] === role)!.upn;
  const expectError = (run: Run, code: string) => {
    assert.equal(run.json?.error?.code, code, `expected ${code}; stdout: ${run.stdout} stderr: ${run.stderr}`);
    // A malformed argument is the command line's fault (exit 2); a refusal is 1.
    assert.equal(run.status, code === 'INVALID_INPUT' ? 2 : 1);
  };
  /** The tenant changes made (refused attempts are audited too, as failures). */
  const tenantUpdates = () =>
    (cli(['audit', 'list', 'tenant.update', '--limit', '100']).json as { result: string }[]).filter((e) => e.result === 'success').length;

  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.mjs')), 'dist/cli.mjs is missing: run `npm run build` first');
    const init = cli(['init', '--sample', '40', '--seed', '5']);
    assert.equal(init.status, 0, init.stderr);
    accounts = init.json.accounts;
  });
  after(() => dir.cleanup());

  it('tenant set passwordHistoryCount: a Global Administrator\'s change, 0–24, audited', () => {
    const global = agentWith(ROLES.globalAdministrator);
    const before = tenantUpdates();
    const set = cli(['tenant', 'set', 'passwordHistoryCount', '3'], { as: global });
    assert.equal(set.status, 0, set.stdout + set.stderr);
    assert.equal(set.json.passwordHistoryCount, 3);
    assert.equal(cli(['tenant', 'show']).json.passwordHistoryCount, 3);
    assert.equal(tenantUpdates(), before + 1);
    expectError(cli(['tenant', 'set', 'passwordHistoryCount', '25'], { as: global }), 'INVALID_INPUT');
    expectError(cli(['tenant', 'set', 'passwordHistoryCount', '2'], { as: agentWith(ROLES.helpdeskAdministrator) }), 'SETTINGS_CHANGE_REFUSED');
    assert.equal(cli(['tenant', 'show']).json.passwordHistoryCount, 3);
  });

  it('tenant banned add / remove / list: one audit event each, the term rules checked, Global Administrators only', () => {
    const global = agentWith(ROLES.globalAdministrator);
    const before = tenantUpdates();
    const added = cli(['tenant', 'banned', 'add', 'Fabrikam', 'Widget', 'widget'], { as: global });
    assert.equal(added.status, 0, added.stdout + added.stderr);
    assert.deepEqual(added.json.bannedPasswords, ['Fabrikam', 'Widget']);
    assert.equal(tenantUpdates(), before + 1);
    // Already there: nothing new, nothing written.
    assert.deepEqual(cli(['tenant', 'banned', 'add', 'FABRIKAM'], { as: global }).json.bannedPasswords, ['Fabrikam', 'Widget']);
    assert.equal(tenantUpdates(), before + 1);
    expectError(cli(['tenant', 'banned', 'add', 'abc'], { as: global }), 'INVALID_INPUT');
    expectError(cli(['tenant', 'banned', 'add', 'x'.repeat(65)], { as: global }), 'INVALID_INPUT');
    expectError(cli(['tenant', 'banned', 'add', 'London'], { as: agentWith(ROLES.helpdeskAdministrator) }), 'SETTINGS_CHANGE_REFUSED');
    expectError(cli(['tenant', 'banned', 'remove', 'London'], { as: global }), 'INVALID_INPUT');
    const removed = cli(['tenant', 'banned', 'remove', 'widget'], { as: global });
    assert.deepEqual(removed.json.bannedPasswords, ['Fabrikam']);
    assert.deepEqual(cli(['tenant', 'banned', 'list']).json.bannedPasswords, ['Fabrikam']);
    expectError(cli(['tenant', 'banned', 'clear'], { as: global }), 'INVALID_INPUT');
    assert.equal(tenantUpdates(), before + 2);
  });

  it('a typed password with a custom term is refused with the term named, never the password', () => {
    const helpdesk = agentWith(ROLES.helpdeskAdministrator);
    const refused = cli(['password', 'reset', EX.syncedManaged, '--password-stdin'], { as: helpdesk, input: 'Fabr1kam#9\n' });
    expectError(refused, 'POLICY_VIOLATION');
    assert.match(refused.json.error.message, /banned word: fabrikam/);
    assert.ok(!refused.stdout.includes('Fabr1kam#9') && !refused.stderr.includes('Fabr1kam#9'));
  });
});
