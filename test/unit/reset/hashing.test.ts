import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, scryptSync } from 'node:crypto';
import fc from 'fast-check';
import { DomainError } from '../../../main/domain/errors';
import { OWASP_SCRYPT, PasswordHasher } from '../../../main/reset/hashing';

// Fast parameters for most tests (1 MiB, a few ms); OWASP ones where it matters.
const FAST = { logN: 10, r: 8, p: 1 };
const fast = new PasswordHasher(FAST);
const PHC = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function parts(stored: string) {
  const m = PHC.exec(stored);
  assert.ok(m, stored);
  return {
    ln: Number(m[1]),
    r: Number(m[2]),
    p: Number(m[3]),
    salt: Buffer.from(m[4] ?? '', 'base64'),
    key: Buffer.from(m[5] ?? '', 'base64'),
    keyText: m[5] ?? '',
  };
}

/** setImmediate callbacks that ran while `work` was pending. */
async function ticksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  let running = true;
  const spin = () => {
    if (!running) return;
    ticks++;
    setImmediate(spin);
  };
  setImmediate(spin);
  try {
    await work();
  } finally {
    running = false; // also on failure, or the spinning keeps the test process alive
  }
  return ticks;
}

test('OWASP defaults: N=2^17, r=8, p=1', () => {
  assert.deepEqual({ ...OWASP_SCRYPT }, { logN: 17, r: 8, p: 1 });
  assert.deepEqual({ ...new PasswordHasher().params }, { logN: 17, r: 8, p: 1 });
});

test('hash and verify with the OWASP defaults', async () => {
  const hasher = new PasswordHasher();
  const stored = await hasher.hash('Correct Horse 9');
  assert.match(stored, /^\$scrypt\$ln=17,r=8,p=1\$/);
  assert.deepEqual(await hasher.verify('Correct Horse 9', stored), {
    ok: true,
    needsRehash: false,
    attemptDigest: parts(stored).keyText,
  });
  assert.equal((await hasher.verify('Correct Horse 8', stored)).ok, false);
});

test('the event loop keeps turning while an OWASP hash runs', async () => {
  const hasher = new PasswordHasher();
  const ticks = await ticksDuring(() => hasher.hash('Correct Horse 9'));
  assert.ok(ticks > 0, `ticks: ${ticks}`);
});

test('the tick counter does notice blocking work (sanity check of the harness)', async () => {
  const ticks = await ticksDuring(async () => {
    const end = Date.now() + 30;
    while (Date.now() < end) {
      // busy-wait, as scryptSync would
    }
  });
  assert.equal(ticks, 0);
});

test('PHC format: parameters, 16-byte salt and 32-byte key in unpadded base64', async () => {
  const stored = await fast.hash('Summer2024!');
  const { ln, r, p, salt, key } = parts(stored);
  assert.deepEqual({ ln, r, p }, { ln: 10, r: 8, p: 1 });
  assert.equal(salt.length, 16);
  assert.equal(key.length, 32);
  assert.equal(stored.split('$').length, 5);
  assert.ok(!stored.split('$').slice(3).join('').includes('=')); // no padding
  assert.ok(!stored.includes('Summer2024!'));
});

test('verify: right password ok, wrong password not, case and whitespace matter', async () => {
  const stored = await fast.hash('Summer2024!');
  assert.equal((await fast.verify('Summer2024!', stored)).ok, true);
  for (const wrong of ['summer2024!', 'Summer2024', 'Summer2024! ', '', 'Summer2024!Summer2024!']) {
    assert.equal((await fast.verify(wrong, stored)).ok, false, wrong);
  }
});

test('every hash gets its own salt', async () => {
  const hashes = await Promise.all(Array.from({ length: 5 }, () => fast.hash('same password')));
  assert.equal(new Set(hashes.map((h) => parts(h).salt.toString('hex'))).size, 5);
  for (const stored of hashes) assert.equal((await fast.verify('same password', stored)).ok, true);
});

test('attemptDigest: stable for the same attempt, different for another, equal to the key when right', async () => {
  const stored = await fast.hash('Summer2024!');
  const a = await fast.verify('Winter2024!', stored);
  const b = await fast.verify('Winter2024!', stored);
  const c = await fast.verify('Autumn2024!', stored);
  assert.equal(a.attemptDigest, b.attemptDigest);
  assert.notEqual(a.attemptDigest, c.attemptDigest);
  assert.equal(Buffer.from(a.attemptDigest, 'base64').length, 32);
  assert.equal((await fast.verify('Summer2024!', stored)).attemptDigest, parts(stored).keyText);
  // Another hash of the same password has another salt, hence another digest.
  const other = await fast.hash('Summer2024!');
  assert.notEqual((await fast.verify('Winter2024!', other)).attemptDigest, a.attemptDigest);
});

test('old parameters still verify and ask for a rehash, only when the password is right', async () => {
  for (const old of [{ logN: 11, r: 8, p: 1 }, { logN: 10, r: 4, p: 1 }, { logN: 10, r: 8, p: 2 }]) {
    const stored = await new PasswordHasher(old).hash('Summer2024!');
    assert.deepEqual(
      { ...(await fast.verify('Summer2024!', stored)), attemptDigest: '' },
      { ok: true, needsRehash: true, attemptDigest: '' },
      JSON.stringify(old),
    );
    const wrong = await fast.verify('Winter2024!', stored);
    assert.deepEqual([wrong.ok, wrong.needsRehash], [false, false]);
  }
  const current = await fast.hash('Summer2024!');
  assert.equal((await fast.verify('Summer2024!', current)).needsRehash, false);
});

