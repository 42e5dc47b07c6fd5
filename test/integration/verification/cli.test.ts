/**
 * The CLI's verification steps in separate processes (the state lives in the
 * local file): `tenant set callerVerification`, `verify send`, `verify check`
 * with the code on stdin, and `password reset` refused before and allowed
 * after. The code really travels: the sample tenant's SMTP server (a
 * LocalOutbox on the sample's own loopback ports) runs in this process, and
 * the test reads the code from the message it received. The code is keyed
 * with the tenant's pepper in the OS keychain: a real one (npm test's
 * throwaway gnome-keyring, scripts/with-keychain.sh).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import type { LocalOutbox } from '../../../main/delivery/outbox/local-outbox';
import { startLocalOutboxFor } from '../../../main/delivery/outbox/tenant-outbox';
import { ROLES } from '../../../main/domain/roles';
import { pepperAccount } from '../../../main/reset/verification/pepper';
import { KeytarSecretStore } from '../../../main/secrets/secret-store';
import { tempDir } from '../../support/fixtures';
import { runSource, type CliRun as Run } from '../../support/cli-process';
import { keychainSkip } from '../../support/keychain';

const ADELE = 'adele.vance@contoso.com';
const skip = await keychainSkip('resetdesk verify (CLI)');

describe('resetdesk verify (CLI, one process per step)', { skip: skip ?? false }, () => {
  const dir = tempDir('resetdesk-verify-cli-');
  const db = join(dir.path, 'directory.sqlite');
  let accounts: { upn: string; roles: string[]; password: string }[] = [];
  let outbox: LocalOutbox;
  let store: DirectoryStore;

  /** Asynchronous on purpose: the SMTP server the child sends to runs on this event loop. */
  const cli = (args: string[], options: { input?: string; as?: string } = {}): Promise<Run> =>
    runSource([...args, '--db', db, '--json', ...(options.as ? ['--as', options.as] : [])], {
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(options.as ? { agentPassword: accounts.find((a) => a.upn === options.as)!.password } : {}),
    });
  const agentWith = (role: string) => accounts.find((a) => a.roles.length === 1 && a.roles[0] === role)!.upn;
  const expectError = (run: Run, code: string, exit = 1) => {
    assert.equal(run.json?.error?.code, code, `expected ${code}; stdout: ${run.stdout} stderr: ${run.stderr}`);
    assert.equal(run.status, exit);
  };

  before(async () => {
    const init = await cli(['init', '--sample', '60', '--seed', '5']);
    assert.equal(init.status, 0, init.stderr);
    accounts = init.json.accounts;
    store = DirectoryStore.open(db);
    outbox = (await startLocalOutboxFor(store.stores))!;
    assert.ok(outbox, 'the sample comes with a local outbox');
  });
  after(async () => {
    await outbox?.close();
    if (store) await new KeytarSecretStore().delete(pepperAccount(store.tenant.get().tenantId)).catch(() => false);
    store?.close();
    dir.cleanup();
  });

  it('tenant set callerVerification: a Global Administrator only, and only one of the four values', async () => {
    expectError(await cli(['tenant', 'set', 'callerVerification', 'required'], { as: agentWith(ROLES.helpdeskAdministrator) }), 'SETTINGS_CHANGE_REFUSED');
    expectError(await cli(['tenant', 'set', 'callerVerification', 'sometimes'], { as: agentWith(ROLES.globalAdministrator) }), 'INVALID_INPUT', 2);
    const set = await cli(['tenant', 'set', 'callerVerification', 'required'], { as: agentWith(ROLES.globalAdministrator) });
    assert.equal(set.status, 0, set.stdout);
    assert.equal(set.json.callerVerification, 'required');
  });

  it('a reset is refused until the caller reads back the emailed code; send and check are two processes', async () => {
    const agent = agentWith(ROLES.helpdeskAdministrator);
    expectError(await cli(['password', 'reset', ADELE], { as: agent }), 'CALLER_NOT_VERIFIED');

    const address = store.findUser({ upn: ADELE })!.authMethods.find((m) => m.kind === 'alternateEmail')!.value;
    const sent = await cli(['verify', 'send', ADELE, '--method', 'email'], { as: agent });
    assert.equal(sent.status, 0, sent.stdout);
    assert.match(sent.json.sentTo, /^.•••@/);
    const mail = await outbox.waitFor((m) => m.channel === 'email' && m.to.includes(address));
    const code = /\b(\d{6})\b/.exec(mail.text)![1]!;
    assert.ok(!sent.stdout.includes(code) && !sent.stderr.includes(code), 'the code is not printed');

    expectError(await cli(['verify', 'check', ADELE, '--method', 'email'], { as: agent, input: '12ab56\n' }), 'INVALID_INPUT', 2);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await cli(['verify', 'check', ADELE, '--method', 'email'], { as: agent, input: `${wrong}\n` });
    expectError(refused, 'VERIFICATION_CODE_WRONG');
    assert.match(refused.json.error.message, /4 tries left/);

    const checked = await cli(['verify', 'check', ADELE], { as: agent, input: `${code}\n` });
    assert.equal(checked.status, 0, checked.stdout);
    assert.equal(checked.json.verification.satisfied, true);
    assert.deepEqual(checked.json.verification.verified.map((v: { method: string }) => v.method), ['email']);

    // Another agent's verification is not this one's.
    expectError(await cli(['password', 'reset', ADELE], { as: agentWith(ROLES.userAdministrator) }), 'CALLER_NOT_VERIFIED');
    const reset = await cli(['password', 'reset', ADELE], { as: agent });
    assert.equal(reset.status, 0, reset.stdout);
    const audit = await cli(['audit', 'list', 'verification.check', '--target', ADELE]);
    assert.deepEqual(audit.json.map((e: { result: string }) => e.result), ['success', 'failure']);
    assert.ok(!audit.stdout.includes(code));
  });

  it('verify send needs --method email or sms', async () => {
    expectError(await cli(['verify', 'send', ADELE, '--method', 'totp'], { as: agentWith(ROLES.helpdeskAdministrator) }), 'INVALID_INPUT', 2);
  });
});
