/**
 * The sample's LocalOutbox on its own: what it accepts, what it refuses, and
 * how it lists messages (memory, newest first, at most 200) and hands each to
 * `keep` before acknowledging it. Mail arrives through the real SmtpMailer, SMS
 * through the real HttpSmsGateway over HTTPS; the refusals are shown with raw clients.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer } from 'node:net';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { SmtpMailer } from '../../../main/delivery/smtp-mailer';
import { HttpSmsGateway } from '../../../main/delivery/http-sms-gateway';
import { LocalOutbox, OUTBOX_CAPACITY, OUTBOX_MAX_EMAIL_BYTES } from '../../../main/delivery/outbox/local-outbox';
import { generateOutboxIdentity, type OutboxIdentity } from '../../../main/delivery/outbox/identity';
import { localOutboxDelivery } from '../../../main/delivery/outbox/settings';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { refusal } from '../../support/refusal';

const TENANT = 'b2c7f3a0-0000-4000-8000-000000000003';
let identity: OutboxIdentity;
let outbox: LocalOutbox;

before(async () => {
  identity = await generateOutboxIdentity();
  outbox = await LocalOutbox.start({ ...identity, smtpPort: 0, smsPort: 0 });
});
after(() => outbox.close());

function channels() {
  const d = localOutboxDelivery({ certPem: identity.certPem, smtpPort: outbox.smtpPort, smsPort: outbox.smsPort, from: 'helpdesk@contoso.com' });
  const options = { tenantId: TENANT, secrets: new MemorySecretStore(), outboxCertPem: identity.certPem };
  return { mail: new SmtpMailer(d.smtp!, options), sms: new HttpSmsGateway(d.sms!, options) };
}

test('receives both channels and lists them newest first', async () => {
  const { mail, sms } = channels();
  await mail.send({ to: ['a@contoso.com'], subject: 'First', text: 'one' });
  await sms.send({ to: '+15550100', text: 'two' });
  await mail.close();
  const [newest, older] = outbox.list();
  assert.equal(newest?.channel, 'sms');
  assert.equal(newest?.text, 'two');
  assert.equal(older?.subject, 'First');
  assert.ok(Date.parse(older?.at ?? '') <= Date.parse(newest?.at ?? ''));
  assert.notEqual(newest?.id, older?.id);
});

test('waitFor resolves on a message arriving later, and rejects after its timeout', async () => {
  const { sms } = channels();
  const waiting = outbox.waitFor((m) => m.text === 'later', 5000);
  await sms.send({ to: '+1555', text: 'later' });
  assert.equal((await waiting).text, 'later');
  await assert.rejects(outbox.waitFor((m) => m.text === 'never', 50), /No outbox message matched within 50 ms/);
});

test(`keeps the newest ${OUTBOX_CAPACITY} only`, async () => {
  const own = await LocalOutbox.start({ ...identity, smtpPort: 0, smsPort: 0 });
  try {
    const sms = new HttpSmsGateway(
      { url: `https://127.0.0.1:${own.smsPort}/sms`, from: null, fields: { to: 'to', text: 'text', from: 'from' }, caPem: null },
      { tenantId: TENANT, secrets: new MemorySecretStore(), outboxCertPem: identity.certPem },
    );
    for (let i = 0; i < OUTBOX_CAPACITY + 5; i++) await sms.send({ to: '+1', text: `n${i}` });
    const list = own.list();
    assert.equal(list.length, OUTBOX_CAPACITY);
    assert.equal(list[0]?.text, `n${OUTBOX_CAPACITY + 4}`);
    assert.equal(list.at(-1)?.text, 'n5');
  } finally {
    await own.close();
  }
});

test('each message is kept before it is acknowledged; one that cannot be kept is refused (SMTP 451, HTTP 503) and not listed', async () => {
  const kept: string[] = [];
  let refuse = false;
  const own = await LocalOutbox.start({
    ...identity,
    smtpPort: 0,
    smsPort: 0,
    keep: async (m) => {
      if (refuse) throw new Error('no keychain');
      kept.push(m.text);
    },
  });
  try {
    const d = localOutboxDelivery({ certPem: identity.certPem, smtpPort: own.smtpPort, smsPort: own.smsPort, from: 'helpdesk@contoso.com' });
    const options = { tenantId: TENANT, secrets: new MemorySecretStore(), outboxCertPem: identity.certPem };
    const mail = new SmtpMailer(d.smtp!, options);
    const sms = new HttpSmsGateway(d.sms!, options);
    await mail.send({ to: ['a@contoso.com'], subject: 's', text: 'kept mail' });
    await sms.send({ to: '+1', text: 'kept sms' });
    assert.deepEqual(kept, ['kept mail', 'kept sms']);
    refuse = true;
    assert.match((await refusal(mail.send({ to: ['a@contoso.com'], subject: 's', text: 'lost' }), 'DELIVERY_FAILED')).message, /SMTP 451/);
    assert.match((await refusal(sms.send({ to: '+1', text: 'lost' }), 'DELIVERY_FAILED')).message, /HTTP 503/);
    await mail.close();
    assert.deepEqual(own.list().map((m) => m.text), ['kept sms', 'kept mail']);
  } finally {
    await own.close();
  }
});

test('a port already taken: start rejects with EADDRINUSE and leaves nothing listening', async () => {
  const blocker = createServer();
  blocker.listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  const taken = (blocker.address() as AddressInfo).port;
  try {
    const free = await LocalOutbox.start({ ...identity, smtpPort: 0, smsPort: 0 });
    const smtpPort = free.smtpPort;
    await free.close();
    await assert.rejects(LocalOutbox.start({ ...identity, smtpPort, smsPort: taken }), { code: 'EADDRINUSE' });
    // The SMTP half that did start was closed again: the port can be bound.
    const again = createServer();
    again.listen(smtpPort, '127.0.0.1');
    await once(again, 'listening');
    await new Promise<void>((resolve) => again.close(() => resolve()));
  } finally {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  }
});

/** A plain-text SMTP dialogue: each line sent after the previous answer; returns every answer. */
async function dialogue(port: number, lines: string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  const answers: string[] = [];
  let buffer = '';
  const next = () =>
    new Promise<string>((resolve) => {
      const onData = (chunk: string) => {
        buffer += chunk;
        // A complete reply ends with a line "NNN text" (no dash after the code).
        const match = /(^|\r\n)(\d{3}) [^\r\n]*\r\n$/.exec(buffer);
        if (!match) return;
        socket.off('data', onData);
        const reply = buffer;
        buffer = '';
        resolve(reply);
      };
      socket.on('data', onData);
    });
  answers.push(await next());
  for (const line of lines) {
    socket.write(`${line}\r\n`);
    answers.push(await next());
  }
  socket.destroy();
  return answers;
}

