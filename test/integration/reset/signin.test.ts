import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { DomainError } from '../../../main/domain/errors';
import { PasswordHasher, type VerifyResult } from '../../../main/reset/hashing';
import { ROLES } from '../../../main/domain/roles';
import { SignInService } from '../../../main/reset/signin';
import { embeddedAccounts } from '../../../main/directory/sqlite/sqlite-directory';
import { sampleDirectory, secret, type SampleFixture } from '../../support/fixtures';

/**
 * The real hasher, with a hook that runs after a verification and before the
 * sign-in decides on it: the window in which another request can change the
 * stored hash, opened on purpose instead of by timing.
 */
class PausingHasher extends PasswordHasher {
  afterVerify: (() => Promise<void>) | null = null;
  override async verify(password: string, stored: string): Promise<VerifyResult> {
    const result = await super.verify(password, stored);
    await this.afterVerify?.();
    return result;
  }
}

describe('sign-in, smart lockout and password change', () => {
  let fx: SampleFixture;
  const upn = EX.cloudMember;
  let password = 'Known-Kq7x9Wz';

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
  });
  after(() => fx.close());

  // Each test starts from a user with a known password and clean counters,
  // set through the engine the way an agent would.
  beforeEach(async () => {
    const global = await fx.agent(ROLES.globalAdministrator);
    const outcome = await fx.services.engine.resetPassword(global, { target: { upn }, forceChangeNextSignIn: false });
    password = outcome.temporaryPassword.reveal();
  });

  const signIn = (value: string, who: string = upn) => fx.services.signIn.signIn(who, secret(value)).then((o) => o.result);
  const user = () => fx.services.directory.as(null).getUser({ upn });
  const lastEvent = () => fx.store.audit.list({ targetUpn: upn, limit: 1 })[0];

  it('signs in with the right password and audits it', async () => {
    assert.equal(await signIn(password), 'ok');
    assert.equal(lastEvent()?.action, 'signin');
    assert.equal(lastEvent()?.result, 'success');
  });

  it('10 different wrong passwords lock the account for 60 s; the right one is refused meanwhile', async () => {
    for (let i = 1; i <= 9; i++) assert.equal(await signIn(`Wrong-${i}`), 'invalid_credentials');
    assert.equal((await user())?.failedAttempts, 9);
    assert.equal((await user())?.locked, false);
    assert.equal(await signIn('Wrong-10'), 'invalid_credentials');
    const locked = await user();
    assert.equal(locked?.locked, true);
    assert.equal(Date.parse(locked!.lockedUntil!) - fx.clock(), 60_000);
    assert.equal(await signIn(password), 'locked');
    assert.equal(lastEvent()?.errorCode, 'LOCKED_OUT');
    fx.clock.advance(59_999);
    assert.equal(await signIn(password), 'locked');
    fx.clock.advance(1);
    assert.equal(await signIn(password), 'ok');
    assert.equal((await user())?.lockoutCount, 0, 'a successful sign-in forgets earlier lockouts');
  });

  it('repeating the same wrong password does not count again', async () => {
    for (let i = 0; i < 15; i++) assert.equal(await signIn('Same-Wrong-1'), 'invalid_credentials');
    assert.equal((await user())?.failedAttempts, 1);
    assert.equal((await user())?.locked, false);
  });

  it('after a lockout, the next counted failure locks again for longer (120 s)', async () => {
    for (let i = 1; i <= 10; i++) await signIn(`First-${i}`);
    fx.clock.advance(60_000);
    assert.equal((await user())?.locked, false);
    assert.equal(await signIn('Second-1'), 'invalid_credentials');
    const again = await user();
    assert.equal(again?.locked, true);
    assert.equal(Date.parse(again!.lockedUntil!) - fx.clock(), 120_000);
    fx.clock.advance(120_000);
  });

  it('an agent unlock clears the lock and the counters', async () => {
    for (let i = 1; i <= 10; i++) await signIn(`Unlock-${i}`);
    assert.equal((await user())?.locked, true);
    const helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
    const outcome = await fx.services.engine.unlock(helpdesk, { upn });
    assert.equal(outcome.wasLocked, true);
    assert.equal(await signIn(password), 'ok');
  });

  it('unknown users and users without a password get invalid_credentials, audited', async () => {
    assert.equal(await signIn('Whatever-1', 'nobody@contoso.com'), 'invalid_credentials');
    const [event] = fx.store.audit.list({ targetUpn: 'nobody@contoso.com', limit: 1 });
    assert.equal(event?.errorCode, 'USER_NOT_FOUND');
    // Sample users other than agents have no password until an agent resets it.
    assert.equal(await signIn('Whatever-1', EX.syncedManaged), 'invalid_credentials');
  });

  it('a disabled account with the right password answers disabled', async () => {
    const global = await fx.agent(ROLES.globalAdministrator);
    const reset = await fx.services.engine.resetPassword(global, { target: { upn: EX.disabled } });
    assert.equal(await signIn(reset.temporaryPassword.reveal(), EX.disabled), 'disabled');
    assert.equal(await signIn('Wrong-Passw0rd', EX.disabled), 'invalid_credentials');
  });

  it('changes the password: old must be right, new must meet the policy and differ', async () => {
    const change = (oldPw: string, newPw: string) => fx.services.signIn.changePassword(upn, secret(oldPw), secret(newPw));
    const code = (e: unknown) => (e as DomainError).code;
    await assert.rejects(change('Not-The-Passw0rd', 'Brand-New-Kq7x9Wz'), (e) => code(e) === 'AUTH_FAILED');
    await assert.rejects(change(password, 'alllowercase'), (e) => code(e) === 'POLICY_VIOLATION');
    await assert.rejects(change(password, password), (e) => code(e) === 'POLICY_VIOLATION');
    assert.equal(await signIn(password), 'ok', 'failed changes leave the old password working');
    await change(password, 'Brand-New-Kq7x9Wz');
    assert.equal(await signIn(password), 'invalid_credentials');
    assert.equal(await signIn('Brand-New-Kq7x9Wz'), 'ok');
    assert.equal(lastEvent()?.action, 'signin');
    const changes = fx.store.audit.list({ targetUpn: upn, action: 'password.change', limit: 10 });
    assert.deepEqual(
      changes.map((e) => e.errorCode),
      [null, 'POLICY_VIOLATION', 'POLICY_VIOLATION', 'AUTH_FAILED'],
    );
  });

  it('the whole life of a temporary password: reset, must change, change, sign in', async () => {
    const helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
    const reset = await fx.services.engine.resetPassword(helpdesk, { target: { upn } });
    assert.equal(await signIn(reset.temporaryPassword.reveal()), 'password_change_required');
    await fx.services.signIn.changePassword(upn, reset.temporaryPassword, secret('Chosen-Kq7x9Wz'));
    assert.equal(await signIn('Chosen-Kq7x9Wz'), 'ok');
    assert.equal((await user())?.forceChangeNextSignIn, false);
  });

  it('only a sign-in that lets the agent in hands back a credential to act with', async () => {
    const ok = await fx.services.signIn.signIn(upn, secret(password));
    assert.deepEqual([ok.result, ok.credential], ['ok', { upn }]);
    const helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
    const reset = await fx.services.engine.resetPassword(helpdesk, { target: { upn } });
    const mustChange = await fx.services.signIn.signIn(upn, reset.temporaryPassword);
    assert.equal(mustChange.result, 'password_change_required');
    assert.equal(mustChange.credential, undefined, 'nobody acts on a password that must change first');
    assert.equal((await fx.services.signIn.signIn(upn, secret('Wrong-Passw0rd'))).credential, undefined);
  });

  it('re-hashes with the current parameters on a successful sign-in', async () => {
    const stored = () =>
      (fx.store.db.prepare('SELECT password_hash AS h FROM users WHERE upn = ?').get(upn) as { h: string }).h;
    assert.match(stored(), /^\$scrypt\$ln=10,/);
    const stronger = new SignInService(embeddedAccounts(fx.store), new PasswordHasher({ logN: 11, r: 8, p: 1 }));
    assert.equal((await stronger.signIn(upn, secret('Wrong-Passw0rd'))).result, 'invalid_credentials');
    assert.match(stored(), /^\$scrypt\$ln=10,/, 'a wrong password re-hashes nothing');
    assert.equal((await stronger.signIn(upn, secret(password))).result, 'ok');
    assert.match(stored(), /^\$scrypt\$ln=11,/);
    assert.equal(await signIn(password), 'ok', 'the upgraded hash still verifies');
  });

  it('concurrent right passwords all get in while the first one upgrades the hash', async () => {
    const stronger = new SignInService(embeddedAccounts(fx.store), new PasswordHasher({ logN: 11, r: 8, p: 1 }));
    const events = () => fx.store.audit.list({ targetUpn: upn, action: 'signin', limit: 6 });
    // All six read the old (ln=10) hash before any of them commits; the first
    // right one re-hashes it with ln=11 under the others' feet.
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => stronger.signIn(upn, secret(password))),
      stronger.signIn(upn, secret('Wrong-Passw0rd')),
    ]);
    assert.deepEqual(
      results.map((r) => r.result),
      ['ok', 'ok', 'ok', 'ok', 'ok', 'invalid_credentials'],
    );
    const audited = events();
    assert.equal(audited.length, 6, 'one audit event per sign-in');
    assert.equal(audited.filter((e) => e.result === 'success').length, 5);
    assert.deepEqual(
      audited.filter((e) => e.result === 'failure').map((e) => e.errorCode),
      ['AUTH_FAILED'],
    );
    const stored = fx.store.db.prepare('SELECT password_hash AS h FROM users WHERE upn = ?').get(upn) as { h: string };
    assert.match(stored.h, /^\$scrypt\$ln=11,/);
  });

  it('a reset while a sign-in is verifying still refuses the old password', async () => {
    const hasher = new PausingHasher({ logN: 10, r: 8, p: 1 });
    const service = new SignInService(embeddedAccounts(fx.store), hasher);
    const global = await fx.agent(ROLES.globalAdministrator);
    let newPassword = '';
    // Between the check of the old password and its decision, an agent resets it.
    hasher.afterVerify = async () => {
      hasher.afterVerify = null;
      const reset = await fx.services.engine.resetPassword(global, { target: { upn }, forceChangeNextSignIn: false });
      newPassword = reset.temporaryPassword.reveal();
    };
    const events = fx.store.audit.list({ targetUpn: upn, action: 'signin', limit: 500 }).length;
    assert.equal((await service.signIn(upn, secret(password))).result, 'invalid_credentials');
    assert.equal(fx.store.audit.list({ targetUpn: upn, action: 'signin', limit: 500 }).length, events + 1);
    assert.equal(lastEvent()?.errorCode, 'AUTH_FAILED');
    assert.equal(await signIn(password), 'invalid_credentials', 'the old password is gone');
    assert.equal(await signIn(newPassword), 'ok');
  });

  it('a password that keeps changing under a sign-in is tried three times, then counts as nothing', async () => {
    const hasher = new PausingHasher({ logN: 10, r: 8, p: 1 });
    const service = new SignInService(embeddedAccounts(fx.store), hasher);
    const global = await fx.agent(ROLES.globalAdministrator);
    let resets = 0;
    // Five resets in a row (more than the sign-in may wait for), then the password stays.
    hasher.afterVerify = async () => {
      if (resets === 5) return;
      resets++;
      await fx.services.engine.resetPassword(global, { target: { upn }, forceChangeNextSignIn: false });
    };
    try {
      assert.equal((await service.signIn(upn, secret(password))).result, 'invalid_credentials');
    } finally {
      hasher.afterVerify = null;
    }
    assert.equal(resets, 3, 'verified against three successive hashes');
    assert.equal((await user())?.failedAttempts, 0, 'a stale verification counts nothing');
    assert.equal(lastEvent()?.errorCode, 'AUTH_FAILED');
  });
});
