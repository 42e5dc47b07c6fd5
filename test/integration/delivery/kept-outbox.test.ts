/**
 * The sample outbox's messages kept in the local file (KeptOutbox over a real
 * SQLite sample file): sealed whole, so the file's bytes (and its WAL's) hold
 * no code, password or recipient; listed newest first; bounded by number and
 * age; unreadable with another keychain's key or moved to another row. The
 * keychain is the in-memory stand-in; gnome-keyring itself is used by
 * test/integration/cli/outbox-cli.test.ts.
 */
import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { KeptOutbox, KEPT_OUTBOX_DAYS, outboxSealAccount } from '../../../main/delivery/outbox/kept-outbox';
import { OUTBOX_CAPACITY, type OutboxMessage } from '../../../main/delivery/outbox/message';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { refusal } from '../../support/refusal';

let fx: SampleFixture;
let tenantId: string;
before(async () => {
  fx = await sampleDirectory({ size: 30 });
  tenantId = (await fx.store.stores.tenant.get()).tenantId;
});
after(() => fx.close());

const DAY = 24 * 60 * 60 * 1000;

/** Each test starts from an empty outbox (each keychain stand-in has a key of its own). */
beforeEach(() => fx.store.db.prepare('DELETE FROM outbox_messages').run());

function message(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: randomUUID(),
    at: new Date(fx.clock()).toISOString(),
    channel: 'email',
    from: 'helpdesk@contoso.com',
    to: ['kept.recipient@example.org'],
    subject: 'Your Contoso temporary password',
    text: 'Your temporary password is Qz7-Kept-Pw-4411.',
    ...overrides,
  };
}

/** The raw bytes of the file and of its WAL and shared memory, as another account copying them would get. */
function rawBytes(): string {
  return ['', '-wal', '-shm']
    .map((suffix) => `${fx.dbPath}${suffix}`)
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('');
}

test('kept messages come back newest first, in full; the file and its WAL hold none of them in clear', async () => {
  const secrets = new MemorySecretStore();
  const kept = new KeptOutbox(fx.store.stores, secrets);
  const mail = message();
  fx.clock.advance(1000);
  const sms = message({ channel: 'sms', from: 'Contoso', to: ['+1 425 555 9917'], subject: null, text: '558812 is your Contoso verification code.' });
  await kept.keep(mail);
  await kept.keep(sms);
  const { messages, unreadable } = await kept.list();
  assert.equal(unreadable, 0);
  assert.deepEqual(messages.slice(0, 2), [sms, mail]);
  assert.ok(await secrets.get(outboxSealAccount(tenantId)), 'the sealing key is in the keychain');

  const raw = rawBytes();
  for (const clear of ['Qz7-Kept-Pw-4411', '558812', 'kept.recipient@example.org', '425 555 9917', 'temporary password']) {
    assert.ok(!raw.includes(clear), `${clear} is not in the file in clear`);
  }
});

test(`the bound: the newest ${OUTBOX_CAPACITY}, none older than ${KEPT_OUTBOX_DAYS} days`, async () => {
  const kept = new KeptOutbox(fx.store.stores, new MemorySecretStore());
  const old = message({ text: 'old' });
  await kept.keep(old);
  fx.clock.advance(KEPT_OUTBOX_DAYS * DAY + 1);
  assert.ok(!(await kept.list()).messages.some((m) => m.id === old.id), 'not listed once older than the bound');
  for (let i = 0; i < OUTBOX_CAPACITY + 3; i++) {
    fx.clock.advance(1);
    await kept.keep(message({ text: `n${i}` }));
  }
  const rows = fx.store.db.prepare('SELECT count(*) AS n FROM outbox_messages').get() as { n: number };
  assert.equal(rows.n, OUTBOX_CAPACITY, 'pruned at each arrival: the old one and the oldest three are gone');
  const { messages } = await kept.list();
  assert.equal(messages.length, OUTBOX_CAPACITY);
  assert.equal(messages[0]?.text, `n${OUTBOX_CAPACITY + 2}`);
  assert.equal(messages.at(-1)?.text, 'n3');
  assert.equal((await kept.list(5)).messages.length, 5);
});

test("another keychain's key opens nothing; a sealed message moved to another row does not open", async () => {
  const secrets = new MemorySecretStore();
  const kept = new KeptOutbox(fx.store.stores, secrets);
  await kept.keep(message({ text: 'mine' }));
  await kept.keep(message({ text: 'mine too' }));

  // Another computer's keychain: a key of its own under the same account.
  const other = new MemorySecretStore({ [outboxSealAccount(tenantId)]: Buffer.alloc(32, 7).toString('base64url') });
  const read = await new KeptOutbox(fx.store.stores, other).list();
  assert.equal(read.messages.length, 0);
  assert.equal(read.unreadable, 2);

  // A keychain without the key: said, not guessed.
  const error = await refusal(new KeptOutbox(fx.store.stores, new MemorySecretStore()).list(), 'SECRET_STORE_UNAVAILABLE');
  assert.match(error.message, /not in this keychain/);

  // The sealed text of one row copied onto another: bound to its own row, it does not open there.
  const [first, second] = fx.store.db.prepare('SELECT id, sealed FROM outbox_messages ORDER BY received_at DESC LIMIT 2').all() as { id: string; sealed: string }[];
  fx.store.db.prepare('UPDATE outbox_messages SET sealed = ? WHERE id = ?').run(first!.sealed, second!.id);
  const swapped = await kept.list();
  assert.equal(swapped.unreadable, 1);
  assert.ok(!swapped.messages.some((m) => m.id === second!.id));
});

test('no keychain: nothing is kept (SECRET_STORE_UNAVAILABLE, saying so); an empty outbox is listed without asking it', async () => {
  const secrets = new MemorySecretStore();
  secrets.unavailable = true;
  const kept = new KeptOutbox(fx.store.stores, secrets);
  const count = () => (fx.store.db.prepare('SELECT count(*) AS n FROM outbox_messages').get() as { n: number }).n;
  const rows = count();
  const error = await refusal(kept.keep(message()), 'SECRET_STORE_UNAVAILABLE');
  assert.match(error.message, /the sample outbox's messages/);
  assert.equal(count(), rows);
  await refusal(kept.ready(), 'SECRET_STORE_UNAVAILABLE');
  assert.deepEqual(await kept.list(), { messages: [], unreadable: 0 });
});
