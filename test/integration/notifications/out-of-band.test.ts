/**
 * Out-of-band temporary passwords: main sends the password straight to the
 * user's registered email or phone and the renderer never receives it. The
 * real dispatcher, the tenant's real SMTP mailer and HTTP SMS gateway, and
 * the sample's local outbox on loopback, from which the message is read back
 * and its password proved real by signing in with it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { Secret } from '../../../main/domain/secret';
import { runCli } from '../../../main/cli/run';
import type { ResetResponse, SentResetResponse } from '../../../main/ipc/contract';
import { FAST_HASHER } from '../../support/fixtures';
import { codeOf, value } from '../../support/ipc-result';
import { noticeDetail, noticeFixture, type NoticeFixture } from './support';

const HELPDESK = 'helpdesk.admin@contoso.com';

/** The temporary password in a message body (Generated passwords have no spaces). */
function passwordIn(text: string): string {
  const found = /temporary password: (\S+)/i.exec(text);
  assert.ok(found, `a password in: ${text.slice(0, 80)}…`);
  return found[1]!;
}

/** A reset whose password went out of band: narrowed to that shape. */
function sent(response: ResetResponse): SentResetResponse {
  assert.notEqual(response.deliveredTo, 'screen');
  return response as SentResetResponse;
}

async function passwordLastSet(n: NoticeFixture, upn: string) {
  return (await n.fx.services.directory.as(null).getUser({ upn }))!.passwordLastSet;
}

