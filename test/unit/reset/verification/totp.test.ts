import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../../../main/domain/secret';
import { acceptTotp, newTotpSecret, provisioningUri, stepAt, totpAt } from '../../../../main/reset/verification/totp';

// RFC 6238 appendix B's SHA-1 seed "12345678901234567890" in base32.
const RFC_SECRET = new Secret('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
const STEP = 30_000;

test("RFC 6238's SHA-1 test vectors (last 6 digits of the 8-digit values)", () => {
  assert.equal(totpAt(RFC_SECRET, 59_000), '287082');
  assert.equal(totpAt(RFC_SECRET, 1_111_111_109_000), '081804');
  assert.equal(totpAt(RFC_SECRET, 1_234_567_890_000), '005924');
  assert.equal(totpAt(RFC_SECRET, 20_000_000_000_000), '353130');
});

test('window ±1 step: the previous and next codes are accepted, two steps away is not', () => {
  const now = 1_234_567_890_000;
  const code = (t: number) => new Secret(totpAt(RFC_SECRET, t));
  assert.equal(acceptTotp(RFC_SECRET, code(now), now, null), stepAt(now));
  assert.equal(acceptTotp(RFC_SECRET, code(now - STEP), now, null), stepAt(now) - 1);
  assert.equal(acceptTotp(RFC_SECRET, code(now + STEP), now, null), stepAt(now) + 1);
  assert.equal(acceptTotp(RFC_SECRET, code(now - 2 * STEP), now, null), null);
  assert.equal(acceptTotp(RFC_SECRET, code(now + 2 * STEP), now, null), null);
});

test('a code accepted once is not accepted again, nor an older one after a newer', () => {
  const now = 1_234_567_890_000;
  const current = new Secret(totpAt(RFC_SECRET, now));
  const accepted = acceptTotp(RFC_SECRET, current, now, null);
  assert.notEqual(accepted, null);
  assert.equal(acceptTotp(RFC_SECRET, current, now + 1000, accepted), null, 'replay');
  assert.equal(acceptTotp(RFC_SECRET, new Secret(totpAt(RFC_SECRET, now - STEP)), now, accepted), null, 'older');
  const next = new Secret(totpAt(RFC_SECRET, now + STEP));
  assert.equal(acceptTotp(RFC_SECRET, next, now + STEP, accepted), accepted! + 1, 'the next step is fine');
});

test('a wrong or malformed code is refused', () => {
  const now = 1_234_567_890_000;
  const right = totpAt(RFC_SECRET, now);
  const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
  assert.equal(acceptTotp(RFC_SECRET, new Secret(wrong), now, null), null);
  assert.equal(acceptTotp(RFC_SECRET, new Secret(`${right} `), now, null), null);
  assert.equal(acceptTotp(RFC_SECRET, new Secret(''), now, null), null);
});

test('a new secret is 160 bits of base32, and the URI names the issuer, SHA1, 6 digits, 30 s', () => {
  const secret = newTotpSecret();
  assert.match(secret.reveal(), /^[A-Z2-7]{32}$/);
  assert.notEqual(secret.reveal(), newTotpSecret().reveal());
  const uri = provisioningUri(secret, 'adele@contoso.com');
  assert.equal(String(uri), '[redacted]', 'the URI holds the secret: it is a Secret');
  const parsed = new URL(uri.reveal());
  assert.equal(parsed.protocol, 'otpauth:');
  assert.equal(parsed.searchParams.get('secret'), secret.reveal());
  assert.equal(parsed.searchParams.get('issuer'), 'Resetdesk');
  assert.equal(parsed.searchParams.get('algorithm'), 'SHA1');
  assert.equal(parsed.searchParams.get('digits'), '6');
  assert.equal(parsed.searchParams.get('period'), '30');
});
