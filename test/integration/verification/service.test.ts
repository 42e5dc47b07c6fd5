/**
 * Caller verification end to end on a real SQLite file, with codes that
 * really travel: email over SMTP (STARTTLS) and SMS through the HTTP gateway,
 * both to the loopback LocalOutbox, read back from what it received.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DomainError } from '../../../main/domain/errors';
import { Secret } from '../../../main/domain/secret';
import { ROLES } from '../../../main/domain/roles';
import { registerAuthenticator } from '../../../main/reset/verification/registration';
import { SENDS_PER_WINDOW } from '../../../main/reset/verification/service';
import { pepperAccount } from '../../../main/reset/verification/pepper';
import { totpAt } from '../../../main/reset/verification/totp';
import type { SqliteUserDirectory } from '../../../main/directory/sqlite/sqlite-directory';
import { verificationHarness, type VerificationHarness } from './harness';

const ADELE = 'adele.vance@contoso.com';
const LIDIA = 'lidia.holloway@contoso.com';
const PASSWORD_ADMIN = 'password.admin@contoso.com';
const TEN_MIN = 600_000;

let h: VerificationHarness;
before(async () => {
  h = await verificationHarness();
});
after(async () => {
  await h.close();
});
// Each test starts an hour after the last: the codes earlier tests sent do not count against its send limit.
beforeEach(() => h.clock.advance(3_600_001));

const code = (c: string) => new Secret(c);
const isCode = (name: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.code, name, e.message);
  return true;
};
const methodOf = (upn: string, kind: 'alternateEmail' | 'mobilePhone') => h.store.findUser({ upn })!.authMethods.find((m) => m.kind === kind)!.value;
const idOf = (upn: string) => h.store.findUser({ upn })!.id;
const audits = (upn: string, action: 'verification.send' | 'verification.check' | 'password.reset') =>
  h.store.audit.list({ targetUpn: upn, action, limit: 100 });
const wrongOf = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');

test('required: refused before any click; an emailed code read back verifies the caller; the reset then goes through and its audit says how', async () => {
  h.setRule('required');
  const agent = await h.agent(ROLES.helpdeskAdministrator);
  const pre = await h.services.engine.preflight(agent, { upn: ADELE });
  assert.equal(pre.allowed, false);
  assert.equal(!pre.allowed && pre.code, 'CALLER_NOT_VERIFIED');
  assert.deepEqual(pre.verification, { level: 'required', methodsRequired: 1, verified: [], satisfied: false });
  await assert.rejects(h.services.engine.resetPassword(agent, { target: { upn: ADELE } }), isCode('CALLER_NOT_VERIFIED'));

  const address = methodOf(ADELE, 'alternateEmail');
  const sent = await h.verification.send(agent, { upn: ADELE }, 'email');
  assert.equal(sent.sentTo, `${address[0]}•••@${address.split('@')[1]}`);
  assert.equal(sent.expiresAt, new Date(h.clock() + TEN_MIN).toISOString());
  const { code: received, message } = await h.codeSentTo(address);
  assert.equal(message.channel, 'email');
  assert.match(message.subject ?? '', /verification code/);

  await assert.rejects(h.verification.check(agent, { upn: ADELE }, 'email', code(wrongOf(received))), (e: unknown) => {
    isCode('VERIFICATION_CODE_WRONG')(e);
    assert.match((e as Error).message, /4 tries left/);
    return true;
  });
  const status = await h.verification.check(agent, { upn: ADELE }, 'email', code(received));
  assert.equal(status.satisfied, true);
  assert.deepEqual(status.verified.map((v) => v.method), ['email']);
  assert.equal(status.verified[0]!.verifiedAt, new Date(h.clock()).toISOString());

  const allowed = await h.services.engine.preflight(agent, { upn: ADELE });
  assert.equal(allowed.allowed, true);
  await h.services.engine.resetPassword(agent, { target: { upn: ADELE } });
  const reset = audits(ADELE, 'password.reset')[0]!;
  assert.equal(reset.result, 'success');
  assert.deepEqual(JSON.parse(reset.detail!).callerVerifiedBy, ['email']);

  // One audit per send and per check, with the masked destination, never the code.
  const send = audits(ADELE, 'verification.send')[0]!;
  assert.equal(send.result, 'success');
  assert.deepEqual(JSON.parse(send.detail!), { method: 'email', destination: sent.sentTo });
  const checks = audits(ADELE, 'verification.check').slice(0, 2);
  assert.deepEqual(checks.map((c) => [c.result, c.errorCode]), [['success', null], ['failure', 'VERIFICATION_CODE_WRONG']]);
  assert.equal(JSON.parse(checks[1]!.detail!).triesLeft, 4);
  for (const event of [send, ...checks]) {
    assert.equal(event.actorUpn, agent.upn);
    assert.ok(!JSON.stringify(event).includes(received), 'the code never reaches the audit');
  }
});

test('single use, and valid for exactly 10 minutes after the send', async () => {
  h.setRule('required');
  const agent = await h.agent(ROLES.userAdministrator);
  const address = methodOf(ADELE, 'alternateEmail');
  await h.verification.send(agent, { upn: ADELE }, 'email');
  const first = (await h.codeSentTo(address)).code;
  h.clock.advance(TEN_MIN);
  await h.verification.check(agent, { upn: ADELE }, 'email', code(first));
  await assert.rejects(h.verification.check(agent, { upn: ADELE }, 'email', code(first)), isCode('VERIFICATION_EXPIRED'));

  await h.verification.send(agent, { upn: ADELE }, 'email');
  const second = (await h.codeSentTo(address)).code;
  h.clock.advance(TEN_MIN + 1);
  await assert.rejects(h.verification.check(agent, { upn: ADELE }, 'email', code(second)), isCode('VERIFICATION_EXPIRED'));
});

test('a new send supersedes the pending code: the old code no longer works, the new one does', async () => {
  h.setRule('required');
  const agent = await h.agent(ROLES.authenticationAdministrator);
  const address = methodOf(ADELE, 'alternateEmail');
  await h.verification.send(agent, { upn: ADELE }, 'email');
  const old = (await h.codeSentTo(address)).code;
  await h.verification.send(agent, { upn: ADELE }, 'email');
  const fresh = (await h.codeSentTo(address)).code;
  const rows = h.store.db
    .prepare('SELECT status FROM verification_challenges WHERE agent_id = ? AND target_id = ? ORDER BY rowid')
    .all(agent.id, idOf(ADELE)) as { status: string }[];
  assert.deepEqual(rows.map((r) => r.status), ['superseded', 'pending']);
  if (old !== fresh) {
    await assert.rejects(h.verification.check(agent, { upn: ADELE }, 'email', code(old)), isCode('VERIFICATION_CODE_WRONG'));
  }
  const status = await h.verification.check(agent, { upn: ADELE }, 'email', code(fresh));
  assert.equal(status.satisfied, true);
});

test('5 wrong entries end the attempt: even the right code is then refused until a new send', async () => {
  h.setRule('required');
  const agent = await h.agent(ROLES.privilegedAuthenticationAdministrator);
  const address = methodOf(ADELE, 'alternateEmail');
  await h.verification.send(agent, { upn: ADELE }, 'email');
  const right = (await h.codeSentTo(address)).code;
  for (let i = 0; i < 4; i++) {
    await assert.rejects(h.verification.check(agent, { upn: ADELE }, 'email', code(wrongOf(right))), isCode('VERIFICATION_CODE_WRONG'));
  }
  await assert.rejects(h.verification.check(agent, { upn: ADELE }, 'email', code(wrongOf(right))), isCode('VERIFICATION_ATTEMPTS_EXCEEDED'));
  await assert.rejects(h.verification.check(agent, { upn: ADELE }, 'email', code(right)), isCode('VERIFICATION_ATTEMPTS_EXCEEDED'));
  assert.equal((await h.services.engine.preflight(agent, { upn: ADELE })).allowed, false);
});

test('no code pending: NOT_STARTED; no registered method: VERIFICATION_METHOD_UNAVAILABLE (the work mailbox does not count)', async () => {
  h.setRule('required');
  const agent = await h.agent(ROLES.globalAdministrator);
  await assert.rejects(h.verification.check(agent, { upn: LIDIA }, 'sms', code('123456')), isCode('VERIFICATION_NOT_STARTED'));
  assert.ok(h.store.findUser({ upn: LIDIA })!.mail, 'Lidia has a work mailbox');
  await assert.rejects(h.verification.send(agent, { upn: LIDIA }, 'email'), isCode('VERIFICATION_METHOD_UNAVAILABLE'));
  const failure = audits(LIDIA, 'verification.send')[0]!;
  assert.equal(failure.errorCode, 'VERIFICATION_METHOD_UNAVAILABLE');
});

test('administrators need two different methods (email and SMS); the verification is this agent\'s, for 10 minutes', async () => {
  h.setRule('required-for-admins');
  const agent = await h.agent(ROLES.helpdeskAdministrator);
  const other = await h.agent(ROLES.userAdministrator);
  const address = methodOf(PASSWORD_ADMIN, 'alternateEmail');
  const phone = methodOf(PASSWORD_ADMIN, 'mobilePhone');

  await h.verification.send(agent, { upn: PASSWORD_ADMIN }, 'email');
  await h.verification.check(agent, { upn: PASSWORD_ADMIN }, 'email', code((await h.codeSentTo(address)).code));
  const half = await h.services.engine.preflight(agent, { upn: PASSWORD_ADMIN });
  assert.equal(!half.allowed && half.message.endsWith('Administrators need 2 methods verified; 1 is verified.'), true, JSON.stringify(half));

  const sms = await h.verification.send(agent, { upn: PASSWORD_ADMIN }, 'sms');
  assert.ok(sms.sentTo.includes('•'), sms.sentTo);
  const text = await h.codeSentTo(phone);
  assert.equal(text.message.channel, 'sms');
  const status = await h.verification.check(agent, { upn: PASSWORD_ADMIN }, 'sms', code(text.code));
  assert.deepEqual(status.verified.map((v) => v.method), ['email', 'sms']);
  assert.equal((await h.services.engine.preflight(agent, { upn: PASSWORD_ADMIN })).allowed, true);
  assert.equal((await h.services.engine.preflight(other, { upn: PASSWORD_ADMIN })).allowed, false, 'another agent verifies for themselves');

  h.clock.advance(TEN_MIN + 1);
  assert.equal((await h.services.engine.preflight(agent, { upn: PASSWORD_ADMIN })).allowed, false, 'ten minutes later it no longer counts');
});

test('an agent who may not reset the user cannot send them codes; nothing is sent', async () => {
  h.setRule('required');
  const agent = await h.agent(ROLES.passwordAdministrator);
  const before = h.outbox.list().length;
  await assert.rejects(h.verification.send(agent, { upn: 'helpdesk.admin@contoso.com' }, 'sms'), (e: unknown) => {
    assert.ok(e instanceof DomainError && e.code !== 'CALLER_NOT_VERIFIED', String(e));
    return true;
  });
  assert.equal(h.outbox.list().length, before);
  assert.equal(audits('helpdesk.admin@contoso.com', 'verification.send')[0]!.result, 'failure');
});

test('a failed send is audited, leaves no code to check and counts towards the limit; no channel set up is DELIVERY_NOT_CONFIGURED and counts nothing', async () => {
  h.setRule('required');
  const agent = await h.agent(ROLES.globalAdministrator);
  const saved = h.store.tenant.get().delivery;
  const sends = (method: 'email' | 'sms') => h.store.verifications.sentSince(idOf(ADELE), method, h.clock() - 3_600_000);
  try {
    await h.verification.send(agent, { upn: ADELE }, 'email');
    const delivered = (await h.codeSentTo(methodOf(ADELE, 'alternateEmail'))).code;
    h.store.tenant.update({ delivery: { ...saved, smtp: { ...saved.smtp!, port: 1 } } }, h.clock());
    await assert.rejects(h.verification.send(agent, { upn: ADELE }, 'email'), isCode('DELIVERY_FAILED'));
    assert.equal(sends('email'), 2, 'the failed send was tried: it counts, as Entra counts tries');
    // Neither the code that never went out nor the one it replaced can be checked.
    await assert.rejects(h.verification.check(agent, { upn: ADELE }, 'email', code(delivered)), isCode('VERIFICATION_NOT_STARTED'));
    const statuses = h.store.db
      .prepare('SELECT status FROM verification_challenges WHERE agent_id = ? AND target_id = ? AND method = ? ORDER BY rowid')
      .all(agent.id, idOf(ADELE), 'email') as { status: string }[];
    assert.deepEqual(statuses.map((r) => r.status), ['superseded', 'superseded']);
    for (let i = 2; i < SENDS_PER_WINDOW; i++) await assert.rejects(h.verification.send(agent, { upn: ADELE }, 'email'), isCode('DELIVERY_FAILED'));
    h.store.tenant.update({ delivery: saved }, h.clock());
    await assert.rejects(h.verification.send(agent, { upn: ADELE }, 'email'), isCode('VERIFICATION_SEND_LIMIT'));

    h.store.tenant.update({ delivery: { ...saved, sms: null } }, h.clock());
    await assert.rejects(h.verification.send(agent, { upn: ADELE }, 'sms'), isCode('DELIVERY_NOT_CONFIGURED'));
    assert.equal(sends('sms'), 0, 'nothing was tried');
    const events = audits(ADELE, 'verification.send').filter((e) => e.actorUpn === agent.upn);
    assert.deepEqual(
      events.map((e) => e.errorCode),
      ['DELIVERY_NOT_CONFIGURED', 'VERIFICATION_SEND_LIMIT', 'DELIVERY_FAILED', 'DELIVERY_FAILED', 'DELIVERY_FAILED', 'DELIVERY_FAILED', null],
      'one audit event per send',
    );
  } finally {
    h.store.tenant.update({ delivery: saved }, h.clock());
  }
});

test('no keychain: the send is refused as SECRET_STORE_UNAVAILABLE, nothing recorded or sent, audited once; a check is refused the same way and costs no try', async () => {
  h.setRule('required');
  const agent = await h.agent(ROLES.helpdeskAdministrator);
  const address = methodOf(ADELE, 'alternateEmail');
  await h.verification.send(agent, { upn: ADELE }, 'email');
  const right = (await h.codeSentTo(address)).code;
  const rows = () => h.store.db.prepare('SELECT count(*) AS n FROM verification_challenges').get() as { n: number };
  const before = { rows: rows().n, messages: h.outbox.list().length, audit: audits(ADELE, 'verification.send').length };
  h.secrets.unavailable = true;
  try {
    await assert.rejects(h.verification.send(agent, { upn: ADELE }, 'email'), (e: unknown) => {
      isCode('SECRET_STORE_UNAVAILABLE')(e);
      assert.doesNotMatch((e as Error).message, /\n/, 'one line');
      return true;
    });
    assert.deepEqual({ rows: rows().n, messages: h.outbox.list().length }, { rows: before.rows, messages: before.messages }, 'nothing recorded, nothing sent');
    const sends = audits(ADELE, 'verification.send');
    assert.equal(sends.length, before.audit + 1);
    assert.deepEqual([sends[0]!.result, sends[0]!.errorCode], ['failure', 'SECRET_STORE_UNAVAILABLE']);
    await assert.rejects(h.verification.check(agent, { upn: ADELE }, 'email', code(right)), isCode('SECRET_STORE_UNAVAILABLE'));
    assert.equal(audits(ADELE, 'verification.check')[0]!.errorCode, 'SECRET_STORE_UNAVAILABLE');
  } finally {
    h.secrets.unavailable = false;
  }
  await assert.rejects(h.verification.check(agent, { upn: ADELE }, 'email', code(wrongOf(right))), (e: unknown) => {
    isCode('VERIFICATION_CODE_WRONG')(e);
    assert.match((e as Error).message, /4 tries left/, 'the refused check took no try');
    return true;
  });
  assert.equal((await h.verification.check(agent, { upn: ADELE }, 'email', code(right))).satisfied, true);
});

test('the pepper lost from the keychain: a pending code is answered as expired, costs no try; the next send makes a new pepper', async () => {
  h.setRule('required');
  const agent = await h.agent(ROLES.helpdeskAdministrator);
  const address = methodOf(ADELE, 'alternateEmail');
  const account = pepperAccount(h.store.tenant.get().tenantId);
  await h.verification.send(agent, { upn: ADELE }, 'email');
  const right = (await h.codeSentTo(address)).code;
  const old = await h.secrets.get(account);
  assert.ok(old, 'the first send made the pepper');
  await h.secrets.delete(account);
  await assert.rejects(h.verification.check(agent, { upn: ADELE }, 'email', code(right)), (e: unknown) => {
    isCode('VERIFICATION_EXPIRED')(e);
    assert.match((e as Error).message, /a key this keychain does not hold/);
    return true;
  });
  const pending = h.store.verifications.latest(agent.id, idOf(ADELE), 'email')!;
  assert.deepEqual([pending.status, pending.attempts], ['pending', 0]);
  await h.verification.send(agent, { upn: ADELE }, 'email');
  assert.notEqual(await h.secrets.get(account), old);
  assert.equal((await h.verification.check(agent, { upn: ADELE }, 'email', code((await h.codeSentTo(address)).code))).satisfied, true);
});

test('five codes to a user by one method in an hour, whoever sends them: the sixth is refused and audited; an hour on, one goes again', async () => {
  h.setRule('required');
  const helpdesk = await h.agent(ROLES.helpdeskAdministrator);
  const other = await h.agent(ROLES.userAdministrator);
  for (let i = 0; i < SENDS_PER_WINDOW; i++) {
    await h.verification.send(i % 2 === 0 ? helpdesk : other, { upn: ADELE }, 'email');
    h.clock.advance(60_000);
  }
  await assert.rejects(h.verification.send(other, { upn: ADELE }, 'email'), isCode('VERIFICATION_SEND_LIMIT'));
  const refused = audits(ADELE, 'verification.send')[0]!;
  assert.equal(refused.errorCode, 'VERIFICATION_SEND_LIMIT');
  // Another method is its own count: SMS still goes.
  await h.verification.send(helpdesk, { upn: ADELE }, 'sms');
  h.clock.advance(3_600_000 - 4 * 60_000); // the first email is now more than an hour old
  await h.verification.send(helpdesk, { upn: ADELE }, 'email');
});

test('recommended: an unverified reset goes through and its audit records it unverified', async () => {
  h.setRule('recommended');
  const agent = await h.agent(ROLES.globalAdministrator);
  const pre = await h.services.engine.preflight(agent, { upn: 'megan.bowen@corp.contoso.com' });
  assert.equal(pre.verification?.level, 'recommended');
  await h.services.engine.unlock(agent, { upn: 'johanna.lorenz@contoso.com' });
  const unlock = h.store.audit.list({ targetUpn: 'johanna.lorenz@contoso.com', action: 'account.unlock', limit: 1 })[0]!;
  assert.equal(JSON.parse(unlock.detail!).callerUnverified, true);
  h.setRule('off');
  const off = await h.services.engine.preflight(agent, { upn: ADELE });
  assert.equal(off.verification?.level, 'none');
  assert.equal(off.allowed, true);
});

test('registering an authenticator is as strict as a reset: not for a user the agent may not reset; an administrator needs two methods verified; off waives it', async () => {
  const registration = (agent: Awaited<ReturnType<typeof h.agent>>) =>
    (upn: string) =>
      registerAuthenticator(
        {
          engine: h.services.engine,
          secrets: h.services.secrets,
          tenantId: h.store.tenant.get().tenantId,
          registry: h.services.directory as SqliteUserDirectory,
          audit: h.store.stores.audit,
          clock: h.clock,
        },
        agent,
        upn,
        'New phone',
      );
  h.setRule('off');
  const passwordAdmin = await h.agent(ROLES.passwordAdministrator);
  await assert.rejects(registration(passwordAdmin)('helpdesk.admin@contoso.com'), isCode('INSUFFICIENT_ROLE'));
  const refusedRole = h.store.audit.list({ targetUpn: 'helpdesk.admin@contoso.com', action: 'verification.register', limit: 1 })[0]!;
  assert.equal(refusedRole.errorCode, 'INSUFFICIENT_ROLE');

  h.setRule('required-for-admins');
  const helpdesk = await h.agent(ROLES.helpdeskAdministrator);
  await h.verification.send(helpdesk, { upn: PASSWORD_ADMIN }, 'email');
  await h.verification.check(helpdesk, { upn: PASSWORD_ADMIN }, 'email', code((await h.codeSentTo(methodOf(PASSWORD_ADMIN, 'alternateEmail'))).code));
  await assert.rejects(registration(helpdesk)(PASSWORD_ADMIN), isCode('CALLER_NOT_VERIFIED'), 'one of the two methods an administrator needs');

  h.setRule('off');
  const uri = await registration(helpdesk)(LIDIA);
  assert.match(uri.reveal(), /^otpauth:\/\/totp\//, 'with verification off, nothing is asked of the caller');
  h.setRule('required');
});

test('an authenticator app: registered once (sealed), its current code verifies, the same code cannot be replayed', async () => {
  h.setRule('required');
  const agent = await h.agent(ROLES.globalAdministrator);
  // Adele holds no role: resets of her are only "recommended" to verify, registering is not.
  h.setRule('required-for-admins');
  const registration = {
    engine: h.services.engine,
    secrets: h.services.secrets,
    tenantId: h.store.tenant.get().tenantId,
    registry: h.services.directory as SqliteUserDirectory,
    audit: h.store.stores.audit,
    clock: h.clock,
  };
  await assert.rejects(registerAuthenticator(registration, agent, ADELE, 'Impostor phone'), isCode('CALLER_NOT_VERIFIED'));
  const refused = h.store.audit.list({ targetUpn: ADELE, action: 'verification.register', limit: 1 })[0]!;
  assert.equal(refused.errorCode, 'CALLER_NOT_VERIFIED', 'a refused registration is audited');
  assert.equal(h.store.findUser({ upn: ADELE })!.authMethods.some((m) => m.kind === 'authenticatorApp' && m.value === 'Impostor phone'), false);

  await h.verification.send(agent, { upn: ADELE }, 'email');
  const { code: emailed } = await h.codeSentTo(methodOf(ADELE, 'alternateEmail'));
  await h.verification.check(agent, { upn: ADELE }, 'email', code(emailed));
  const uri = await registerAuthenticator(registration, agent, ADELE, 'Adele phone');
  const registered = h.store.audit.list({ targetUpn: ADELE, action: 'verification.register', limit: 1 })[0]!;
  assert.equal(registered.result, 'success');
  assert.ok(!JSON.stringify(registered).includes(new URL(uri.reveal()).searchParams.get('secret')!), 'never the secret');
  h.clock.advance(TEN_MIN + 1); // the email verification no longer counts: the TOTP check below stands alone
  const secret = new Secret(new URL(uri.reveal()).searchParams.get('secret')!);
  h.store.db.pragma('wal_checkpoint(TRUNCATE)');
  assert.ok(!readFileSync(h.dbPath).includes(secret.reveal()), 'the file holds the secret sealed only');
  h.setRule('required');

  const now = h.clock();
  const current = totpAt(secret, now);
  await assert.rejects(h.verification.check(agent, { upn: ADELE }, 'totp', code(wrongOf(current))), isCode('VERIFICATION_CODE_WRONG'));
  const status = await h.verification.check(agent, { upn: ADELE }, 'totp', code(current));
  assert.deepEqual(status.verified.map((v) => v.method), ['totp']);
  const other = await h.agent(ROLES.userAdministrator);
  await assert.rejects(h.verification.check(other, { upn: ADELE }, 'totp', code(current)), isCode('VERIFICATION_CODE_WRONG'));
  h.clock.advance(30_000);
  const next = await h.verification.check(other, { upn: ADELE }, 'totp', code(totpAt(secret, h.clock())));
  assert.equal(next.satisfied, true);
  const checks = audits(ADELE, 'verification.check').filter((e) => JSON.parse(e.detail!).method === 'totp');
  assert.ok(checks.every((e) => !JSON.stringify(e).includes(current)));
});