describe('temporary passwords sent out of band', () => {
  it('by email: the registered alternate address gets the password; the IPC response holds none of it', async (t) => {
    const n = await noticeFixture(t);
    await n.signIn(HELPDESK);
    const adele = await n.userId(EX.cloudMember);

    const raw = await n.api.resetPassword({ userId: adele, deliverTo: 'email' });
    const response = sent(value(raw));

    assert.equal(response.deliveredTo, 'email');
    assert.equal(response.sentTo, 'a•••@yahoo.com', 'the registered method, not the profile mail');
    assert.equal(response.sent, true);
    assert.equal(response.temporaryPassword, null);
    assert.equal(response.resultId, null, 'nothing to copy');
    assert.deepEqual([response.groups, response.readout], [[], []]);
    const mail = await n.outbox!.waitFor((m) => m.subject === 'Your Contoso temporary password', 5000);
    assert.deepEqual(mail.to, ['adele.vance40@yahoo.com']);
    const password = passwordIn(mail.text);
    assert.ok(password.length >= 8);
    // The whole answer the renderer receives, in every form it could be read: no password.
    const json = JSON.stringify(raw);
    assert.ok(!json.includes(password), 'the response never carries the password');
    for (const group of [password.slice(0, 4), password.slice(4, 8)]) assert.ok(!json.includes(`"${group}"`), 'nor its groups');
    // The password in the mail is the one the directory now holds.
    assert.equal((await n.fx.services.signIn.signIn(EX.cloudMember, new Secret(password))).result, 'password_change_required');

    // The user is told of the reset too (primary and alternate), and every message is audited.
    assert.deepEqual(response.notifications.map((r) => [r.kind, r.to, r.delivered]), [
      ['temporary-password', 'a•••@yahoo.com', true],
      ['user-notice', 'a•••@contoso.com', true],
      ['user-notice', 'a•••@yahoo.com', true],
    ]);
    const reset = n.audit('password.reset').find((e) => e.targetId === adele)!;
    assert.equal(JSON.parse(reset.detail!).deliveredTo, 'a•••@yahoo.com');
    const sends = n.audit('notification.send');
    assert.deepEqual(noticeDetail(sends[0]!), { kind: 'temporary-password', channel: 'email', to: 'a•••@yahoo.com', about: 'password.reset' });
    assert.ok(!JSON.stringify(n.audit()).includes(password), 'nor does the audit');
    // Copying is impossible: there is no result in main to copy from.
    const copy = await n.api.copyTemporaryPassword({ resultId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(codeOf(copy), 'RESULT_GONE');
  });

  it('by SMS: the registered mobile phone gets it through the HTTP gateway', async (t) => {
    const n = await noticeFixture(t);
    await n.signIn(HELPDESK);
    const raw = await n.api.resetPassword({ userId: await n.userId(EX.cloudMember), deliverTo: 'sms' });
    const response = sent(value(raw));
    assert.equal(response.sentTo, '+1 ••• ••• 0128');
    assert.equal(response.sent, true);
    const sms = await n.outbox!.waitFor((m) => m.channel === 'sms', 5000);
    assert.deepEqual(sms.to, ['+1 646 555 0128']);
    const password = /temporary password: (\S+)/.exec(sms.text)![1]!;
    assert.ok(!JSON.stringify(raw).includes(password));
    assert.equal((await n.fx.services.signIn.signIn(EX.cloudMember, new Secret(password))).result, 'password_change_required');
  });

  it('no registered method of that kind: refused before the reset, audited, nothing changed', async (t) => {
    const n = await noticeFixture(t);
    await n.signIn(HELPDESK);
    const before = await passwordLastSet(n, EX.unregistered);
    for (const deliverTo of ['email', 'sms'] as const) {
      const answer = await n.api.resetPassword({ userId: await n.userId(EX.unregistered), deliverTo });
      assert.equal(codeOf(answer), 'VERIFICATION_METHOD_UNAVAILABLE');
    }
    assert.equal(await passwordLastSet(n, EX.unregistered), before, 'the password did not change');
    assert.equal(n.outbox!.list().length, 0, 'nothing was sent');
    const refusals = n.audit('password.reset');
    assert.deepEqual(refusals.map((e) => [e.targetUpn, e.result, e.errorCode, e.detail]), [
      [EX.unregistered, 'failure', 'VERIFICATION_METHOD_UNAVAILABLE', '{"deliverTo":"email"}'],
      [EX.unregistered, 'failure', 'VERIFICATION_METHOD_UNAVAILABLE', '{"deliverTo":"sms"}'],
    ]);
  });

  it("the channel not set up: refused before the reset with DELIVERY_NOT_CONFIGURED", async (t) => {
    const n = await noticeFixture(t);
    const delivery = (await n.fx.services.stores.tenant.get()).delivery;
    n.fx.store.tenant.update({ delivery: { ...delivery, sms: null } }, n.fx.clock());
    await n.signIn(HELPDESK);
    const before = await passwordLastSet(n, EX.cloudMember);
    assert.equal(codeOf(await n.api.resetPassword({ userId: await n.userId(EX.cloudMember), deliverTo: 'sms' })), 'DELIVERY_NOT_CONFIGURED');
    assert.equal(await passwordLastSet(n, EX.cloudMember), before);
  });

  it('an agent who may not reset the user hears that, not where the password would go', async (t) => {
    const n = await noticeFixture(t);
    await n.signIn('password.admin@contoso.com');
    // A Password Administrator may not reset a Helpdesk Administrator (Entra's matrix).
    const answer = await n.api.resetPassword({ userId: await n.userId(HELPDESK), deliverTo: 'email' });
    assert.equal(codeOf(answer), 'INSUFFICIENT_ROLE');
    assert.equal(n.outbox!.list().length, 0);
  });

  it('a dead SMTP server: the reset stands, the response says it was not sent (reset again), no password anywhere', async (t) => {
    const n = await noticeFixture(t, { outbox: false });
    await n.signIn(HELPDESK);
    const before = await passwordLastSet(n, EX.cloudMember);
    const raw = await n.api.resetPassword({ userId: await n.userId(EX.cloudMember), deliverTo: 'email' });
    const response = sent(value(raw));
    assert.equal(response.sent, false);
    assert.equal(response.temporaryPassword, null);
    assert.equal(response.notifications[0]!.kind, 'temporary-password');
    assert.equal(response.notifications[0]!.error?.code, 'DELIVERY_FAILED');
    assert.notEqual(await passwordLastSet(n, EX.cloudMember), before, 'the reset happened');
    const sends = n.audit('notification.send');
    assert.deepEqual([noticeDetail(sends[0]!).kind, sends[0]!.result, sends[0]!.errorCode], ['temporary-password', 'failure', 'DELIVERY_FAILED']);
  });

  it('the CLI: password reset --send email prints where it went, never the password', async (t) => {
    const n = await noticeFixture(t);
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (text: string) => void (stdout += text),
      stderr: (text: string) => void (stderr += text),
      readStdinLines: async () => [],
      promptSecret: async () => null,
      env: { RESETDESK_AGENT_PASSWORD: n.fx.passwordOf(HELPDESK).reveal() },
    };
    const status = await runCli(['password', 'reset', EX.cloudMember, '--send', 'email', '--as', HELPDESK, '--db', n.fx.dbPath], io, FAST_HASHER);
    assert.equal(status, 0, stderr);
    const mail = await n.outbox!.waitFor((m) => m.subject === 'Your Contoso temporary password', 5000);
    const password = passwordIn(mail.text);
    assert.ok(stdout.includes('sent by email to a•••@yahoo.com'), stdout);
    assert.ok(stdout.includes('User notified by email at a•••@contoso.com.'), stdout);
    assert.ok(!stdout.includes(password), 'never printed');

    stdout = '';
    const json = await runCli(['password', 'reset', EX.cloudMember, '--send', 'sms', '--as', HELPDESK, '--db', n.fx.dbPath, '--json'], io, FAST_HASHER);
    assert.equal(json, 0, stderr);
    const answer = JSON.parse(stdout) as { sentTo: string; sent: boolean; temporaryPassword?: string; notifications: unknown[] };
    assert.equal(answer.sentTo, '+1 ••• ••• 0128');
    assert.equal(answer.sent, true);
    assert.equal('temporaryPassword' in answer, false);
    const sms = await n.outbox!.waitFor((m) => m.channel === 'sms', 5000);
    assert.ok(!stdout.includes(/temporary password: (\S+)/.exec(sms.text)![1]!));

    stdout = '';
    assert.equal(await runCli(['password', 'reset', EX.cloudMember, '--send', 'pigeon', '--as', HELPDESK, '--db', n.fx.dbPath], io, FAST_HASHER), 2);
  });
});
