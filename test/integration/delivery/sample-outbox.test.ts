/**
 * The sample tenant's local outbox from creation to delivery: `init --sample`
 * (initDirectory, as the CLI and the first run call it) gives the tenant
 * delivery settings aimed at two free loopback ports and keeps the TLS key in
 * the file's app settings; OutboxHost runs that outbox; the tenant's own
 * mailer and gateway (openDelivery) reach it; listOutbox shows it to a
 * signed-in agent. Real SQLite files, real servers.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import { initDirectory } from '../../../main/app/init-directory';
import { freeLoopbackPorts, SAMPLE_PORT_RANGE } from '../../../main/app/sample/sample-outbox';
import { DirectoryHost } from '../../../main/app/directory-host';
import { OutboxHost } from '../../../main/app/outbox-host';
import { openDelivery } from '../../../main/delivery/open-delivery';
import { emailChannel, smsChannel } from '../../../main/delivery/delivery';
import { OUTBOX_KEY_APP_SETTING } from '../../../main/delivery/outbox/identity';
import { startLocalOutboxFor } from '../../../main/delivery/outbox/tenant-outbox';
import { Secret } from '../../../main/domain/secret';
import { createIpcApp } from '../../../main/ipc/app';
import { createApi } from '../../../main/ipc/api';
import { buildServices, embeddedUsers } from '../../../main/app/build-services';
import { FAST_HASHER, sampleDirectory, tempDir, type SampleFixture } from '../../support/fixtures';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { value, codeOf } from '../../support/ipc-result';

let fx: SampleFixture;
before(async () => {
  fx = await sampleDirectory({ size: 60 });
});
after(() => fx.close());

test('the sample is created with delivery aimed at its own loopback outbox; the key stays out of the tenant settings', async () => {
  const { delivery } = await fx.store.stores.tenant.get();
  const { smtp, sms, localOutbox } = delivery;
  assert.ok(smtp && sms && localOutbox);
  assert.equal(smtp.host, '127.0.0.1');
  assert.equal(smtp.security, 'starttls');
  assert.equal(smtp.from, 'helpdesk@contoso.com');
  assert.equal(smtp.username, null);
  assert.match(smtp.caPem ?? '', /^-----BEGIN CERTIFICATE-----/);
  assert.equal(smtp.port, localOutbox.smtpPort);
  assert.equal(sms.url, `https://127.0.0.1:${localOutbox.smsPort}/sms`);
  assert.equal(sms.caPem, smtp.caPem, 'the SMS endpoint serves the same certificate as the SMTP server');
  assert.deepEqual(sms.fields, { to: 'to', text: 'text', from: 'from' });
  assert.notEqual(localOutbox.smtpPort, localOutbox.smsPort);
  const key = await fx.store.stores.appSettings.get(OUTBOX_KEY_APP_SETTING);
  assert.match(key ?? '', /-----BEGIN PRIVATE KEY-----/);
  // Tenant settings reach the renderer (getSettings): the key must not be among them.
  assert.doesNotMatch(JSON.stringify(await fx.store.stores.tenant.get()), /PRIVATE KEY/);
});

test('two samples get different ports (parallel e2e workers never share an outbox)', async () => {
  const dir = tempDir();
  try {
    const made = await Promise.all(
      ['a.sqlite', 'b.sqlite'].map((name) => initDirectory(join(dir.path, name), { kind: 'sample', size: 30, seed: 1 }, { hasher: FAST_HASHER })),
    );
    const ports = made.flatMap(({ store }) => {
      const { smtpPort, smsPort } = store.tenant.get().delivery.localOutbox!;
      store.close();
      return [smtpPort, smsPort];
    });
    assert.equal(new Set(ports).size, 4, `ports ${ports.join(', ')}`);
  } finally {
    dir.cleanup();
  }
});

test('sample ports: free now, distinct, below the ephemeral range; a taken one is skipped; a crowded range falls back to the system', async () => {
  const ports = await freeLoopbackPorts(2);
  assert.equal(new Set(ports).size, 2);
  for (const port of ports) assert.ok(port >= SAMPLE_PORT_RANGE.min && port <= SAMPLE_PORT_RANGE.max, String(port));

  const blocker = createServer();
  blocker.listen(ports[0], '127.0.0.1');
  await once(blocker, 'listening');
  try {
    // The draw offers the taken port first, then the other one.
    const draws = [ports[0]!, ports[0]!, ports[1]!].map((p) => (p - SAMPLE_PORT_RANGE.min + 0.5) / (SAMPLE_PORT_RANGE.max - SAMPLE_PORT_RANGE.min + 1));
    assert.deepEqual(await freeLoopbackPorts(1, () => draws.shift() ?? 0), [ports[1]]);
    // Nothing but the taken port: after the tries, the system picks one.
    const [fallback] = await freeLoopbackPorts(1, () => (ports[0]! - SAMPLE_PORT_RANGE.min + 0.5) / (SAMPLE_PORT_RANGE.max - SAMPLE_PORT_RANGE.min + 1));
    assert.ok(fallback !== undefined && fallback !== ports[0]);
  } finally {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  }
});

test('an empty tenant has no outbox', async () => {
  const dir = tempDir();
  try {
    const { store } = await initDirectory(join(dir.path, 'e.sqlite'), { kind: 'empty', tenantName: 'Fabrikam', domain: 'fabrikam.com' }, { hasher: FAST_HASHER });
    assert.deepEqual((await store.stores.tenant.get()).delivery, { smtp: null, sms: null, localOutbox: null });
    assert.equal(await store.stores.appSettings.get(OUTBOX_KEY_APP_SETTING), null);
    const host = new OutboxHost(DirectoryHost.over(buildServices(store, embeddedUsers, { hasher: FAST_HASHER }), store.path, { hasher: FAST_HASHER }));
    await host.sync();
    assert.equal((await host.view()).status, 'none');
    store.close();
  } finally {
    dir.cleanup();
  }
});

test('OutboxHost runs the outbox the settings name; the tenant mailer and gateway reach it; close frees the ports', async () => {
  const outboxHost = new OutboxHost(DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER }));
  await outboxHost.sync();
  await outboxHost.sync(); // idempotent: a second sync keeps the running outbox
  const view = await outboxHost.view();
  const { smtpPort, smsPort } = (await fx.store.stores.tenant.get()).delivery.localOutbox!;
  assert.equal(view.status, 'running');
  assert.equal(view.address, `SMTP 127.0.0.1:${smtpPort} (STARTTLS), SMS https://127.0.0.1:${smsPort}/sms`);

  // No keychain at all: the sample needs none (no SMTP user, no token on loopback).
  const secrets = new MemorySecretStore();
  secrets.unavailable = true;
  const delivery = await openDelivery(await fx.store.stores.tenant.get(), secrets);
  await emailChannel(delivery).send({ to: ['adele@contoso.com'], subject: 'Your Contoso verification code', text: new Secret('112233 is your code') });
  await smsChannel(delivery).send({ to: '+1 425 555 0143', text: new Secret('445566 is your code') });
  await delivery.close();
  const [sms, mail] = (await outboxHost.view()).messages;
  assert.equal(mail?.from, 'helpdesk@contoso.com');
  assert.deepEqual(mail?.to, ['adele@contoso.com']);
  assert.equal(mail?.text, '112233 is your code');
  assert.equal(sms?.from, 'Contoso');
  assert.equal(sms?.text, '445566 is your code');

  await outboxHost.close();
  assert.equal((await outboxHost.view()).status, 'none');
  // The ports are free again: the test process can take the outbox itself.
  const again = await startLocalOutboxFor(fx.store.stores);
  assert.equal(again?.smtpPort, smtpPort);
  await again?.close();
});

test("a port another program holds: status 'unavailable' with the reason, no crash; freed, the next sync starts it", async () => {
  const { smsPort } = (await fx.store.stores.tenant.get()).delivery.localOutbox!;
  const blocker = createServer();
  blocker.listen(smsPort, '127.0.0.1');
  await once(blocker, 'listening');
  const outboxHost = new OutboxHost(DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER }));
  try {
    await outboxHost.sync();
    const view = await outboxHost.view();
    assert.equal(view.status, 'unavailable');
    assert.match(view.reason ?? '', new RegExp(`Another program .* is using .*127\\.0\\.0\\.1:${smsPort}`));
  } finally {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  }
  // Tried again on the next sync (the Outbox screen's refresh): the port is free now.
  await outboxHost.sync();
  assert.equal((await outboxHost.view()).status, 'running');
  await outboxHost.close();
});

test('a port its previous run still holds for a moment is waited for: the outbox starts without a second sync', async () => {
  const { smsPort } = (await fx.store.stores.tenant.get()).delivery.localOutbox!;
  const blocker = createServer();
  blocker.listen(smsPort, '127.0.0.1');
  await once(blocker, 'listening');
  let tries = 0;
  const outboxHost = new OutboxHost(DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER }), async (options) => {
    // The first try meets the port still held; the old run lets go of it right after.
    if (++tries === 1) setImmediate(() => blocker.close());
    const { LocalOutbox } = await import('../../../main/delivery/outbox/local-outbox');
    return LocalOutbox.start(options);
  });
  await outboxHost.sync();
  assert.equal((await outboxHost.view()).status, 'running');
  assert.ok(tries >= 2, 'tried again after the port was taken');
  await outboxHost.close();
});

test('a missing key: unavailable, saying so', async () => {
  const dir = tempDir();
  try {
    const { store } = await initDirectory(join(dir.path, 'k.sqlite'), { kind: 'sample', size: 30, seed: 2 }, { hasher: FAST_HASHER });
    await store.stores.appSettings.set(OUTBOX_KEY_APP_SETTING, null);
    const host = new OutboxHost(DirectoryHost.over(buildServices(store, embeddedUsers, { hasher: FAST_HASHER }), store.path, { hasher: FAST_HASHER }));
    await host.sync();
    assert.equal((await host.view()).status, 'unavailable');
    assert.match((await host.view()).reason ?? '', /key is missing/);
    await host.close();
    store.close();
  } finally {
    dir.cleanup();
  }
});

test('listOutbox: signed-in agents only; lists what arrived; status none without an outbox', async () => {
  const directoryHost = DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock });
  const outboxHost = new OutboxHost(directoryHost);
  const app = createIpcApp({
    host: directoryHost,
    outbox: outboxHost,
    clipboard: new MemoryClipboard(),
    clock: fx.clock,
    isTrustedSender: () => true,
  });
  const api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), 'app://resetdesk/index.html', request));
  try {
    assert.equal(codeOf(await api.listOutbox({})), 'NOT_SIGNED_IN');
    const upn = 'helpdesk.admin@contoso.com';
    value(await api.signIn({ upn, password: fx.passwordOf(upn).reveal() }));
    assert.equal(codeOf(await app.dispatch('listOutbox', 'app://resetdesk/index.html', { extra: 1 })), 'INVALID_INPUT');
    // listOutbox starts the outbox itself when it is not running yet (the file came after start-up).
    const first = value(await api.listOutbox({}));
    assert.equal(first.status, 'running');
    const delivery = await openDelivery(await fx.store.stores.tenant.get(), new MemorySecretStore());
    await smsChannel(delivery).send({ to: '+1 425 555 0100', text: 'listed' });
    const listed = value(await api.listOutbox({}));
    assert.equal(listed.messages[0]?.text, 'listed');
    assert.equal(listed.messages[0]?.channel, 'sms');
  } finally {
    await app.shutdown();
    await outboxHost.close();
  }
  const bare = createIpcApp({ host: directoryHost, clipboard: new MemoryClipboard(), clock: fx.clock, isTrustedSender: () => true });
  const bareApi = createApi((channel, request) => bare.dispatch(channel.replace(/^resetdesk:/, ''), 'x', request));
  const upn = 'helpdesk.admin@contoso.com';
  value(await bareApi.signIn({ upn, password: fx.passwordOf(upn).reveal() }));
  assert.deepEqual(value(await bareApi.listOutbox({})), { status: 'none', address: null, reason: null, messages: [], note: null });
  await bare.shutdown();
});
