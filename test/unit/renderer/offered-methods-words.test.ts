import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContactMethod } from '../../../main/domain/types';
import type { UserDetails } from '../../../main/ipc/contract';
import { offeredChannels } from '../../../renderer/screens/reset/delivery-words';
import { noticesOff, panelMethods, withheldWords } from '../../../renderer/screens/users/verification/words';

const METHODS: ContactMethod[] = [
  { kind: 'email', value: 'adele.vance@contoso.com', verification: false },
  { kind: 'mobilePhone', value: '+1 ••• ••• 0143', verification: true },
  { kind: 'alternateEmail', value: 'a•••@yahoo.com', verification: true },
  { kind: 'authenticatorApp', value: 'Pixel 8', verification: true },
];
const user = { contactMethods: METHODS } as UserDetails['user'];

test('notices are off only when mail is not set up, and said by what is missing', () => {
  assert.equal(noticesOff(null), null, 'not known yet: nothing said');
  assert.equal(noticesOff({ email: true, sms: false }), null);
  assert.equal(noticesOff({ email: false, sms: true }), 'no-mail');
  assert.equal(noticesOff({ email: false, sms: false }), 'none');
});

test("the password's destinations are main's offered ones; without main's list, the registered ones by the channels set up", () => {
  const offered = { email: 'a•••@yahoo.com', sms: null, totp: null, withheld: [] };
  assert.deepEqual(offeredChannels({ user, verificationMethods: offered }, { email: true, sms: true }), { email: 'a•••@yahoo.com', sms: null });
  assert.deepEqual(offeredChannels({ user }, { email: false, sms: true }), { email: null, sms: '+1 ••• ••• 0143' });
  assert.deepEqual(offeredChannels({ user }, null), { email: 'a•••@yahoo.com', sms: '+1 ••• ••• 0143' });
  assert.deepEqual(offeredChannels(null, { email: true, sms: true }), { email: null, sms: null });
});

test("the panel's fallback never offers the authenticator (only main knows whether its secret is held)", () => {
  assert.deepEqual(panelMethods(METHODS, { email: true, sms: false }), { email: 'a•••@yahoo.com', sms: null, totp: null, withheld: [] });
});

test('a withheld method is said with its registered value whole', () => {
  const words = withheldWords({ method: 'sms', registered: '+1 ••• ••• 0143', reason: 'delivery-off' });
  assert.equal(`${words.lead}${words.registered}${words.tail}`, 'SMS code: not offered, no SMS delivery is set up (registered phone +1 ••• ••• 0143).');
  const app = withheldWords({ method: 'totp', registered: 'Pixel 8', reason: 'no-secret' });
  assert.equal(`${app.lead}${app.registered}${app.tail}`, 'Authenticator app (Pixel 8): not registered for verification. Resetdesk holds no secret to check its codes.');
});
