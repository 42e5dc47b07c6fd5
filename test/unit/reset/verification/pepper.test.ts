import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../../../main/domain/errors';
import { pepperAccount, pepperForCheck, pepperForSend } from '../../../../main/reset/verification/pepper';
import { MemorySecretStore } from '../../../support/memory-secret-store';

const TENANT = 'tenant-1';
const isCode = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

/** One at a time, in this process: what the local file's lock does across processes. */
function mutex() {
  let tail: Promise<unknown> = Promise.resolve();
  let running = 0;
  let most = 0;
  const serialise = <T>(work: () => Promise<T>): Promise<T> => {
    const run = async () => {
      most = Math.max(most, ++running);
      try {
        return await work();
      } finally {
        running--;
      }
    };
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
  return { serialise, most: () => most };
}

test('made in the keychain on the first send, 32 random bytes filed under code-pepper:<tenant>; the same one afterwards', async () => {
  const keychain = new MemorySecretStore();
  assert.equal(pepperAccount(TENANT), 'code-pepper:tenant-1', 'a name an administrator can find in the keychain');
  assert.equal(await pepperForCheck(keychain, TENANT), null, 'none before the first send');
  assert.equal(await keychain.get(pepperAccount(TENANT)), null, 'a check makes none');
  const first = await pepperForSend(keychain, TENANT, mutex().serialise);
  assert.equal(first.key.length, 32);
  assert.equal(await keychain.get(pepperAccount(TENANT)), first.key.toString('base64url'));
  const again = await pepperForSend(keychain, TENANT, mutex().serialise);
  assert.deepEqual(again, first);
  assert.deepEqual(await pepperForCheck(keychain, TENANT), first);
  const other = await pepperForSend(keychain, 'tenant-2', mutex().serialise);
  assert.notEqual(other.id, first.id, 'one per tenant');
});

test('first sends at once make one pepper between them: the making is serialised and reads again under the lock', async () => {
  const keychain = new MemorySecretStore();
  const lock = mutex();
  const peppers = await Promise.all(Array.from({ length: 8 }, () => pepperForSend(keychain, TENANT, lock.serialise)));
  assert.equal(new Set(peppers.map((p) => p.id)).size, 1);
  assert.equal(lock.most(), 1);
  assert.equal(await keychain.get(pepperAccount(TENANT)), peppers[0]!.key.toString('base64url'));
});

test('a keychain that cannot be used is SECRET_STORE_UNAVAILABLE, for a send and a check; a damaged pepper is not used', async () => {
  const keychain = new MemorySecretStore();
  keychain.unavailable = true;
  await assert.rejects(pepperForSend(keychain, TENANT, mutex().serialise), (e: unknown) => {
    assert.ok(isCode('SECRET_STORE_UNAVAILABLE')(e), String(e));
    assert.match((e as Error).message, /the key that protects verification codes/);
    assert.doesNotMatch((e as Error).message, /\n/);
    return true;
  });
  await assert.rejects(pepperForCheck(keychain, TENANT), isCode('SECRET_STORE_UNAVAILABLE'));
  const damaged = new MemorySecretStore({ [pepperAccount(TENANT)]: Buffer.alloc(16, 1).toString('base64url') });
  await assert.rejects(pepperForSend(damaged, TENANT, mutex().serialise), isCode('SECRET_STORE_UNAVAILABLE'));
  await assert.rejects(pepperForCheck(damaged, TENANT), isCode('SECRET_STORE_UNAVAILABLE'));
});
