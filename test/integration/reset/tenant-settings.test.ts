import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DomainError } from '../../../main/domain/errors';
import type { Actor } from '../../../main/reset/engine';
import { ROLES } from '../../../main/domain/roles';
import { updateTenant } from '../../../main/app/services';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';

/** Every sample agent that is not a Global Administrator, the strongest first. */
const NOT_GLOBAL = [
  ROLES.privilegedAuthenticationAdministrator,
  ROLES.privilegedRoleAdministrator,
  ROLES.userAdministrator,
  ROLES.authenticationAdministrator,
  ROLES.helpdeskAdministrator,
  ROLES.passwordAdministrator,
  ROLES.directoryReaders,
];

describe('tenant settings: Global Administrators only', () => {
  let fx: SampleFixture;
  before(async () => {
    fx = await sampleDirectory({ size: 60 });
  });
  after(() => fx.close());

  const tenantEvents = () => fx.store.audit.list({ action: 'tenant.update', limit: 1000 });

  /** Asks for both settings to change, and checks that neither did and that one failure was audited. */
  async function refused(actor: Actor): Promise<void> {
    const settings = fx.store.tenant.get();
    const events = tenantEvents().length;
    await assert.rejects(
      () =>
        updateTenant(fx.services, actor, {
          passwordWriteback: !settings.passwordWriteback,
          temporaryPasswordLifetimeDays: 3,
        }),
      (error: unknown) =>
        error instanceof DomainError &&
        error.code === 'SETTINGS_CHANGE_REFUSED' &&
        error.message.startsWith("Only a Global Administrator can change the tenant's settings") &&
        !error.message.includes('reset this user') &&
        error.message.endsWith('You asked to change tenant settings.'),
    );
    assert.deepEqual(fx.store.tenant.get(), settings, 'no setting changed');
    const audited = tenantEvents();
    assert.equal(audited.length, events + 1, 'one event for the refusal');
    assert.equal(audited[0]?.actorUpn, actor.upn);
    assert.equal(audited[0]?.result, 'failure');
    assert.equal(audited[0]?.errorCode, 'SETTINGS_CHANGE_REFUSED');
  }

  for (const role of NOT_GLOBAL) {
    it(`refuses an agent holding ${role} with SETTINGS_CHANGE_REFUSED, changes nothing, audits one failure`, async () => {
      await refused(await fx.agent(role));
    });
  }

  it('reads the agent\'s roles from the directory, not from what the caller claims', async () => {
    const helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
    await refused({ ...helpdesk, roles: [ROLES.globalAdministrator] });
  });

  it('lets a Global Administrator change both settings, audited once as a success', async () => {
    const global = await fx.agent(ROLES.globalAdministrator);
    const settings = fx.store.tenant.get();
    const events = tenantEvents().length;
    const updated = await updateTenant(fx.services, global, {
      passwordWriteback: !settings.passwordWriteback,
      temporaryPasswordLifetimeDays: 3,
    });
    assert.equal(updated.passwordWriteback, !settings.passwordWriteback);
    assert.equal(updated.temporaryPasswordLifetimeDays, 3);
    assert.deepEqual(fx.store.tenant.get(), updated, 'what it answers is what is stored');
    const audited = tenantEvents();
    assert.equal(audited.length, events + 1);
    assert.equal(audited[0]?.actorUpn, global.upn);
    assert.equal(audited[0]?.result, 'success');
    assert.equal(audited[0]?.errorCode, null);
  });
});
