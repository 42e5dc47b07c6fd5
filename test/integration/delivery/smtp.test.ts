/**
 * SmtpMailer against real SMTP servers on loopback: the sample's LocalOutbox
 * (smtp-server, STARTTLS with a self-signed certificate) and, for the refusals,
 * smtp-server set up to misbehave the ways real servers do. Each test reads
 * the message back from the server, or shows that nothing arrived.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { Secret } from '../../../main/domain/secret';
import { DELIVERY_SECRET_ACCOUNTS, type SmtpSettings } from '../../../main/domain/delivery-settings';
import { SmtpMailer } from '../../../main/delivery/smtp-mailer';
import { LocalOutbox } from '../../../main/delivery/outbox/local-outbox';
import { generateOutboxIdentity, type OutboxIdentity } from '../../../main/delivery/outbox/identity';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { refusal } from '../../support/refusal';

const TENANT = 'b2c7f3a0-0000-4000-8000-000000000001';
let identity: OutboxIdentity;
let other: OutboxIdentity;
let outbox: LocalOutbox;

before(async () => {
  [identity, other] = await Promise.all([generateOutboxIdentity(), generateOutboxIdentity()]);
  outbox = await LocalOutbox.start({ ...identity, smtpPort: 0, smsPort: 0 });
});
after(() => outbox.close());

function settings(overrides: Partial<SmtpSettings> = {}): SmtpSettings {
  return {
    host: '127.0.0.1',
    port: outbox.smtpPort,
    security: 'starttls',
    from: 'helpdesk@contoso.com',
    username: null,
    caPem: identity.certPem,
    ...overrides,
  };
}

function mailer(s: SmtpSettings, secrets = new MemorySecretStore(), timeoutMs = 5000): SmtpMailer {
  return new SmtpMailer(s, { tenantId: TENANT, secrets, timeoutMs });
}

/** An smtp-server on an ephemeral loopback port, closed after the test. */
async function startServer(t: { after(fn: () => Promise<void>): void }, server: SMTPServer): Promise<number> {
  // A client giving up mid-handshake is an 'error' on the server; these tests expect some.
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.server.address() as AddressInfo).port;
}

test('a message travels over STARTTLS and is read back with its headers and body', async () => {
  const m = mailer(settings());
  const subject = `Verification ${Date.now()}`;
  await m.send({ to: ['adele@contoso.com', 'adele.v@fabrikam.com'], subject, text: new Secret('123456 is your code') });
  await m.close();
  const received = await outbox.waitFor((msg) => msg.subject === subject, 5000);
  assert.equal(received.channel, 'email');
  assert.equal(received.from, 'helpdesk@contoso.com');
  assert.deepEqual(received.to, ['adele@contoso.com', 'adele.v@fabrikam.com']);
  assert.equal(received.text, '123456 is your code');
});

test('the message is sent only after STARTTLS: the server saw a secure session', async (t) => {
  let secure: boolean | undefined;
  let raw = '';
  const server = new SMTPServer({
    key: identity.keyPem,
    cert: identity.certPem,
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      secure = session.secure;
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => callback());
    },
  });
  const port = await startServer(t, server);
  await mailer(settings({ port })).send({ to: ['a@contoso.com'], subject: 'Hello', text: 'Body text' });
  assert.equal(secure, true);
  const parsed = await simpleParser(raw);
  assert.equal(parsed.subject, 'Hello');
  assert.match(parsed.from?.text ?? '', /helpdesk@contoso\.com/);
  assert.equal(parsed.text?.trim(), 'Body text');
});

