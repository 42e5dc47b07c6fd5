/**
 * Issue 16 item 7, in process: the sample works with Resetdesk closed. The
 * tenant's own channels, opened over the local file (openDelivery with
 * `local`, as the CLI's services open them), start the sample's outbox for
 * their sends when its ports are free, so mail and SMS still travel for real,
 * and what it receives is kept sealed in the file; with the app open, they
 * send to the app's outbox, which keeps what it receives too; when the app
 * opens, its Outbox shows what was kept while it was closed. The keychain is
 * the in-memory stand-in (the real one: test/integration/cli/outbox-cli.test.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DirectoryHost } from '../../../main/app/directory-host';
import { OutboxHost } from '../../../main/app/outbox-host';
import { emailChannel, smsChannel } from '../../../main/delivery/delivery';
import { verificationCodeEmail, verificationCodeSms } from '../../../main/delivery/messages';
import { openDelivery } from '../../../main/delivery/open-delivery';
import { KeptOutbox } from '../../../main/delivery/outbox/kept-outbox';
import { startLocalOutboxFor } from '../../../main/delivery/outbox/tenant-outbox';
import { Secret } from '../../../main/domain/secret';
import { buildServices, embeddedUsers } from '../../../main/app/build-services';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { refusal } from '../../support/refusal';

let fx: SampleFixture;
/** The one keychain of this computer, as the app and the CLI share the OS keychain. */
const keychain = new MemorySecretStore();
before(async () => {
  fx = await sampleDirectory({ size: 40 });
});
after(() => fx.close());

const tenant = () => fx.store.tenant.get();

/** Sends a code by email and by SMS through the tenant's channels opened over the local file. */
async function sendCodes(secrets: MemorySecretStore, email: string, sms: string): Promise<void> {
  const delivery = await openDelivery(tenant(), secrets, { stores: fx.store.stores });
  try {
    await emailChannel(delivery).send(verificationCodeEmail(['adele.vance@contoso.com'], { tenantName: 'Contoso', code: new Secret(email) }));
    await smsChannel(delivery).send(verificationCodeSms('+1 425 555 0143', { tenantName: 'Contoso', code: new Secret(sms) }));
  } finally {
    await delivery.close();
  }
}

async function keptTexts(secrets: MemorySecretStore): Promise<string[]> {
  return (await new KeptOutbox(fx.store.stores, secrets).list()).messages.map((m) => m.text);
}

test('Resetdesk closed: the sender runs the outbox for its sends; mail and SMS travel and are kept; the ports are free after', async () => {
  const secrets = keychain;
  await sendCodes(secrets, '310001', '310002');
  const texts = await keptTexts(secrets);
  assert.equal(texts.filter((t) => t.includes('310001')).length, 1, 'the email, kept once');
  assert.equal(texts.filter((t) => t.includes('310002')).length, 1, 'the SMS, kept once');
  const [sms, mail] = (await new KeptOutbox(fx.store.stores, secrets).list()).messages;
  assert.deepEqual([sms?.channel, sms?.to, sms?.from], ['sms', ['+1 425 555 0143'], 'Contoso']);
  assert.deepEqual([mail?.channel, mail?.to, mail?.subject], ['email', ['adele.vance@contoso.com'], 'Your Contoso verification code']);
  // Closed with the channels: the app (or the test) can take the ports.
  const outbox = await startLocalOutboxFor(fx.store.stores);
  await outbox?.close();
});

test('Resetdesk closed and no keychain: the channels do not open (SECRET_STORE_UNAVAILABLE, saying why), nothing is kept, the ports stay free', async () => {
  const noKeychain = new MemorySecretStore();
  noKeychain.unavailable = true;
  const rows = () => (fx.store.db.prepare('SELECT count(*) AS n FROM outbox_messages').get() as { n: number }).n;
  const before = rows();
  const error = await refusal(openDelivery(tenant(), noKeychain, { stores: fx.store.stores }), 'SECRET_STORE_UNAVAILABLE');
  assert.match(error.message, /The sample's messages cannot be kept \(they are sealed with a key it holds\), so none was sent\.$/);
  assert.doesNotMatch(error.message, /\n/);
  assert.equal(rows(), before);
  const outbox = await startLocalOutboxFor(fx.store.stores);
  await outbox?.close();
});

test('Resetdesk open: the messages go to its outbox, which keeps each once; the Outbox shows what was kept while it was closed, and what arrives', async () => {
  const secrets = keychain;
  // Sent while the app was closed.
  await sendCodes(secrets, '420001', '420002');
  const services = buildServices(fx.store, embeddedUsers, { hasher: FAST_HASHER, secrets });
  const app = new OutboxHost(DirectoryHost.over(services, fx.dbPath, { hasher: FAST_HASHER }));
  try {
    await app.sync();
    const opened = await app.view();
    assert.equal(opened.status, 'running');
    assert.equal(opened.note, null);
    assert.ok(opened.messages.some((m) => m.text.includes('420001')), 'the email sent while it was closed');
    assert.ok(opened.messages.some((m) => m.text.includes('420002')), 'the SMS sent while it was closed');

    // Sent while it runs: the ports are the app's, so the sender starts nothing and the app's outbox receives.
    await sendCodes(secrets, '420003', '420004');
    const live = await app.view();
    assert.equal(live.messages.filter((m) => m.text.includes('420003')).length, 1, 'listed once, live and kept');
    assert.deepEqual(live.messages.map((m) => m.at), [...live.messages.map((m) => m.at)].sort().reverse(), 'newest first');
    const texts = await keptTexts(secrets);
    assert.equal(texts.filter((t) => t.includes('420003')).length, 1, 'kept once, by the app');
    assert.equal(texts.filter((t) => t.includes('420004')).length, 1);
  } finally {
    await app.close();
  }
});

test("the app without a keychain: what arrives is shown, not kept, and the Outbox says so; an outbox that cannot start: kept messages still shown", async () => {
  const secrets = keychain;
  await sendCodes(secrets, '530001', '530002');
  const noKeychain = new MemorySecretStore();
  noKeychain.unavailable = true;
  const app = new OutboxHost(DirectoryHost.over(buildServices(fx.store, embeddedUsers, { hasher: FAST_HASHER, secrets: noKeychain }), fx.dbPath, { hasher: FAST_HASHER }));
  try {
    await app.sync();
    assert.match((await app.view()).note ?? '', /kept in the local file cannot be read: The system keychain is not available/);
    await sendCodes(secrets, '530003', '530004');
    const view = await app.view();
    assert.ok(view.messages.some((m) => m.text.includes('530003')), 'shown live');
    assert.match(view.note ?? '', /^Messages arriving now are shown until Resetdesk closes, not kept: The system keychain is not available/);
    assert.equal((await keptTexts(secrets)).filter((t) => t.includes('530003')).length, 0, 'not kept');
  } finally {
    await app.close();
  }

  // The app's outbox cannot start (this computer refuses it the port): what was kept is still there to read.
  const blocked = new OutboxHost(DirectoryHost.over(buildServices(fx.store, embeddedUsers, { hasher: FAST_HASHER, secrets }), fx.dbPath, { hasher: FAST_HASHER }), async () => {
    throw Object.assign(new Error('taken'), { code: 'EACCES' });
  });
  try {
    await blocked.sync();
    const view = await blocked.view();
    assert.equal(view.status, 'unavailable');
    assert.ok(view.messages.some((m) => m.text.includes('530001')));
  } finally {
    await blocked.close();
  }
});
