import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, inspect } from 'node:util';
import { Secret } from '../../../main/domain/secret';

const VALUE = 'Tr0ub4dor&3-correct-horse';

test('reveal returns the wrapped value', () => {
  assert.equal(new Secret(VALUE).reveal(), VALUE);
  assert.equal(new Secret('').reveal(), '');
});

test('String(), concatenation and template literals show [redacted]', () => {
  const secret = new Secret(VALUE);
  assert.equal(String(secret), '[redacted]');
  assert.equal(secret.toString(), '[redacted]');
  assert.equal(`${secret}`, '[redacted]');
  assert.equal('pw: ' + secret, 'pw: [redacted]');
});

test('JSON.stringify shows [redacted], also nested', () => {
  const secret = new Secret(VALUE);
  assert.equal(JSON.stringify(secret), '"[redacted]"');
  const nested = JSON.stringify({ user: 'adele', password: secret, list: [secret] });
  assert.equal(nested, '{"user":"adele","password":"[redacted]","list":["[redacted]"]}');
});

test('util.inspect and util.format never show the value', () => {
  const secret = new Secret(VALUE);
  assert.equal(inspect(secret), '[redacted]');
  const outputs = [
    inspect({ password: secret }, { depth: 10, showHidden: true }),
    // Even with custom inspection off, the private field is not shown.
    inspect(secret, { customInspect: false, showHidden: true }),
    format('%s %o %O %j', secret, secret, secret, { secret }),
  ];
  for (const output of outputs) assert.ok(!output.includes(VALUE), output);
});

test('the value is not an own property: keys, spread and structuredClone miss it', () => {
  const secret = new Secret(VALUE);
  assert.deepEqual(Object.keys(secret), []);
  assert.deepEqual(Object.getOwnPropertyNames(secret), []);
  assert.ok(!JSON.stringify({ ...secret }).includes(VALUE));
  assert.ok(!inspect(structuredClone(secret), { showHidden: true }).includes(VALUE));
});

test('refuses a non-string value', () => {
  assert.throws(() => new Secret(undefined as unknown as string), TypeError);
  assert.throws(() => new Secret(42 as unknown as string), TypeError);
});
