/**
 * Issue 16 K: another local account listening on the sample outbox's ports
 * must receive nothing. The sample's SMS endpoint speaks HTTPS with the
 * sample's own certificate (the one its SMTP serves), and the tenant's own
 * gateway and mailer (openDelivery over the local file, as the app and the CLI
 * open them: finding the port taken, they start no outbox of their own and
 * send to whoever holds it) trust that certificate only. Impostors here: a plain HTTP server, and HTTPS and
 * SMTP servers with a certificate of their own, each on the sample's port,
 * each recording every byte it is sent.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { once } from 'node:events';
import { SMTPServer } from 'smtp-server';
import { emailChannel, smsChannel } from '../../../main/delivery/delivery';
import { verificationCodeEmail, verificationCodeSms } from '../../../main/delivery/messages';
import { openDelivery } from '../../../main/delivery/open-delivery';
import { generateOutboxIdentity, type OutboxIdentity } from '../../../main/delivery/outbox/identity';
import { startLocalOutboxFor } from '../../../main/delivery/outbox/tenant-outbox';
import { Secret } from '../../../main/domain/secret';
import type { TenantSettings } from '../../../main/domain/types';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { refusal } from '../../support/refusal';

const CODE = '482913';
let fx: SampleFixture;
let tenant: TenantSettings;
let impostorIdentity: OutboxIdentity;

before(async () => {
  [fx, impostorIdentity] = await Promise.all([sampleDirectory({ size: 40 }), generateOutboxIdentity()]);
  tenant = await fx.store.stores.tenant.get();
});
after(() => fx.close());

/** Every byte an impostor was sent, as text (a code sent in clear would show in it). */
function recorder(server: { on(event: 'connection' | 'secureConnection', fn: (socket: Socket) => void): unknown }, event: 'connection' | 'secureConnection') {
  const bytes: Buffer[] = [];
  server.on(event, (socket: Socket) => socket.on('data', (chunk: Buffer) => bytes.push(Buffer.from(chunk))));
  return () => Buffer.concat(bytes).toString('latin1');
}

async function listenOn(server: Server | ReturnType<typeof createTcpServer>, port: number): Promise<() => Promise<void>> {
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return () => {
    (server as Server).closeAllConnections?.();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

async function sendSms(): Promise<unknown> {
  const delivery = await openDelivery(tenant, new MemorySecretStore(), { timeoutMs: 3000, stores: fx.store.stores });
  try {
    return await smsChannel(delivery).send(verificationCodeSms('+1 425 555 0143', { tenantName: tenant.name, code: new Secret(CODE) }));
  } finally {
    await delivery.close();
  }
}

test("the sample's SMS goes over HTTPS to its own endpoint, trusting the sample's certificate", () => {
  const { sms, smtp, localOutbox } = tenant.delivery;
  assert.equal(sms?.url, `https://127.0.0.1:${localOutbox!.smsPort}/sms`);
  assert.equal(sms?.caPem, smtp?.caPem);
});

test('a plain HTTP impostor on the SMS port receives no code, and the send fails', async () => {
  const impostor = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202).end('{"ok":true}'));
  });
  const heard = recorder(impostor, 'connection');
  const close = await listenOn(impostor, tenant.delivery.localOutbox!.smsPort);
  try {
    const error = await refusal(sendSms(), 'DELIVERY_FAILED');
    assert.doesNotMatch(heard(), new RegExp(CODE));
    assert.doesNotMatch(heard(), /POST|\/sms/);
    assert.doesNotMatch(error.message, new RegExp(CODE));
  } finally {
    await close();
  }
});

test('an HTTPS impostor with a certificate of its own receives no code, and the send fails naming the certificate', async () => {
  const impostor = createHttpsServer({ key: impostorIdentity.keyPem, cert: impostorIdentity.certPem }, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202).end('{"ok":true}'));
  });
  let requests = 0;
  impostor.on('request', () => requests++);
  const heard = recorder(impostor, 'connection');
  const close = await listenOn(impostor, tenant.delivery.localOutbox!.smsPort);
  try {
    const error = await refusal(sendSms(), 'DELIVERY_FAILED');
    assert.match(error.message, /certificate of 127\.0\.0\.1:\d+ is not trusted/);
    assert.equal(requests, 0, 'no request reached the impostor');
    assert.doesNotMatch(heard(), new RegExp(CODE));
  } finally {
    await close();
  }
});

