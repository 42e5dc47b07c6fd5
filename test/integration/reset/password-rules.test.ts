/**
 * Entra's banned-password check and the tenant's history rule on the real
 * SQLite file, through the services the app and the CLI use: an agent's typed
 * password for an on-premises user, and a user's own change (the embedded
 * SignInService behind the checked authenticator).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { ROLES } from '../../../main/domain/roles';
import type { Actor } from '../../../main/reset/engine';
import { updateTenant } from '../../../main/app/services';
import { sampleDirectory, secret, type SampleFixture } from '../../support/fixtures';
import { refusal } from '../../support/refusal';

describe('typed passwords and own changes: banned terms and history', () => {
  let fx: SampleFixture;
  let helpdesk: Actor;
  let global: Actor;
  const user = EX.syncedManaged; // Megan Bowen, on-premises: the agent types her password
  const reset = (password: string) =>
    fx.services.engine.resetPassword(helpdesk, { target: { upn: user }, password: secret(password) });
  const historyRows = (upn: string) =>
    fx.store.db
      .prepare('SELECT h.hash FROM password_history h JOIN users u ON u.object_id = h.user_id WHERE u.upn = ? ORDER BY h.id')
      .all(upn) as { hash: string }[];

  before(async () => {
    fx = await sampleDirectory();
    helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
    global = await fx.agent(ROLES.globalAdministrator);
    // Verification is another guard's concern (a non-admin target is only warned about anyway).
    await updateTenant(fx.services, global, { callerVerification: 'off' });
  });
  after(() => fx.close());

  it('refuses Contoso2024! for the tenant\'s name, audited, with the reason and never the password', async () => {
    const error = await refusal(reset('Contoso2024!'), 'POLICY_VIOLATION');
    assert.match(error.message, /organisation's name: contoso/);
    assert.ok(!error.message.includes('Contoso2024'));
    const [event] = await fx.services.stores.audit.list({ targetUpn: user, limit: 1 });
    assert.equal(event?.action, 'password.reset');
    assert.equal(event?.errorCode, 'POLICY_VIOLATION');
    assert.ok(!JSON.stringify(event).includes('2024!'));
  });

  it('refuses the user\'s own name, and a term of the custom list by name', async () => {
    assert.match((await refusal(reset('Megan#Bowen7'), 'POLICY_VIOLATION')).message, /your name/);
    await updateTenant(fx.services, global, { bannedPasswords: ['Fabrikam'] });
    assert.match((await refusal(reset('Fabr1kam#9'), 'POLICY_VIOLATION')).message, /banned word: fabrikam/);
    await updateTenant(fx.services, global, { bannedPasswords: [] });
    const outcome = await reset('Fabr1kam#9Qz7');
    assert.equal(outcome.generated, false);
  });

  it('history: the last N passwords are refused, the one before them is allowed; hashes only, pruned to N', async () => {
    await updateTenant(fx.services, global, { passwordHistoryCount: 2 });
    await reset('Kd7#pQ2vLm9x');
    await reset('Rt4!wZ8nHs2q');
    await reset('Yb6%cJ3xMf7w');
    // The current one and the one before it.
    await refusal(reset('Yb6%cJ3xMf7w'), 'POLICY_VIOLATION');
    const error = await refusal(reset('Rt4!wZ8nHs2q'), 'POLICY_VIOLATION');
    assert.match(error.message, /last 2 passwords/);
    // Three back: allowed again.
    await reset('Kd7#pQ2vLm9x');
    const rows = historyRows(user);
    assert.equal(rows.length, 2);
    for (const { hash } of rows) assert.match(hash, /^\$scrypt\$/);
  });

  it('history: the embedded directory\'s current password counts even when Resetdesk never recorded it', async () => {
    // History off: the reset is not remembered, the directory holds it as the current password all the same.
    await updateTenant(fx.services, global, { passwordHistoryCount: 0 });
    await reset('Mw5$zK8rTq3n');
    await updateTenant(fx.services, global, { passwordHistoryCount: 2 });
    const error = await refusal(reset('Mw5$zK8rTq3n'), 'POLICY_VIOLATION');
    assert.match(error.message, /last 2 passwords/);
  });

  it('an own change to a banned word is refused before it is made; a wrong old password gets the sign-in\'s answer', async () => {
    await reset('Pv9*tN4kWq6z'); // must change at next sign-in
    assert.equal((await fx.services.signIn.signIn(user, secret('Pv9*tN4kWq6z'))).result, 'password_change_required');
    const error = await refusal(
      fx.services.signIn.changePassword(user, secret('Pv9*tN4kWq6z'), secret('Contoso2024!')),
      'POLICY_VIOLATION',
    );
    assert.match(error.message, /contoso/);
    const [event] = await fx.services.stores.audit.list({ targetUpn: user, limit: 1 });
    assert.deepEqual([event?.action, event?.errorCode], ['password.change', 'POLICY_VIOLATION']);
    // Nobody learns whether a password is refused without the old one.
    await refusal(fx.services.signIn.changePassword(user, secret('Wrong#Guess000'), secret('Contoso2024!')), 'AUTH_FAILED');
    // Still the temporary password.
    assert.equal((await fx.services.signIn.signIn(user, secret('Pv9*tN4kWq6z'))).result, 'password_change_required');
  });

  it('an own change to a recent password is refused; a fresh one goes through and is remembered', async () => {
    await refusal(
      fx.services.signIn.changePassword(user, secret('Pv9*tN4kWq6z'), secret('Kd7#pQ2vLm9x')),
      'POLICY_VIOLATION',
    );
    const before = historyRows(user).map((r) => r.hash);
    await fx.services.signIn.changePassword(user, secret('Pv9*tN4kWq6z'), secret('Gh3&uR8yLd5m'));
    assert.equal((await fx.services.signIn.signIn(user, secret('Gh3&uR8yLd5m'))).result, 'ok');
    const afterRows = historyRows(user).map((r) => r.hash);
    assert.equal(afterRows.length, 2);
    assert.notDeepEqual(afterRows, before);
    // And it now counts: an agent cannot reset her back to it.
    await refusal(reset('Gh3&uR8yLd5m'), 'POLICY_VIOLATION');
  });
});
