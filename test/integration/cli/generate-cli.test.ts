/**
 * `resetdesk password reset UPN --generate` (issue 16, item 6): an on-premises
 * user of the embedded directory gets the password the app's Generate gives
 * (main/reset/suggest.ts), checked by the engine like any chosen one, printed
 * as a cloud user's is (grouped, read aloud). The built CLI on a real file.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { checkPasswordPolicy } from '../../../main/domain/password-policy';
import { ROLES } from '../../../main/domain/roles';
import { Secret } from '../../../main/domain/secret';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { checkChosenPassword } from '../../../main/reset/password-check';
import { runBin, type CliRun } from '../../support/cli-process';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';

let fx: SampleFixture;
let helpdesk = '';

const reset = (upn: string, flags: string[], input = ''): CliRun =>
  runBin(['password', 'reset', upn, '--as', helpdesk, '--db', fx.dbPath, ...flags], { agentPassword: fx.passwordOf(helpdesk).reveal(), input });

/** Opens the file for a moment (the CLI is another process: nothing stays open between them). */
function withStore<T>(work: (store: DirectoryStore) => T): T {
  const store = DirectoryStore.open(fx.dbPath);
  try {
    return work(store);
  } finally {
    store.close();
  }
}

const resets = () => withStore((s) => s.audit.list({ action: 'password.reset', limit: 1000 }).length);

before(async () => {
  fx = await sampleDirectory({ size: 60 });
  helpdesk = (await fx.agent(ROLES.helpdeskAdministrator)).upn;
  fx.store.close();
});
after(() => fx.close());

test('an on-premises user: a generated password that meets the policy and the banned check, printed once, and it signs in', async () => {
  const run = reset(EX.syncedManaged, ['--generate', '--json']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const password: string = run.json.temporaryPassword;
  assert.equal(typeof password, 'string');
  assert.equal(run.json.generated, true);
  // The audit says so too (issue 17, item 8): main made the password.
  const detail = withStore((s) => s.audit.list({ action: 'password.reset', limit: 1 })[0]!.detail);
  assert.equal(JSON.parse(detail ?? 'null').generated, true, detail ?? '');
  const { tenant, user } = withStore((s) => ({ tenant: s.tenant.get(), user: s.users.byUpn(EX.syncedManaged, Date.now()) }));
  assert.deepEqual(checkPasswordPolicy(password, tenant.passwordPolicy), []);
  assert.deepEqual(await checkChosenPassword(user ?? null, new Secret(password), tenant), [], 'passes the banned-password check');
  const signIn = runBin(['signin', EX.syncedManaged, '--db', fx.dbPath, '--json'], { input: `${password}\n` });
  assert.equal(signIn.json.result, 'password_change_required');

  // For people: as a cloud user's, grouped and read aloud.
  const text = reset(EX.syncedManaged, ['--generate']);
  assert.equal(text.status, 0, text.stderr);
  const [first, grouped, aloud] = text.stdout.split('\n');
  const shown = /^Temporary password for megan\.bowen@corp\.contoso\.com: (\S+)$/.exec(first ?? '')?.[1];
  assert.ok(shown, text.stdout);
  assert.equal(grouped, `Grouped: ${shown.match(/.{1,4}/g)!.join(' ')}`);
  assert.match(aloud ?? '', /^Read aloud: /);
});

test("it follows the tenant's policy, whatever its numbers", () => {
  withStore((s) => s.db.exec('UPDATE tenant SET password_min_length = 24, password_required_categories = 4'));
  try {
    const run = reset(EX.syncedManaged, ['--generate', '--json']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const password: string = run.json.temporaryPassword;
    assert.equal(password.length, 24);
    assert.deepEqual(checkPasswordPolicy(password, withStore((s) => s.tenant.get().passwordPolicy)), []);
  } finally {
    withStore((s) => s.db.exec('UPDATE tenant SET password_min_length = 8, password_required_categories = 3'));
  }
});

test('a cloud user: --generate is what the reset does anyway', () => {
  const run = reset(EX.cloudMember, ['--generate', '--json']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.json.temporaryPassword, /^\S{16}$/);
});

test('--generate with --password-stdin is INVALID_INPUT, and nothing is reset or audited', () => {
  const before = resets();
  const run = reset(EX.syncedManaged, ['--generate', '--password-stdin', '--json'], 'Typed-Kq7x9Wz\n');
  assert.equal(run.status, 2);
  assert.equal(run.json.error.code, 'INVALID_INPUT');
  assert.match(run.json.error.message, /--generate and --password-stdin/);
  assert.equal(resets(), before);
});

test('a refusal stays the engine\'s: a federated user is refused and audited once', () => {
  const before = resets();
  const run = reset(EX.syncedFederated, ['--generate', '--json']);
  assert.equal(run.json.error.code, 'FEDERATED_DOMAIN');
  assert.equal(resets(), before + 1);
});