test('mail is refused before STARTTLS (530), and AUTH is not offered', async () => {
  const answers = await dialogue(outbox.smtpPort, ['EHLO test', 'MAIL FROM:<x@contoso.com>']);
  assert.match(answers[1] ?? '', /STARTTLS/);
  assert.doesNotMatch(answers[1] ?? '', /AUTH/);
  assert.match(answers[2] ?? '', /^530 /);
});

test('the SIZE limit is announced and enforced', async () => {
  const answers = await dialogue(outbox.smtpPort, ['EHLO test']);
  assert.match(answers[1] ?? '', new RegExp(`SIZE ${OUTBOX_MAX_EMAIL_BYTES}`));
  const { mail } = channels();
  const before = outbox.list().length;
  await assert.rejects(
    mail.send({ to: ['a@contoso.com'], subject: 'big', text: 'x'.repeat(OUTBOX_MAX_EMAIL_BYTES + 10) }),
    { code: 'DELIVERY_FAILED' },
  );
  await mail.close();
  assert.equal(outbox.list().length, before);
});

function post(port: number, path: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // servername: the TLS check is of the outbox's name; the Host header is what the endpoint checks.
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers, ca: identity.certPem, servername: 'localhost' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('the SMS endpoint takes JSON at /sms from its own Host only (no cross-site form posts, no DNS rebinding)', async () => {
  const before = outbox.list().length;
  const port = outbox.smsPort;
  const body = JSON.stringify({ to: '+1', text: 'x' });
  assert.equal(await post(port, '/sms', { 'content-type': 'text/plain' }, body), 400);
  assert.equal(await post(port, '/sms', { 'content-type': 'application/json', host: `evil.example:${port}` }, body), 400);
  assert.equal(await post(port, '/other', { 'content-type': 'application/json' }, body), 404);
  assert.equal(await post(port, '/sms', { 'content-type': 'application/json' }, '{not json'), 400);
  assert.equal(await post(port, '/sms', { 'content-type': 'application/json' }, JSON.stringify({ to: 1, text: 'x' })), 400);
  assert.equal(await post(port, '/sms', { 'content-type': 'application/json' }, JSON.stringify({ to: '+1', text: 'x'.repeat(17_000) })), 413);
  assert.equal(outbox.list().length, before);
  assert.equal(await post(port, '/sms', { 'content-type': 'application/json; charset=utf-8' }, body), 202);
  assert.equal(outbox.list().length, before + 1);
});

test('list() hands out copies: a caller cannot change what the outbox holds', async () => {
  const [first] = outbox.list();
  assert.ok(first);
  first.to.push('intruder@example.com');
  first.text = 'changed';
  assert.notEqual(outbox.list()[0]?.text, 'changed');
  assert.ok(!outbox.list()[0]?.to.includes('intruder@example.com'));
});
