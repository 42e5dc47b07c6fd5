import assert from 'node:assert/strict';
import { randomBytes, scryptSync } from 'node:crypto';
import { test } from 'node:test';
import { PasswordHasher } from '../../../main/reset/hashing';

/**
 * The limits of what a stored hash may say, which `npm run mutate` found
 * untested: each bound moved by one passed the suite. Small costs (N=2^4) keep
 * these fast; the parameters are the point, not the work.
 */
const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

/** A PHC string made without PasswordHasher, so the test does not trust the code it checks. */
function phc(password: string, logN: number, r: number, p: number, saltBytes = 16, keyBytes = 32): string {
  const salt = randomBytes(saltBytes);
  const key = scryptSync(password, salt, keyBytes, { N: 2 ** logN, r, p });
  return `$scrypt$ln=${logN},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
}

const hasher = new PasswordHasher({ logN: 4, r: 8, p: 1 });

test('hashes with one-digit and two-digit parameters verify, up to p=16', async () => {
  for (const [logN, r, p] of [[4, 8, 1], [9, 8, 1], [4, 16, 1], [4, 8, 12], [4, 8, 16], [4, 100, 1]] as const) {
    const stored = phc('Right-Passw0rd', logN, r, p);
    assert.equal((await hasher.verify('Right-Passw0rd', stored)).ok, true, stored.split('$')[2]);
    assert.equal((await hasher.verify('Wrong-Passw0rd', stored)).ok, false);
  }
  assert.doesNotThrow(() => new PasswordHasher({ logN: 4, r: 8, p: 16 }));
  assert.throws(() => new PasswordHasher({ logN: 4, r: 8, p: 17 }), RangeError);
});

test('the memory cap counts scrypt\'s p + 2 extra blocks: N=2^21, r=1 is just over 256 MiB', () => {
  // 128 * 1 * 2^21 is exactly 256 MiB; the p + 2 blocks take it over.
  assert.throws(() => new PasswordHasher({ logN: 21, r: 1, p: 3 }), RangeError);
  // 128 * 2^18 * (2 + 4 + 2) is exactly 256 MiB: the cap itself is allowed.
  assert.doesNotThrow(() => new PasswordHasher({ logN: 1, r: 2 ** 18, p: 4 }));
});

test('anything around or inside a stored hash that is not the exact shape is refused as malformed', async () => {
  const good = phc('Right-Passw0rd', 4, 8, 1);
  for (const stored of [`x${good}`, `${good}$`, `${good} `, 'garbage', good.replace('ln=4', 'ln=04')]) {
    await assert.rejects(hasher.verify('Right-Passw0rd', stored), /^Error: The stored password hash is malformed\.$/);
  }
});

test('an 8-byte salt and a 16-byte key are the shortest accepted, and both ask for a re-hash', async () => {
  const shortSalt = phc('Right-Passw0rd', 4, 8, 1, 8, 32);
  const shortKey = phc('Right-Passw0rd', 4, 8, 1, 16, 16);
  for (const stored of [shortSalt, shortKey]) {
    assert.deepEqual(
      await hasher.verify('Right-Passw0rd', stored).then((v) => ({ ok: v.ok, needsRehash: v.needsRehash })),
      { ok: true, needsRehash: true },
    );
  }
  await assert.rejects(hasher.verify('Right-Passw0rd', phc('Right-Passw0rd', 4, 8, 1, 7, 32)), /malformed/);
  await assert.rejects(hasher.verify('Right-Passw0rd', phc('Right-Passw0rd', 4, 8, 1, 16, 15)), /malformed/);
});
