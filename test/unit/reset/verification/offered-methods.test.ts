import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deliveryChannelsOf } from '../../../../main/domain/delivery-settings';
import type { ContactMethod } from '../../../../main/domain/types';
import { methodsOf, offeredMethods } from '../../../../main/reset/verification/offered-methods';

const POINTS = {
  emails: [
    { address: 'adele.vance@contoso.com', verification: false },
    { address: 'adele.vance@yahoo.com', verification: true },
  ],
  phones: [{ number: '+1 206 555 0143', verification: true }],
  authenticator: null,
};
const LISTED: ContactMethod[] = [
  { kind: 'mobilePhone', value: '+1 ••• ••• 0143', verification: true },
  { kind: 'alternateEmail', value: 'a•••@yahoo.com', verification: true },
  { kind: 'authenticatorApp', value: 'Pixel 8', verification: true },
];
const BOTH = { email: true, sms: true };

test('registered and set up: offered, masked; the work mailbox never', () => {
  const offered = offeredMethods(methodsOf(POINTS), [], BOTH);
  assert.deepEqual(offered, { email: 'a•••@yahoo.com', sms: '+1 ••• ••• 0143', totp: null, withheld: [] });
});

test('a channel that is not set up: not offered, withheld as delivery-off, whatever the other channel', () => {
  assert.deepEqual(offeredMethods(methodsOf(POINTS), [], { email: true, sms: false }), {
    email: 'a•••@yahoo.com',
    sms: null,
    totp: null,
    withheld: [{ method: 'sms', registered: '+1 ••• ••• 0143', reason: 'delivery-off' }],
  });
  const none = offeredMethods(methodsOf(POINTS), [], { email: false, sms: false });
  assert.deepEqual([none.email, none.sms], [null, null]);
  assert.deepEqual(none.withheld.map((w) => [w.method, w.reason]), [['email', 'delivery-off'], ['sms', 'delivery-off']]);
});

test('nothing registered: nothing offered and nothing withheld, channels or not', () => {
  const bare = { emails: [{ address: 'x@contoso.com', verification: false }], phones: [], authenticator: null };
  assert.deepEqual(offeredMethods(methodsOf(bare), [], BOTH), { email: null, sms: null, totp: null, withheld: [] });
  assert.deepEqual(offeredMethods(null, [], { email: false, sms: false }), { email: null, sms: null, totp: null, withheld: [] });
});

test('an authenticator app listed without a secret: withheld as no-secret; with one, offered by its label', () => {
  assert.deepEqual(offeredMethods(methodsOf(POINTS), LISTED, BOTH).withheld, [{ method: 'totp', registered: 'Pixel 8', reason: 'no-secret' }]);
  const withSecret = { ...POINTS, authenticator: { label: 'Pixel 8', sealed: 'v1.sealed' } };
  const offered = offeredMethods(methodsOf(withSecret), LISTED, { email: false, sms: false });
  assert.equal(offered.totp, 'Pixel 8', 'an authenticator needs no delivery');
  assert.ok(!offered.withheld.some((w) => w.method === 'totp'));
});

test('a channel is set up when its settings exist', () => {
  assert.deepEqual(deliveryChannelsOf({ smtp: null, sms: null, localOutbox: null }), { email: false, sms: false });
  const smtp = { host: 'smtp.contoso.com', port: 587, security: 'starttls' as const, from: 'helpdesk@contoso.com', username: null, caPem: null };
  assert.deepEqual(deliveryChannelsOf({ smtp, sms: null, localOutbox: null }), { email: true, sms: false });
  const sms = { url: 'https://sms.contoso.com/send', from: null, fields: { to: 'to', text: 'text', from: 'from' }, caPem: null };
  assert.deepEqual(deliveryChannelsOf({ smtp: null, sms, localOutbox: null }), { email: false, sms: true });
});
