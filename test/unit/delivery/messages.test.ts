import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { Secret } from '../../../main/domain/secret';
import {
  adminResetNoticeEmail,
  resetNoticeEmail,
  temporaryPasswordEmail,
  temporaryPasswordSms,
  unlockNoticeEmail,
  utcTime,
  verificationCodeEmail,
  verificationCodeSms,
} from '../../../main/delivery/messages';

const tenantName = 'Contoso';
const user = { displayName: 'Adele Vance', upn: 'adele@contoso.com' };
const agent = { displayName: 'Megan Bowen', upn: 'megan@contoso.com' };
const at = new Date('2026-12-01T10:42:31.000Z');
const text = (t: string | Secret) => (typeof t === 'string' ? t : t.reveal());

test('utcTime is minutes in UTC, whatever the local zone', () => {
  assert.equal(utcTime(at), '2026-12-01 10:42 UTC');
});

test('the code by SMS: the exact sentence, with the tenant and the 10 minutes', () => {
  const sms = verificationCodeSms('+15550100143', { tenantName, code: new Secret('482913') });
  assert.equal(sms.to, '+15550100143');
  assert.equal(
    text(sms.text),
    '482913 is your Contoso verification code. A helpdesk agent asked for it while you are on the phone with them: read it to them only if you called the helpdesk. It expires in 10 minutes.',
  );
});

test('a body with a code or a password is a Secret: printing the message shows no code', () => {
  const messages = [
    verificationCodeEmail(['a@contoso.com'], { tenantName, code: new Secret('482913') }),
    verificationCodeSms('+1', { tenantName, code: new Secret('482913') }),
    temporaryPasswordEmail(['a@contoso.com'], { tenantName, user, password: new Secret('Kite-Mango-482913') }),
    temporaryPasswordSms('+1', { tenantName, password: new Secret('Kite-Mango-482913') }),
  ];
  for (const m of messages) {
    assert.ok(m.text instanceof Secret);
    assert.doesNotMatch(JSON.stringify(m) + inspect(m, { depth: 5 }) + String(m.text), /482913/);
    assert.match(text(m.text), /482913/);
  }
});

test('the code by email: subject and body name the tenant, the body holds the code and the warning', () => {
  const mail = verificationCodeEmail(['adele@contoso.com'], { tenantName, code: new Secret('482913') });
  assert.deepEqual(mail.to, ['adele@contoso.com']);
  assert.equal(mail.subject, 'Your Contoso verification code');
  assert.match(text(mail.text), /^482913 is your Contoso verification code\./);
  assert.match(text(mail.text), /only if you called the helpdesk/);
  assert.match(text(mail.text), /expires in 10 minutes/);
});

test('reset notice: who (name and UPN), when (UTC), what to do if not asked; no password', () => {
  const mail = resetNoticeEmail(['adele@contoso.com', 'adele@fabrikam.com'], { tenantName, user, agent, at });
  assert.deepEqual(mail.to, ['adele@contoso.com', 'adele@fabrikam.com']);
  assert.equal(mail.subject, 'Your Contoso password was reset');
  const body = text(mail.text);
  assert.equal(typeof mail.text, 'string');
  assert.match(body, /adele@contoso\.com was reset by the helpdesk/);
  assert.match(body, /Reset by: Megan Bowen \(megan@contoso\.com\)/);
  assert.match(body, /When: 2026-12-01 10:42 UTC/);
  assert.match(body, /did not ask for this, contact Contoso's helpdesk or security team at once/);
});

test('unlock notice: says unlocked, password unchanged, by whom and when', () => {
  const mail = unlockNoticeEmail(['adele@contoso.com'], { tenantName, user, agent, at });
  assert.equal(mail.subject, 'Your Contoso account was unlocked');
  const body = text(mail.text);
  assert.match(body, /was unlocked by the helpdesk\. Your password did not change\./);
  assert.match(body, /Unlocked by: Megan Bowen \(megan@contoso\.com\)/);
  assert.match(body, /When: 2026-12-01 10:42 UTC/);
  assert.match(body, /at once/);
});

test('admin-reset notice to Global Administrators: which administrator, their roles, by whom, when', () => {
  const mail = adminResetNoticeEmail(['ga1@contoso.com', 'ga2@contoso.com'], {
    tenantName,
    user: { displayName: 'Alex Wilber', upn: 'alex@contoso.com' },
    roles: ['Helpdesk Administrator', 'User Administrator'],
    agent,
    at,
  });
  assert.deepEqual(mail.to, ['ga1@contoso.com', 'ga2@contoso.com']);
  assert.match(mail.subject, /^Contoso: an administrator's password was reset$/);
  const body = text(mail.text);
  assert.match(body, /Administrator: Alex Wilber \(alex@contoso\.com\)/);
  assert.match(body, /Roles: Helpdesk Administrator, User Administrator/);
  assert.match(body, /Reset by: Megan Bowen \(megan@contoso\.com\)/);
  assert.match(body, /When: 2026-12-01 10:42 UTC/);
});

test('the out-of-band password: by email with the UPN and the change-at-sign-in note; by SMS short', () => {
  const password = new Secret('Kite-Mango-4829');
  const mail = temporaryPasswordEmail(['adele@contoso.com'], { tenantName, user, password });
  assert.equal(mail.subject, 'Your Contoso temporary password');
  assert.match(text(mail.text), /Temporary password: Kite-Mango-4829\n/);
  assert.match(text(mail.text), /adele@contoso\.com/);
  assert.match(text(mail.text), /choose a new password/);
  const sms = temporaryPasswordSms('+15550100143', { tenantName, password });
  assert.match(text(sms.text), /^Contoso temporary password: Kite-Mango-4829 /);
  assert.ok(text(sms.text).length <= 160, 'fits one SMS');
});
