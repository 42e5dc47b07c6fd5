/**
 * Entra's notifications after a helpdesk reset or unlock, end to end: the real
 * IPC dispatcher and handlers over a sample file, the tenant's real SMTP
 * mailer (nodemailer, STARTTLS), and the sample's local outbox (smtp-server on
 * loopback) from which every message is read back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { utcTime } from '../../../main/delivery/messages';
import { ROLES } from '../../../main/domain/roles';
import { Secret } from '../../../main/domain/secret';
import { shown, value } from '../../support/ipc-result';
import { addGlobalAdministrators, noticeDetail, noticeFixture } from './support';

const HELPDESK = 'helpdesk.admin@contoso.com';
const PRIVAUTH = 'privauth.admin@contoso.com';

describe('notifications after a reset or an unlock', () => {
  it("a reset notifies the user at the primary and the alternate address, after the change, without the password", async (t) => {
    const n = await noticeFixture(t);
    await n.signIn(HELPDESK);
    const adele = await n.userId(EX.cloudMember);
    const before = await n.fx.services.directory.as(null).getUser({ id: adele });
    const agent = await n.fx.services.directory.as(null).getUser({ upn: HELPDESK });

    const reset = shown(value(await n.api.resetPassword({ userId: adele })));

    assert.deepEqual(reset.notifications, [
      { kind: 'user-notice', channel: 'email', to: 'a•••@contoso.com', delivered: true, error: null },
      { kind: 'user-notice', channel: 'email', to: 'a•••@yahoo.com', delivered: true, error: null },
    ]);
    const points = await n.fx.services.directory.as(null).contactPoints({ id: adele });
    const addresses = points!.emails.map((e) => e.address);
    assert.deepEqual(addresses, ['adele.vance@contoso.com', 'adele.vance40@yahoo.com'], 'the sample as this test knows it');
    for (const address of addresses) {
      const mail = await n.outbox!.waitFor((m) => m.to.includes(address), 5000);
      assert.equal(mail.channel, 'email');
      assert.equal(mail.from, 'helpdesk@contoso.com');
      assert.deepEqual(mail.to, [address], 'one message per address: no address learns the others');
      assert.equal(mail.subject, 'Your Contoso password was reset');
      assert.match(mail.text, new RegExp(`Hello ${before!.displayName},`));
      assert.ok(mail.text.includes(`Reset by: ${agent!.displayName} (${HELPDESK})`), mail.text);
      assert.ok(mail.text.includes(`When: ${utcTime(new Date(n.fx.clock()))}`), mail.text);
      assert.match(mail.text, /If you did not ask for this/);
      assert.ok(!mail.text.includes(reset.temporaryPassword), 'the notice never carries the password');
    }
    assert.equal(n.outbox!.list().length, 2, 'nothing else was sent: she holds no admin role');

    // The reset first, then one notification.send per message: kind, channel, masked recipient, never the text.
    const events = n.audit().filter((e) => e.targetId === adele);
    assert.deepEqual(events.map((e) => [e.action, e.result]), [
      ['password.reset', 'success'],
      ['notification.send', 'success'],
      ['notification.send', 'success'],
    ]);
    assert.deepEqual(noticeDetail(events[1]!), { kind: 'user-notice', channel: 'email', to: 'a•••@contoso.com', about: 'password.reset' });
    assert.equal(events[1]!.actorUpn, HELPDESK);
    const trail = JSON.stringify(n.audit());
    assert.ok(!trail.includes('adele.vance40@yahoo.com'), 'the audit holds masked recipients only');
    assert.ok(!trail.includes(reset.temporaryPassword));
    assert.ok(!trail.includes('password was reset'), 'nor the text');
  });

  it('an unlock notifies the user that their account was unlocked', async (t) => {
    const n = await noticeFixture(t);
    await n.signIn(HELPDESK);
    const locked = await n.userId(EX.locked);
    const unlock = value(await n.api.unlockAccount({ userId: locked }));
    assert.equal(unlock.wasLocked, true);
    assert.ok(unlock.notifications.length >= 1);
    assert.ok(unlock.notifications.every((r) => r.kind === 'user-notice' && r.delivered));
    const mail = await n.outbox!.waitFor((m) => m.to.includes(EX.locked), 5000);
    assert.equal(mail.subject, 'Your Contoso account was unlocked');
    assert.match(mail.text, /was unlocked by the helpdesk\. Your password did not change\./);
    assert.match(mail.text, new RegExp(`Unlocked by: .+ \\(${HELPDESK.replace('.', '\\.')}\\)`));
    const [first] = n.audit('notification.send');
    assert.equal(noticeDetail(first!).about, 'account.unlock');

    // An account that was not locked was not unlocked: nothing to tell its user.
    const count = n.outbox!.list().length;
    const notLocked = value(await n.api.unlockAccount({ userId: await n.userId(EX.cloudMember) }));
    assert.deepEqual([notLocked.wasLocked, notLocked.notifications], [false, []]);
    assert.equal(n.outbox!.list().length, count);
  });

  it("an administrator's reset notifies every enabled Global Administrator, and the administrator as a user", async (t) => {
    const n = await noticeFixture(t);
    // Verification of the caller is another test's subject: off here, so the admin target can be reset.
    n.fx.store.tenant.update({ callerVerification: 'off' }, n.fx.clock());
    addGlobalAdministrators(n.fx, [{ mail: 'second.ga@fabrikam.com' }, { enabled: false }, { mail: null, upn: 'no.mail.ga@contoso.com' }]);
    await n.signIn(PRIVAUTH);
    const target = await n.userId(HELPDESK);

    const reset = shown(value(await n.api.resetPassword({ userId: target })));

    const admins = reset.notifications.filter((r) => r.kind === 'admin-notice');
    assert.deepEqual(
      admins.map((r) => [r.to, r.delivered]).sort(),
      [['g•••@contoso.com', true], ['n•••@contoso.com', true], ['s•••@fabrikam.com', true]],
      'the sample\'s Global Administrator, the second one (at their mail) and one without mail (at the UPN); not the disabled one',
    );
    for (const to of ['global.admin@contoso.com', 'second.ga@fabrikam.com', 'no.mail.ga@contoso.com']) {
      const mail = await n.outbox!.waitFor((m) => m.to.includes(to) && m.subject === "Contoso: an administrator's password was reset", 5000);
      assert.ok(mail.text.includes(`Administrator: `) && mail.text.includes(`(${HELPDESK})`), mail.text);
      assert.ok(mail.text.includes(`Roles: ${ROLES.helpdeskAdministrator}`), mail.text);
      assert.ok(mail.text.includes(`(${PRIVAUTH})`), 'names who reset it');
      assert.ok(!mail.text.includes(reset.temporaryPassword));
    }
    assert.ok(!n.outbox!.list().some((m) => m.to.includes('extra.ga1@contoso.com')), 'a disabled Global Administrator hears nothing');
    // The administrator gets the user's notice too.
    assert.ok(reset.notifications.some((r) => r.kind === 'user-notice' && r.to === 'h•••@contoso.com' && r.delivered));
    assert.equal(n.audit('notification.send').filter((e) => noticeDetail(e).kind === 'admin-notice').length, 3);
  });

  it("a Global Administrator's reset goes to the other Global Administrators; the target hears of it as a user only", async (t) => {
    const n = await noticeFixture(t);
    n.fx.store.tenant.update({ callerVerification: 'off' }, n.fx.clock());
    addGlobalAdministrators(n.fx, [{}]);
    await n.signIn(PRIVAUTH);
    const reset = shown(value(await n.api.resetPassword({ userId: await n.userId('global.admin@contoso.com') })));
    assert.deepEqual(reset.notifications.filter((r) => r.kind === 'admin-notice').map((r) => r.to), ['e•••@contoso.com']);
    assert.ok(reset.notifications.some((r) => r.kind === 'user-notice' && r.to === 'g•••@contoso.com'));
  });

  it('a dead SMTP server: the reset stands, the failure is audited and returned, never undoing anything', async (t) => {
    // The tenant's mail goes to an SMTP server that is down: nothing listens on its port.
    const n = await noticeFixture(t, { outbox: false });
    await n.signIn(HELPDESK);
    const adele = await n.userId(EX.cloudMember);
    const before = await n.fx.services.directory.as(null).getUser({ id: adele });

    const reset = shown(value(await n.api.resetPassword({ userId: adele })));

    assert.equal(reset.notifications.length, 2);
    for (const result of reset.notifications) {
      assert.equal(result.delivered, false);
      assert.equal(result.error?.code, 'DELIVERY_FAILED');
      assert.match(result.error!.message, /connection refused/);
    }
    // The reset really happened: the directory holds the new password, which the user must change.
    const after = await n.fx.services.directory.as(null).getUser({ id: adele });
    assert.notEqual(after!.passwordLastSet, before!.passwordLastSet);
    const signIn = await n.fx.services.signIn.signIn(EX.cloudMember, new Secret(reset.temporaryPassword));
    assert.equal(signIn.result, 'password_change_required');
    const events = n.audit().filter((e) => e.targetId === adele && e.action !== 'signin');
    assert.deepEqual(events.map((e) => [e.action, e.result, e.errorCode]), [
      ['password.reset', 'success', null],
      ['notification.send', 'failure', 'DELIVERY_FAILED'],
      ['notification.send', 'failure', 'DELIVERY_FAILED'],
    ]);
  });

  it('no mail set up for the tenant: notices are off, so none is tried or audited as failed; the reset and unlock are done', async (t) => {
    const n = await noticeFixture(t);
    const saved = n.fx.store.tenant.get().delivery;
    // SMS alone does not carry Entra's notices: they go by email.
    n.fx.store.tenant.update({ delivery: { ...saved, smtp: null } }, n.fx.clock());
    await n.signIn(HELPDESK);
    const adele = await n.userId(EX.cloudMember);
    const reset = shown(value(await n.api.resetPassword({ userId: adele })));
    assert.equal(reset.temporaryPassword.length > 0, true);
    assert.deepEqual(reset.notifications, []);
    n.fx.store.db.prepare('UPDATE users SET locked_until = ? WHERE object_id = ?').run(n.fx.clock() + 3600_000, adele);
    const unlock = value(await n.api.unlockAccount({ userId: adele }));
    assert.deepEqual([unlock.wasLocked, unlock.notifications], [true, []]);
    assert.deepEqual(n.audit('notification.send'), []);
    assert.deepEqual(n.audit().filter((e) => e.targetId === adele && e.action !== 'signin').map((e) => [e.action, e.result]), [
      ['password.reset', 'success'],
      ['account.unlock', 'success'],
    ]);
    assert.equal(n.outbox!.list().length, 0);
  });

  it('a user without any mail is written to at the UPN (Entra\'s fallback)', async (t) => {
    const n = await noticeFixture(t);
    // A Global Administrator added without mail, reset by one who may: the notice goes to the UPN.
    addGlobalAdministrators(n.fx, [{ mail: null, roles: [], upn: 'no.mail@contoso.com' }]);
    await n.signIn(HELPDESK);
    const reset = shown(value(await n.api.resetPassword({ userId: await n.userId('no.mail@contoso.com') })));
    assert.deepEqual(reset.notifications.map((r) => r.to), ['n•••@contoso.com']);
    const mail = await n.outbox!.waitFor((m) => m.to.includes('no.mail@contoso.com'), 5000);
    assert.equal(mail.subject, 'Your Contoso password was reset');
  });
});

describe('notifications never turn a change that stood into an error', () => {
  it('the audit refusing the notification event: the reset answers with its password, the result says what happened', async (t) => {
    const n = await noticeFixture(t);
    await n.signIn(HELPDESK);
    // The local file refuses only the messages' events (a disk filling up between the two writes).
    n.fx.store.db.exec(
      "CREATE TEMP TRIGGER refuse_notices BEFORE INSERT ON audit_events WHEN NEW.action = 'notification.send' BEGIN SELECT RAISE(ABORT, 'full'); END",
    );
    // (A temp trigger lives and dies with this connection, which the fixture closes.)
    const adele = await n.userId(EX.cloudMember);
    const reset = shown(value(await n.api.resetPassword({ userId: adele })));
    assert.ok(reset.temporaryPassword.length > 0);
    assert.equal(reset.notifications.length, 2);
    assert.ok(reset.notifications.every((r) => r.delivered));
    assert.equal((await n.fx.services.signIn.signIn(EX.cloudMember, new Secret(reset.temporaryPassword))).result, 'password_change_required');
  });
});