test("a certificate the tenant does not trust is refused and nothing is delivered", async (t) => {
  let delivered = false;
  const server = new SMTPServer({
    key: other.keyPem,
    cert: other.certPem,
    authOptional: true,
    logger: false,
    onData(stream, _s, callback) {
      delivered = true;
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  const port = await startServer(t, server);
  // Trusts `identity`, but the server shows `other`.
  const error = await refusal(mailer(settings({ port })).send({ to: ['a@contoso.com'], subject: 's', text: new Secret('999111') }));
  assert.equal(error.code, 'DELIVERY_FAILED');
  assert.match(error.message, new RegExp(`certificate of 127\\.0\\.0\\.1:${port} is not trusted`));
  assert.doesNotMatch(error.message, /999111/);
  assert.equal(delivered, false);
});

test('without caPem, a self-signed certificate is not trusted either (system CAs only)', async () => {
  const error = await refusal(mailer(settings({ caPem: null })).send({ to: ['a@contoso.com'], subject: 's', text: 't' }));
  assert.equal(error.code, 'DELIVERY_FAILED');
  assert.match(error.message, /is not trusted/);
});

test('a server that does not offer STARTTLS gets nothing', async (t) => {
  let delivered = false;
  const server = new SMTPServer({
    hideSTARTTLS: true,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, _s, callback) {
      delivered = true;
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  const port = await startServer(t, server);
  const error = await refusal(mailer(settings({ port })).send({ to: ['a@contoso.com'], subject: 's', text: new Secret('424242') }));
  assert.equal(error.code, 'DELIVERY_FAILED');
  assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port} does not offer STARTTLS`));
  assert.doesNotMatch(error.message, /424242/);
  assert.equal(delivered, false);
});

test('nothing listening: DELIVERY_FAILED naming host:port', async () => {
  const port = await freePort();
  const error = await refusal(mailer(settings({ port })).send({ to: ['a@contoso.com'], subject: 's', text: 't' }));
  assert.equal(error.code, 'DELIVERY_FAILED');
  assert.match(error.message, new RegExp(`Nothing listens at 127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
});

test('the sample hint says which app to start when its outbox is not running', async () => {
  const port = await freePort();
  const m = new SmtpMailer(settings({ port }), {
    tenantId: TENANT,
    secrets: new MemorySecretStore(),
    unreachableHint: 'start Resetdesk',
  });
  const error = await refusal(m.send({ to: ['a@contoso.com'], subject: 's', text: 't' }));
  assert.match(error.message, /connection refused\): start Resetdesk\./);
});

test('SMTP authentication with the password from the keychain; a wrong one is refused without echoing it', async (t) => {
  const logins: { username: string; password: string }[] = [];
  const received: string[] = [];
  const server = new SMTPServer({
    key: identity.keyPem,
    cert: identity.certPem,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
      if (auth.username === 'relay' && auth.password === 'S3cret-relay') return callback(null, { user: 'relay' });
      callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
    },
    onData(stream, _s, callback) {
      stream.on('data', (c: Buffer) => received.push(c.toString()));
      stream.on('end', () => callback());
    },
  });
  const port = await startServer(t, server);
  const account = DELIVERY_SECRET_ACCOUNTS.smtpPassword(TENANT);
  const secrets = new MemorySecretStore({ [account]: 'S3cret-relay' });
  await mailer(settings({ port, username: 'relay' }), secrets).send({ to: ['a@contoso.com'], subject: 'Auth', text: 'ok' });
  assert.deepEqual(logins, [{ username: 'relay', password: 'S3cret-relay' }]);
  assert.equal(received.length > 0, true);

  await secrets.set(account, 'wrong-password-77');
  const error = await refusal(mailer(settings({ port, username: 'relay' }), secrets).send({ to: ['a@contoso.com'], subject: 's', text: 't' }));
  assert.equal(error.code, 'DELIVERY_FAILED');
  assert.match(error.message, /refused the SMTP user name or password \(SMTP 535\)/);
  assert.doesNotMatch(error.message, /wrong-password-77/);
});

test('no username: no AUTH is attempted even if the keychain holds a password', async (t) => {
  let authTried = false;
  const server = new SMTPServer({
    key: identity.keyPem,
    cert: identity.certPem,
    authOptional: true,
    logger: false,
    onAuth(_a, _s, callback) {
      authTried = true;
      callback(null, { user: 'x' });
    },
    onData(stream, _s, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  const port = await startServer(t, server);
  const secrets = new MemorySecretStore({ [DELIVERY_SECRET_ACCOUNTS.smtpPassword(TENANT)]: 'pw' });
  await mailer(settings({ port }), secrets).send({ to: ['a@contoso.com'], subject: 's', text: 't' });
  assert.equal(authTried, false);
});

test('a username with no password in the keychain, or a keychain that cannot be read: SECRET_STORE_UNAVAILABLE', async () => {
  const secrets = new MemorySecretStore();
  const missing = await refusal(mailer(settings({ username: 'relay' }), secrets).send({ to: ['a@contoso.com'], subject: 's', text: 't' }));
  assert.equal(missing.code, 'SECRET_STORE_UNAVAILABLE');
  secrets.unavailable = true;
  const locked = await refusal(mailer(settings({ username: 'relay' }), secrets).send({ to: ['a@contoso.com'], subject: 's', text: 't' }));
  assert.equal(locked.code, 'SECRET_STORE_UNAVAILABLE');
});

test('a refused recipient: DELIVERY_FAILED with the SMTP code, not the address', async (t) => {
  const server = new SMTPServer({
    key: identity.keyPem,
    cert: identity.certPem,
    authOptional: true,
    logger: false,
    onRcptTo(_address, _s, callback) {
      callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
    },
  });
  const port = await startServer(t, server);
  const error = await refusal(mailer(settings({ port })).send({ to: ['nobody@contoso.com'], subject: 's', text: 't' }));
  assert.equal(error.code, 'DELIVERY_FAILED');
  assert.match(error.message, /refused the recipient \(SMTP 550\)/);
  assert.doesNotMatch(error.message, /nobody@contoso\.com/);
});

test("'tls' security talks TLS from the first byte (port 465 style)", async (t) => {
  let secure: boolean | undefined;
  const server = new SMTPServer({
    secure: true,
    key: identity.keyPem,
    cert: identity.certPem,
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      secure = session.secure;
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  const port = await startServer(t, server);
  await mailer(settings({ port, security: 'tls' })).send({ to: ['a@contoso.com'], subject: 's', text: 't' });
  assert.equal(secure, true);
  // The same server with 'starttls' would wait for a plain greeting that never comes: refused, not hung.
  const error = await refusal(mailer(settings({ port }), new MemorySecretStore(), 1500).send({ to: ['a@contoso.com'], subject: 's', text: 't' }));
  assert.equal(error.code, 'DELIVERY_FAILED');
});

async function freePort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('a server that accepts the connection but never greets: DELIVERY_FAILED after the timeout', async (t) => {
  const silent = createServer(() => {
    // Holds the socket, says nothing.
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
  t.after(() => new Promise<void>((resolve) => silent.close(() => resolve())));
  const port = (silent.address() as AddressInfo).port;
  const error = await refusal(mailer(settings({ port }), new MemorySecretStore(), 300).send({ to: ['a@contoso.com'], subject: 's', text: 't' }));
  assert.equal(error.code, 'DELIVERY_FAILED');
  assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port} did not answer within 300 ms\\.`));
});
