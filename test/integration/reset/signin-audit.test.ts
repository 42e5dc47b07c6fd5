import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { DomainError, type ErrorCode } from '../../../main/domain/errors';
import type { Actor } from '../../../main/reset/engine';
import { ROLES } from '../../../main/domain/roles';
import { updateTenant } from '../../../main/app/services';
import { sampleDirectory, secret, type SampleFixture } from '../../support/fixtures';

/**
 * What a sign-in or a password change hands back and leaves in the audit trail,
 * result by result; found unguarded by `npm run mutate`.
 */
describe('sign-in: who is audited, with which code, and who gets the user back', () => {
  let fx: SampleFixture;
  let global: Actor;

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
    global = await fx.agent(ROLES.globalAdministrator);
  });
  after(() => fx.close());

  const lastEvent = (action: 'signin' | 'password.change') => fx.store.audit.list({ action, limit: 1 })[0];
  const reset = async (upn: string, forceChangeNextSignIn = false) =>
    (await fx.services.engine.resetPassword(global, { target: { upn }, forceChangeNextSignIn })).temporaryPassword;
  const rejectsWith = (promise: Promise<unknown>, code: ErrorCode) =>
    assert.rejects(promise, (error: unknown) => error instanceof DomainError && error.code === code);

  it('records the user by id and directory spelling, whatever case was typed; the typed name for an unknown user', async () => {
    const user = (await fx.services.directory.as(null).getUser({ upn: EX.cloudMember }))!;
    const password = await reset(EX.cloudMember);
    const outcome = await fx.services.signIn.signIn(EX.cloudMember.toUpperCase(), password);
    assert.equal(outcome.result, 'ok');
    const event = lastEvent('signin');
    assert.equal(event?.actorId, user.id);
    assert.equal(event?.targetId, user.id);
    assert.equal(event?.actorUpn, user.upn);
    assert.equal(event?.targetUpn, user.upn);

    await fx.services.signIn.signIn('Nobody.Here@contoso.com', secret('Whatever-1'));
    const unknown = lastEvent('signin');
    assert.equal(unknown?.actorId, null);
    assert.equal(unknown?.actorUpn, 'Nobody.Here@contoso.com');
    assert.equal(unknown?.errorCode, 'USER_NOT_FOUND');
  });

  it('hands the user back only to a sign-in that let them in', async () => {
    const password = await reset(EX.cloudMember, true);
    const refused = await fx.services.signIn.signIn(EX.cloudMember, secret('Wrong-Passw0rd-1'));
    assert.equal(refused.result, 'invalid_credentials');
    assert.equal(refused.user, undefined, 'a wrong password learns nothing about the account');
    const mustChange = await fx.services.signIn.signIn(EX.cloudMember, password);
    assert.equal(mustChange.result, 'password_change_required');
    assert.equal(mustChange.user?.upn, EX.cloudMember, 'the change screen needs to know who');
  });

  it('audits each refusing result with its own code', async () => {
    const mustChange = await reset(EX.cloudMember, true);
    await fx.services.signIn.signIn(EX.cloudMember, mustChange);
    assert.equal(lastEvent('signin')?.errorCode, 'PASSWORD_CHANGE_REQUIRED');

    const disabled = await reset(EX.disabled);
    assert.equal((await fx.services.signIn.signIn(EX.disabled, disabled)).result, 'disabled');
    assert.equal(lastEvent('signin')?.errorCode, 'ACCOUNT_DISABLED');

    updateTenant(fx.services, global, { temporaryPasswordLifetimeDays: 1 });
    try {
      const expiring = await reset(EX.unregistered, true);
      fx.clock.advance(86_400_000);
      assert.equal((await fx.services.signIn.signIn(EX.unregistered, expiring)).result, 'password_expired');
      assert.equal(lastEvent('signin')?.errorCode, 'PASSWORD_EXPIRED');
    } finally {
      updateTenant(fx.services, global, { temporaryPasswordLifetimeDays: null });
    }
  });

  it('a password change is refused with the reason: locked, disabled, or the rule the new password breaks', async () => {
    const password = await reset(EX.cloudMember);
    await rejectsWith(
      fx.services.signIn.changePassword(EX.cloudMember, password, secret('alllowercase')),
      'POLICY_VIOLATION',
    );
    await assert.rejects(
      fx.services.signIn.changePassword(EX.cloudMember, password, secret('alllowercase')),
      (error: Error) => /3 of/.test(error.message) && !error.message.includes('alllowercase'),
    );
    await assert.rejects(
      fx.services.signIn.changePassword(EX.cloudMember, password, secret('short')),
      (error: Error) => /Use at least 8 characters\. Use at least 3 of: /.test(error.message),
    );

    const disabled = await reset(EX.disabled);
    await rejectsWith(fx.services.signIn.changePassword(EX.disabled, disabled, secret('Brand-New-Kq7x9Wz')), 'ACCOUNT_DISABLED');

    for (let i = 1; i <= 10; i++) await fx.services.signIn.signIn(EX.cloudMember, secret(`Wrong-${i}`));
    await rejectsWith(fx.services.signIn.changePassword(EX.cloudMember, password, secret('Brand-New-Kq7x9Wz')), 'LOCKED_OUT');
    assert.equal(lastEvent('password.change')?.errorCode, 'LOCKED_OUT');
  });
});
