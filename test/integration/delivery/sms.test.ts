/**
 * HttpSmsGateway against real HTTP servers on loopback: an HTTPS server with
 * a self-signed certificate standing in for an SMS provider (what it received
 * is read back: headers, JSON fields), and the sample's LocalOutbox over
 * HTTPS with its own certificate.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Secret } from '../../../main/domain/secret';
import { DELIVERY_SECRET_ACCOUNTS, type SmsGatewaySettings } from '../../../main/domain/delivery-settings';
import { HttpSmsGateway } from '../../../main/delivery/http-sms-gateway';
import { LocalOutbox } from '../../../main/delivery/outbox/local-outbox';
import { generateOutboxIdentity, type OutboxIdentity } from '../../../main/delivery/outbox/identity';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { refusal } from '../../support/refusal';
import { startHttpsSmsEndpoint } from '../../support/https-sms-endpoint';

const TENANT = 'b2c7f3a0-0000-4000-8000-000000000002';
let identity: OutboxIdentity;

before(async () => {
  identity = await generateOutboxIdentity();
});

/** An HTTPS "provider" on loopback answering `status`, recording each request; closed after the test. */
async function provider(t: { after(fn: () => Promise<void>): void }, status = 200) {
  const endpoint = await startHttpsSmsEndpoint(identity, { status });
  t.after(() => endpoint.close());
  return endpoint;
}

function settings(url: string, overrides: Partial<SmsGatewaySettings> = {}): SmsGatewaySettings {
  return {
    url,
    from: 'Contoso',
    fields: { to: 'recipient', text: 'body', from: 'sender' },
    caPem: identity.certPem,
    ...overrides,
  };
}

function gateway(s: SmsGatewaySettings, secrets = new MemorySecretStore()): HttpSmsGateway {
  return new HttpSmsGateway(s, { tenantId: TENANT, secrets, timeoutMs: 5000 });
}

test('POSTs JSON under the configured field names with the bearer token from the keychain', async (t) => {
  const { url, received } = await provider(t);
  const secrets = new MemorySecretStore({ [DELIVERY_SECRET_ACCOUNTS.smsToken(TENANT)]: 'tok-123' });
  await gateway(settings(url), secrets).send({ to: '+15550100143', text: new Secret('654321 is your code') });
  assert.equal(received.length, 1);
  const [r] = received;
  assert.equal(r?.method, 'POST');
  assert.equal(r?.path, '/v1/messages');
  assert.equal(r?.headers.authorization, 'Bearer tok-123');
  assert.match(String(r?.headers['content-type']), /^application\/json/);
  assert.deepEqual(r?.body, { recipient: '+15550100143', body: '654321 is your code', sender: 'Contoso' });
});

test('no token in the keychain: no Authorization header; no sender: no sender field', async (t) => {
  const { url, received } = await provider(t);
  await gateway(settings(url, { from: null })).send({ to: '+15550100143', text: 'hi' });
  assert.equal(received[0]?.headers.authorization, undefined);
  assert.deepEqual(received[0]?.body, { recipient: '+15550100143', body: 'hi' });
});

test('a non-2xx answer is DELIVERY_FAILED with the HTTP status, not the text', async (t) => {
  const { url } = await provider(t, 503);
  const error = await refusal(gateway(settings(url)).send({ to: '+15550100143', text: new Secret('777888') }));
  assert.equal(error.code, 'DELIVERY_FAILED');
  assert.match(error.message, /\(HTTP 503\)/);
  assert.doesNotMatch(error.message, /777888/);
});

test('a redirect is not followed: it is a failure', async (t) => {
  const { url, received } = await provider(t, 302);
  const error = await refusal(gateway(settings(url)).send({ to: '+1555', text: 't' }));
  assert.match(error.message, /\(HTTP 302\)/);
  assert.equal(received.length, 1);
});

test("the provider's certificate must be trusted: without caPem, a self-signed one is refused", async (t) => {
  const { url, received } = await provider(t);
  const error = await refusal(gateway(settings(url, { caPem: null })).send({ to: '+1555', text: new Secret('1') }));
  assert.equal(error.code, 'DELIVERY_FAILED');
  assert.match(error.message, /certificate of 127\.0\.0\.1:\d+ is not trusted/);
  assert.equal(received.length, 0);
});

test('plain http is refused, to this computer too, before a byte is sent', async () => {
  for (const url of ['http://sms.example.com/send', 'http://10.0.0.5:8080/sms', 'http://127.0.0.1:8080/sms', 'http://localhost/sms', 'ftp://127.0.0.1/sms', 'not a url']) {
    const error = await refusal(gateway(settings(url)).send({ to: '+1555', text: 't' }));
    assert.equal(error.code, 'DELIVERY_FAILED', url);
    assert.match(error.message, /must use https:\/\/|not a valid URL/, url);
  }
});

test('nothing listening: DELIVERY_FAILED naming host:port', async () => {
  const outbox = await LocalOutbox.start({ ...identity, smtpPort: 0, smsPort: 0 });
  const port = outbox.smsPort;
  await outbox.close();
  const error = await refusal(gateway(settings(`https://127.0.0.1:${port}/sms`)).send({ to: '+1555', text: 't' }));
  assert.match(error.message, new RegExp(`Nothing listens at 127\\.0\\.0\\.1:${port}`));
});

test('the keychain cannot be read: SECRET_STORE_UNAVAILABLE, nothing sent', async (t) => {
  const { url, received } = await provider(t);
  const secrets = new MemorySecretStore();
  secrets.unavailable = true;
  const error = await refusal(gateway(settings(url), secrets).send({ to: '+1555', text: 't' }));
  assert.equal(error.code, 'SECRET_STORE_UNAVAILABLE');
  assert.equal(received.length, 0);
});

test('the local outbox receives an SMS over HTTPS, trusting its certificate alone and asking the keychain for no token', async () => {
  const outbox = await LocalOutbox.start({ ...identity, smtpPort: 0, smsPort: 0 });
  after(() => outbox.close());
  const s = settings(`https://127.0.0.1:${outbox.smsPort}/sms`, { fields: { to: 'to', text: 'text', from: 'from' }, caPem: null });
  const noKeychain = new MemorySecretStore();
  noKeychain.unavailable = true;
  const pinned = new HttpSmsGateway(s, { tenantId: TENANT, secrets: noKeychain, timeoutMs: 5000, outboxCertPem: identity.certPem });
  await pinned.send({ to: '+1 555 0100 143', text: new Secret('246810 is your code') });
  const [message] = outbox.list();
  assert.equal(message?.channel, 'sms');
  assert.deepEqual(message?.to, ['+1 555 0100 143']);
  assert.equal(message?.from, 'Contoso');
  assert.equal(message?.text, '246810 is your code');
  assert.equal(message?.subject, null);
});

test('a gateway that never answers: DELIVERY_FAILED after the timeout, naming it', async (t) => {
  const server = createHttpsServer({ key: identity.keyPem, cert: identity.certPem }, () => {
    // Never answers.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  t.after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  const slow = new HttpSmsGateway(settings(url), { tenantId: TENANT, secrets: new MemorySecretStore(), timeoutMs: 300 });
  const error = await refusal(slow.send({ to: '+1555', text: 't' }));
  assert.equal(error.code, 'DELIVERY_FAILED');
  assert.match(error.message, /127\.0\.0\.1:\d+ did not answer within 300 ms\./);
});