test('verify uses the stored parameters and key length (RFC 7914 test vector)', async () => {
  // scrypt("pleaseletmein", "SodiumChloride", N=16384, r=8, p=1, dkLen=64).
  const key = Buffer.from(
    '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2' +
      'd5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
    'hex',
  );
  const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
  const stored = `$scrypt$ln=14,r=8,p=1$${b64(Buffer.from('SodiumChloride'))}$${b64(key)}`;
  const result = await fast.verify('pleaseletmein', stored);
  assert.equal(result.ok, true);
  assert.equal(result.needsRehash, true); // other N and a 64-byte key
  assert.equal((await fast.verify('pleaseletmeim', stored)).ok, false);
});

test('a malformed stored hash throws a plain Error that does not repeat it', async () => {
  const good = await fast.hash('Summer2024!');
  const { salt, keyText } = parts(good);
  const saltText = salt.toString('base64').replace(/=+$/, '');
  const malformed = [
    '',
    'Summer2024!',
    good.replace('$scrypt$', '$argon2id$'),
    good + '$extra',
    good.replace('ln=10', 'ln=010'),
    good.replace('ln=10', 'ln=0'),
    good.replace('ln=10', 'ln=20'), // 1 GiB: over the memory ceiling
    good.replace('r=8', 'r=0'),
    good.replace('p=1', 'p=17'),
    good.replace('ln=10,r=8,p=1', 'r=8,ln=10,p=1'),
    `$scrypt$ln=10,r=8,p=1$${saltText}=$${keyText}`, // padding
    `$scrypt$ln=10,r=8,p=1$${saltText.replace(/^./, '-')}$${keyText}`, // url-safe alphabet
    `$scrypt$ln=10,r=8,p=1$${saltText}$${keyText.slice(0, 8)}`, // truncated key
    `$scrypt$ln=10,r=8,p=1$${saltText.slice(0, 4)}$${keyText}`, // 3-byte salt
    `$scrypt$ln=10,r=8,p=1$${saltText}$${keyText.slice(0, -1)}B`, // non-canonical last char
  ];
  for (const stored of malformed) {
    await assert.rejects(fast.verify('Summer2024!', stored), (error: unknown) => {
      assert.ok(error instanceof Error && !(error instanceof DomainError), stored);
      if (stored.length > 0) assert.ok(!error.message.includes(stored));
      assert.ok(!error.message.includes(keyText));
      return true;
    });
  }
});

test('verifyAgainstNothing is never ok and gives a stable digest per password and seed', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string(), fc.string(), async (password, seed) => {
      const a = await fast.verifyAgainstNothing(password, seed);
      assert.equal(a.ok, false);
      assert.equal(a.needsRehash, false);
      assert.equal(Buffer.from(a.attemptDigest, 'base64').length, 32);
      assert.equal((await fast.verifyAgainstNothing(password, seed)).attemptDigest, a.attemptDigest);
    }),
    { numRuns: 30 },
  );
  for (const [password, seed] of [['', ''], ['x', 'x'], ['nobody@contoso.com', 'nobody@contoso.com'], ['Summer2024!', '']]) {
    assert.equal((await fast.verifyAgainstNothing(password ?? '', seed ?? '')).ok, false);
  }
  const a = await fast.verifyAgainstNothing('Summer2024!', 'nobody@contoso.com');
  const b = await fast.verifyAgainstNothing('Summer2024!', 'someone@contoso.com');
  const c = await new PasswordHasher({ logN: 11, r: 8, p: 1 }).verifyAgainstNothing('Summer2024!', 'nobody@contoso.com');
  assert.notEqual(a.attemptDigest, b.attemptDigest);
  assert.notEqual(a.attemptDigest, c.attemptDigest); // it uses the hasher's parameters
});

test('verifyAgainstNothing does the same scrypt work as verify (same cost, same key length)', async () => {
  // Asserted by value, not by timing: the digest it returns must be scrypt at the
  // hasher's full parameters and key length over a salt derived from the seed.
  // Timing goals live in benchmarks, never in tests.
  const hasher = new PasswordHasher({ logN: 12, r: 8, p: 1 });
  const { attemptDigest } = await hasher.verifyAgainstNothing('Winter2024!', 'nobody@contoso.com');
  const salt = createHash('sha256')
    .update('resetdesk/scrypt/verify-against-nothing/v1\0')
    .update('nobody@contoso.com', 'utf8')
    .digest()
    .subarray(0, 16);
  const expected = scryptSync('Winter2024!', salt, 32, { N: 2 ** 12, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
  assert.equal(attemptDigest, expected.toString('base64').replace(/=+$/, ''));
  // verify's own digest has the same length: both derive a 32-byte key.
  const stored = await hasher.hash('Summer2024!');
  const real = await hasher.verify('Winter2024!', stored);
  assert.equal(Buffer.from(real.attemptDigest, 'base64').length, 32);
});

test('the constructor refuses unusable parameters', () => {
  for (const params of [
    { logN: 0, r: 8, p: 1 },
    { logN: 10, r: 0, p: 1 },
    { logN: 10, r: 8, p: 0 },
    { logN: 10.5, r: 8, p: 1 },
    { logN: 18, r: 8, p: 1 }, // 256 MiB plus scratch: over maxmem
    { logN: 10, r: 8, p: 17 },
  ]) {
    assert.throws(() => new PasswordHasher(params), RangeError, JSON.stringify(params));
  }
});