test("an HTTPS impostor whose certificate a trusted CA signed is refused too: the outbox's own certificate alone is accepted there", async () => {
  // A CA the sender would otherwise trust (as if it were among the system's, or the SMS settings' caPem), and a leaf it signed for 127.0.0.1.
  const { generate } = await import('selfsigned');
  const ec = { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' } as const;
  const ca = await generate([{ name: 'commonName', value: 'Trusted Elsewhere CA' }], {
    ...ec,
    extensions: [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true }],
  });
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    ...ec,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  let requests = 0;
  const impostor = createHttpsServer({ key: leaf.private, cert: leaf.cert }, (req, res) => {
    requests++;
    req.resume();
    req.on('end', () => res.writeHead(202).end('{"ok":true}'));
  });
  const close = await listenOn(impostor, tenant.delivery.localOutbox!.smsPort);
  const trusting = { ...tenant, delivery: { ...tenant.delivery, sms: { ...tenant.delivery.sms!, caPem: ca.cert } } };
  try {
    const delivery = await openDelivery(trusting, new MemorySecretStore(), { timeoutMs: 3000, stores: fx.store.stores });
    try {
      const sms = verificationCodeSms('+1 425 555 0143', { tenantName: tenant.name, code: new Secret(CODE) });
      const error = await refusal(smsChannel(delivery).send(sms), 'DELIVERY_FAILED');
      assert.match(error.message, /certificate of 127\.0\.0\.1:\d+ is not trusted/);
    } finally {
      await delivery.close();
    }
    assert.equal(requests, 0, 'no request reached the impostor');
  } finally {
    await close();
  }
});

test('an SMTP impostor with a certificate of its own on the mail port receives no code, and the send fails', async () => {
  const received: string[] = [];
  const impostor = new SMTPServer({
    secure: false,
    key: impostorIdentity.keyPem,
    cert: impostorIdentity.certPem,
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', (chunk: Buffer) => received.push(chunk.toString()));
      stream.on('end', () => callback());
    },
  });
  impostor.on('error', () => {});
  const heard = recorder(impostor.server, 'connection');
  impostor.listen(tenant.delivery.localOutbox!.smtpPort, '127.0.0.1');
  await once(impostor.server, 'listening');
  try {
    const delivery = await openDelivery(tenant, new MemorySecretStore(), { timeoutMs: 3000, stores: fx.store.stores });
    try {
      const mail = verificationCodeEmail(['adele.vance@contoso.com'], { tenantName: tenant.name, code: new Secret(CODE) });
      const error = await refusal(emailChannel(delivery).send(mail), 'DELIVERY_FAILED');
      assert.match(error.message, /TLS|certificate/);
    } finally {
      await delivery.close();
    }
    assert.deepEqual(received, []);
    assert.doesNotMatch(heard(), new RegExp(CODE));
  } finally {
    await new Promise<void>((resolve) => impostor.close(() => resolve()));
  }
});

test('the real outbox receives the SMS over TLS; its endpoint answers nothing in plain HTTP', async () => {
  const outbox = (await startLocalOutboxFor(fx.store.stores))!;
  try {
    await sendSms();
    const message = await outbox.waitFor((m) => m.channel === 'sms' && m.text.includes(CODE), 5000);
    assert.deepEqual(message.to, ['+1 425 555 0143']);
    // A plain-HTTP client (the old sender) gets no answer from a TLS endpoint.
    const plain = await new Promise<number | Error>((resolve) => {
      const req = request({ host: '127.0.0.1', port: outbox.smsPort, path: '/sms', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', resolve);
      req.end(JSON.stringify({ to: '+1', text: 'x' }));
    });
    assert.ok(plain instanceof Error, `plain HTTP got an answer: ${String(plain)}`);
    assert.equal(outbox.list().filter((m) => m.text === 'x').length, 0);
  } finally {
    await outbox.close();
  }
});
