import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../../../main/domain/errors';
import { Secret } from '../../../../main/domain/secret';
import { seal, sealAccount, unseal } from '../../../../main/reset/verification/sealing';
import { MemorySecretStore } from '../../../support/memory-secret-store';

const TOTP = new Secret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');

test('sealed with AES-256-GCM under a key made in the keychain on first use; the sealed text does not hold the secret', async () => {
  const keychain = new MemorySecretStore();
  const sealed = await seal(TOTP, keychain, 'tenant-1');
  assert.match(sealed, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.ok(!sealed.includes(TOTP.reveal()));
  const key = await keychain.get(sealAccount('tenant-1'));
  assert.equal(Buffer.from(key!, 'base64url').length, 32);
  assert.equal((await unseal(sealed, keychain, 'tenant-1')).reveal(), TOTP.reveal());
  assert.notEqual(await seal(TOTP, keychain, 'tenant-1'), sealed, 'a fresh IV each time');
  assert.equal(await keychain.get(sealAccount('tenant-1')), key, 'the key is made once');
});

test('another keychain, another tenant or a changed byte does not open it', async () => {
  const keychain = new MemorySecretStore();
  const sealed = await seal(TOTP, keychain, 'tenant-1');
  const other = new MemorySecretStore({ [sealAccount('tenant-1')]: Buffer.alloc(32, 7).toString('base64url') });
  await assert.rejects(unseal(sealed, other, 'tenant-1'), (e: unknown) => e instanceof DomainError && e.code === 'SECRET_STORE_UNAVAILABLE');
  await seal(TOTP, keychain, 'tenant-2');
  await assert.rejects(unseal(sealed, keychain, 'tenant-2'), (e: unknown) => e instanceof DomainError && e.code === 'SECRET_STORE_UNAVAILABLE');
  const parts = sealed.split('.');
  const body = Buffer.from(parts[2]!, 'base64url');
  body[0] = body[0]! ^ 1;
  parts[2] = body.toString('base64url');
  await assert.rejects(unseal(parts.join('.'), keychain, 'tenant-1'), (e: unknown) => e instanceof DomainError && !e.message.includes(TOTP.reveal()));
});

test('a keychain that cannot be used is SECRET_STORE_UNAVAILABLE, on sealing and on opening', async () => {
  const keychain = new MemorySecretStore();
  const sealed = await seal(TOTP, keychain, 't');
  keychain.unavailable = true;
  await assert.rejects(seal(TOTP, keychain, 't'), (e: unknown) => e instanceof DomainError && e.code === 'SECRET_STORE_UNAVAILABLE');
  await assert.rejects(unseal(sealed, keychain, 't'), (e: unknown) => e instanceof DomainError && e.code === 'SECRET_STORE_UNAVAILABLE');
  await assert.rejects(unseal(sealed, new MemorySecretStore(), 't'), (e: unknown) => e instanceof DomainError && e.code === 'SECRET_STORE_UNAVAILABLE');
});

test('opening never makes a key: a keychain without it or with a damaged one says so; a sealed text of another shape is refused', async () => {
  const isCode = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;
  const keychain = new MemorySecretStore();
  const sealed = await seal(TOTP, keychain, 't');
  assert.equal(sealAccount('t'), 'totp-seal:t', 'filed under a name an administrator can find in the keychain');
  const empty = new MemorySecretStore();
  await assert.rejects(unseal(sealed, empty, 't'), isCode('SECRET_STORE_UNAVAILABLE'));
  assert.equal(await empty.get(sealAccount('t')), null, 'opening made no key');
  const damaged = new MemorySecretStore({ [sealAccount('t')]: Buffer.alloc(16, 1).toString('base64url') });
  await assert.rejects(seal(TOTP, damaged, 't'), isCode('SECRET_STORE_UNAVAILABLE'), 'a key of the wrong size is not used');
  const parts = sealed.split('.');
  for (const bad of [['v2', ...parts.slice(1)], parts.slice(0, 3), ['v1', '', parts[2]!, parts[3]!], ['v1', parts[1]!, '', parts[3]!]]) {
    await assert.rejects(unseal(bad.join('.'), keychain, 't'), isCode('INTERNAL'), bad.join('.'));
  }
});
