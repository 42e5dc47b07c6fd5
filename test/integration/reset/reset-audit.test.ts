import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { DomainError } from '../../../main/domain/errors';
import type { Actor } from '../../../main/reset/engine';
import { ROLES } from '../../../main/domain/roles';
import { sampleDirectory, secret, type SampleFixture } from '../../support/fixtures';
import { updateTenant } from '../../../main/app/services';

/**
 * What a reset leaves in the audit trail and tells the agent, beyond allowed or
 * refused: these are the facts an auditor reads later (who, on whom, what
 * happened), found missing by `npm run mutate`.
 */
describe('reset: what the audit records and the agent is told', () => {
  let fx: SampleFixture;
  let helpdesk: Actor;

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
    helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
  });
  after(() => fx.close());

  const lastReset = () => fx.store.audit.list({ action: 'password.reset', limit: 1 })[0];

  it('a successful reset records the target by id and name and what was done', async () => {
    const target = (await fx.services.directory.as(null).getUser({ upn: EX.cloudMember }))!;
    await fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.cloudMember } });
    const event = lastReset();
    assert.equal(event?.action, 'password.reset');
    assert.equal(event?.result, 'success');
    assert.equal(event?.actorId, helpdesk.id);
    assert.equal(event?.targetId, target.id, 'asked by name, recorded by id too');
    assert.equal(event?.targetUpn, target.upn);
    // The default rule recommends verifying this caller (no role): the audit records that nobody did.
    assert.deepEqual(JSON.parse(event?.detail ?? 'null'), { generated: true, forceChangeNextSignIn: true, unlocked: false, callerUnverified: true });
  });

  it('an unlock is recorded as an unlock, saying whether the account was locked', async () => {
    const user = (await fx.services.directory.as(null).getUser({ upn: EX.locked }))!;
    assert.equal(user.locked, true);
    await fx.services.engine.unlock(helpdesk, { upn: EX.locked });
    const [event] = fx.store.audit.list({ targetUpn: EX.locked, limit: 1 });
    assert.equal(event?.action, 'account.unlock');
    assert.equal(event?.result, 'success');
    assert.equal(event?.targetId, user.id);
    assert.deepEqual(JSON.parse(event?.detail ?? 'null'), { wasLocked: true, callerUnverified: true });
  });

  it('a refusal for an unverified caller says so in its audit; with verification off, a refusal carries no caller facts', async () => {
    const global = await fx.agent(ROLES.globalAdministrator);
    await updateTenant(fx.services, global, { callerVerification: 'required' });
    try {
      await assert.rejects(fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.cloudMember } }), { code: 'CALLER_NOT_VERIFIED' });
      const refused = lastReset();
      assert.equal(refused?.errorCode, 'CALLER_NOT_VERIFIED');
      assert.deepEqual(JSON.parse(refused?.detail ?? 'null'), { callerUnverified: true });
      await updateTenant(fx.services, global, { callerVerification: 'off' });
      // Allowed by the caller rule, refused by Entra's: nothing about the caller to record.
      await assert.rejects(fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.syncedFederated } }), { code: 'FEDERATED_DOMAIN' });
      assert.equal(lastReset()?.detail, null);
    } finally {
      await updateTenant(fx.services, global, { callerVerification: 'required-for-admins' });
    }
  });

  it('a typed password refused for a banned word says which, in the refusal and its audit, never the password', async () => {
    const typed = 'Contoso2024!';
    await assert.rejects(
      fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.syncedManaged }, password: secret(typed) }),
      (error: unknown) => {
        assert.ok(error instanceof DomainError && error.code === 'POLICY_VIOLATION', String(error));
        assert.match(error.message, /contoso/i, 'the reason names the banned term');
        assert.ok(!error.message.includes(typed));
        return true;
      },
    );
    const event = lastReset();
    assert.equal(event?.errorCode, 'POLICY_VIOLATION');
    assert.ok(!JSON.stringify(event).includes(typed));
  });

  it('a reset of an id that does not exist records that id', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await assert.rejects(
      fx.services.engine.resetPassword(helpdesk, { target: { id: missing } }),
      (error: unknown) => error instanceof DomainError && error.code === 'USER_NOT_FOUND',
    );
    const event = lastReset();
    assert.equal(event?.targetId, missing);
    assert.equal(event?.targetUpn, null);
    assert.equal(event?.errorCode, 'USER_NOT_FOUND');
  });

  it('a cloud user whose password never expires must still change a reset password', async () => {
    fx.store.db.prepare('UPDATE users SET password_never_expires = 1 WHERE upn = ?').run(EX.cloudMember);
    const outcome = await fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.cloudMember } });
    assert.equal(outcome.forceChangeNextSignIn, true, 'only synced users keep their on-premises never-expires rule');
    assert.equal((await fx.services.signIn.signIn(EX.cloudMember, outcome.temporaryPassword)).result, 'password_change_required');
  });

  it('the preflight tells the agent which of the target\'s roles it does not cover', async () => {
    const preflight = await fx.services.engine.preflight(helpdesk, { upn: 'global.admin@contoso.com' });
    assert.equal(preflight.allowed, false);
    assert.ok(!preflight.allowed);
    assert.equal(preflight.code, 'INSUFFICIENT_ROLE');
    assert.match(preflight.message, /holds Global Administrator, which your roles do not cover/);
  });

  it('the preflight names every uncovered role, and says when the agent\'s roles reset nobody', async () => {
    const rowid = (fx.store.db.prepare('SELECT rowid FROM users WHERE upn = ?').get(EX.cloudMember) as { rowid: number }).rowid;
    const grant = fx.store.db.prepare('INSERT INTO role_assignments (user_rowid, role) VALUES (?, ?)');
    grant.run(rowid, ROLES.globalAdministrator);
    grant.run(rowid, ROLES.userAdministrator);
    const twoRoles = await fx.services.engine.preflight(helpdesk, { upn: EX.cloudMember });
    assert.ok(!twoRoles.allowed);
    assert.match(twoRoles.message, /holds (Global Administrator, User Administrator|User Administrator, Global Administrator), which/);
    fx.store.db.prepare('DELETE FROM role_assignments WHERE user_rowid = ?').run(rowid);

    const reader = await fx.agent(ROLES.directoryReaders);
    const nobody = await fx.services.engine.preflight(reader, { upn: EX.cloudMember });
    assert.ok(!nobody.allowed);
    assert.match(nobody.message, /Your roles cannot reset any password\.$/);
  });

  it('a typed password that breaks several rules is refused with each rule, one sentence after another', async () => {
    await assert.rejects(
      fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.syncedManaged }, password: secret('short') }),
      (error: Error) => /Use at least 8 characters\. Use at least 3 of: /.test(error.message),
    );
  });
});
