import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { Secret } from '../../../../main/domain/secret';
import {
  CODE_LIFETIME_MS,
  MAX_WRONG_ENTRIES,
  codeMatches,
  generateCode,
  hmacOf,
  judgeCode,
  newSalt,
  pepperOf,
  type CodeState,
} from '../../../../main/reset/verification/codes';

const SENT_AT = Date.parse('2026-06-01T10:32:00Z');
const PEPPER = pepperOf(randomBytes(32));

function challenge(code: string, overrides: Partial<CodeState> = {}): CodeState {
  const salt = newSalt();
  return { codeHmac: hmacOf(new Secret(code), salt, PEPPER), salt, expiresAt: SENT_AT + CODE_LIFETIME_MS, attempts: 0, status: 'pending', ...overrides };
}

test('a code is 6 digits, leading zeros kept, and codes vary', () => {
  const codes = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const code = generateCode().reveal();
    assert.match(code, /^\d{6}$/);
    codes.add(code);
  }
  assert.ok(codes.size > 190, 'two hundred draws are nearly all different');
});

test('the code is kept only as an HMAC under a salt of its own: the same code gives different HMACs', () => {
  const code = new Secret('123456');
  const a = newSalt();
  const b = newSalt();
  assert.notEqual(a, b);
  assert.notEqual(hmacOf(code, a, PEPPER), hmacOf(code, b, PEPPER));
  assert.ok(!hmacOf(code, a, PEPPER).includes('123456'));
  assert.equal(codeMatches(new Secret('123456'), a, hmacOf(code, a, PEPPER), PEPPER), true);
  assert.equal(codeMatches(new Secret('123457'), a, hmacOf(code, a, PEPPER), PEPPER), false);
  assert.equal(codeMatches(new Secret('123456'), b, hmacOf(code, a, PEPPER), PEPPER), false, 'the salt is part of the HMAC');
});

test('the HMAC is keyed with the pepper: the salt and the stored value alone do not tell the code', () => {
  const code = new Secret('004711');
  const salt = newSalt();
  const other = pepperOf(randomBytes(32));
  const stored = hmacOf(code, salt, PEPPER);
  assert.match(stored, new RegExp(`^p1\\.${PEPPER.id}\\.[\\w-]{43}$`), 'marked as peppered, naming its pepper');
  assert.notEqual(PEPPER.id, other.id);
  assert.notEqual(hmacOf(code, salt, other), stored);
  assert.equal(codeMatches(code, salt, stored, other), false, 'another pepper does not check it');
  const mac = stored.split('.')[2];
  // What the file offers as a key (the salt; nothing) does not give the stored HMAC.
  for (const key of [Buffer.from(salt, 'base64url'), Buffer.alloc(0)]) {
    assert.notEqual(createHmac('sha256', key).update(code.reveal()).digest('base64url'), mac);
    assert.notEqual(createHmac('sha256', key).update(Buffer.from(salt, 'base64url')).update(code.reveal()).digest('base64url'), mac);
  }
  assert.ok(!PEPPER.key.toString('base64url').includes(PEPPER.id) && !stored.includes(PEPPER.key.toString('base64url')));
});

test('a code kept before peppering (a plain salted HMAC), under another pepper, or with no pepper here cannot be checked, and costs no try', () => {
  const salt = newSalt();
  const plain = createHmac('sha256', Buffer.from(salt, 'base64url')).update('042917', 'utf8').digest('base64url');
  const legacy: CodeState = { codeHmac: plain, salt, expiresAt: SENT_AT + CODE_LIFETIME_MS, attempts: 0, status: 'pending' };
  assert.deepEqual(judgeCode(legacy, new Secret('042917'), SENT_AT, PEPPER), { outcome: 'unkeyed', next: null });
  const elsewhere = challenge('042917');
  assert.deepEqual(judgeCode(elsewhere, new Secret('042917'), SENT_AT, pepperOf(randomBytes(32))), { outcome: 'unkeyed', next: null });
  assert.deepEqual(judgeCode(elsewhere, new Secret('042917'), SENT_AT, null), { outcome: 'unkeyed', next: null });
  assert.equal(judgeCode(elsewhere, new Secret('042917'), SENT_AT + CODE_LIFETIME_MS + 1, null).outcome, 'expired', 'past its 10 minutes it is simply expired');
});

test('valid for 10 minutes: accepted at exactly 10:00 after the send, expired 1 ms later', () => {
  assert.equal(CODE_LIFETIME_MS, 600_000);
  const state = challenge('042917');
  assert.equal(judgeCode(state, new Secret('042917'), SENT_AT + CODE_LIFETIME_MS, PEPPER).outcome, 'verified');
  const late = judgeCode(state, new Secret('042917'), SENT_AT + CODE_LIFETIME_MS + 1, PEPPER);
  assert.equal(late.outcome, 'expired');
  assert.equal(late.next, null, 'an expired code changes nothing');
});

test('single use: a code that verified is not accepted again', () => {
  const state = challenge('042917');
  const first = judgeCode(state, new Secret('042917'), SENT_AT + 1000, PEPPER);
  assert.equal(first.outcome, 'verified');
  const again = judgeCode({ ...state, ...first.next! }, new Secret('042917'), SENT_AT + 2000, PEPPER);
  assert.equal(again.outcome, 'expired');
});

test('5 wrong entries end the attempt: tries left count down, the fifth fails it, the right code then no longer works', () => {
  assert.equal(MAX_WRONG_ENTRIES, 5);
  let state = challenge('042917');
  const left: number[] = [];
  for (let i = 0; i < 4; i++) {
    const verdict = judgeCode(state, new Secret('000000'), SENT_AT + i, PEPPER);
    assert.equal(verdict.outcome, 'wrong');
    if (verdict.outcome === 'wrong') left.push(verdict.triesLeft);
    state = { ...state, ...verdict.next! };
  }
  assert.deepEqual(left, [4, 3, 2, 1]);
  const fifth = judgeCode(state, new Secret('000000'), SENT_AT + 10, PEPPER);
  assert.equal(fifth.outcome, 'attempts-exceeded');
  assert.deepEqual(fifth.next, { attempts: 5, status: 'failed' });
  state = { ...state, ...fifth.next! };
  assert.equal(judgeCode(state, new Secret('042917'), SENT_AT + 11, PEPPER).outcome, 'attempts-exceeded');
});

test('the right code after 4 wrong ones still verifies', () => {
  let state = challenge('042917');
  for (let i = 0; i < 4; i++) state = { ...state, ...judgeCode(state, new Secret('111111'), SENT_AT, PEPPER).next! };
  assert.equal(judgeCode(state, new Secret('042917'), SENT_AT, PEPPER).outcome, 'verified');
});

test('a superseded challenge is not started: only the newest code counts', () => {
  const state = challenge('042917', { status: 'superseded' });
  assert.equal(judgeCode(state, new Secret('042917'), SENT_AT, PEPPER).outcome, 'not-started');
});
