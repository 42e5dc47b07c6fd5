import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  contactMethodsOf,
  maskEmail,
  maskPhone,
  publicContactFields,
  type StoredAuthMethod,
} from '../../../main/directory/contact-methods';

test('an email keeps its first character and its domain', () => {
  assert.equal(maskEmail('adele.vance42@outlook.com'), 'a•••@outlook.com');
  assert.equal(maskEmail('a@contoso.com'), 'a•••@contoso.com');
  assert.equal(maskEmail('not-an-address'), 'n•••');
});

test('a phone keeps its country code and last four digits, and its shape', () => {
  assert.equal(maskPhone('+1 425 555 0143'), '+1 ••• ••• 0143');
  assert.equal(maskPhone('+44 20 7946 0123'), '+44 •• •••• 0123');
  assert.equal(maskPhone('(425) 555-0143'), '(•••) •••-0143');
  assert.equal(maskPhone('555 0143'), '••• ••43', 'under 8 digits: two kept');
  assert.equal(maskPhone('+1 0143'), '+1 ••43', 'short numbers keep only two digits');
});

test('a masked phone of 8 or more digits shows at most its country code and four digits', () => {
  const phone = fc
    .tuple(
      fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }),
      fc.array(fc.stringMatching(/^[0-9]{2,4}$/), { minLength: 1, maxLength: 4 }),
      fc.stringMatching(/^[0-9]{4}$/),
    )
    .map(([country, groups, last]) => [country === undefined ? '' : `+${country}`, ...groups, last].filter(Boolean).join(' '))
    .filter((p) => p.replace(/^\+\d+ /, '').replace(/\D/g, '').length >= 8);
  fc.assert(
    fc.property(phone, (raw) => {
      const masked = maskPhone(raw);
      const country = /^\+\d+/.exec(raw)?.[0] ?? '';
      const shown = masked.slice(country.length).replace(/\D/g, '');
      assert.equal(shown, raw.replace(/\D/g, '').slice(-4));
      assert.equal(masked.length, raw.length, 'same shape');
    }),
  );
});

const methods: StoredAuthMethod[] = [
  { kind: 'mobilePhone', value: '+1 425 555 0143' },
  { kind: 'alternateEmail', value: 'adele.vance42@outlook.com' },
  { kind: 'authenticatorApp', value: 'Pixel 8' },
  { kind: 'securityQuestion', value: 'What was the name of your first pet?' },
];

test('verification methods are masked; plain contact fields are shown as they are', () => {
  const list = contactMethodsOf(
    { mail: 'adele.vance@contoso.com', mobilePhone: '+1 425 555 0143', businessPhone: '+1 206 555 0199' },
    methods,
  );
  assert.deepEqual(list, [
    { kind: 'email', value: 'adele.vance@contoso.com', verification: false },
    { kind: 'mobilePhone', value: '+1 ••• ••• 0143', verification: true },
    { kind: 'officePhone', value: '+1 206 555 0199', verification: false },
    { kind: 'alternateEmail', value: 'a•••@outlook.com', verification: true },
    { kind: 'authenticatorApp', value: 'Pixel 8', verification: true },
    { kind: 'securityQuestion', value: null, verification: true },
  ]);
  assert.doesNotMatch(JSON.stringify(list), /425 555|adele\.vance42|first pet/);
});

test('a registered phone that differs from the profile phone is listed as well, masked', () => {
  const list = contactMethodsOf(
    { mail: null, mobilePhone: '+1 425 555 0100', businessPhone: null },
    [{ kind: 'mobilePhone', value: '+1 425 555 0143' }],
  );
  assert.deepEqual(list, [
    { kind: 'mobilePhone', value: '+1 425 555 0100', verification: false },
    { kind: 'mobilePhone', value: '+1 ••• ••• 0143', verification: true },
  ]);
});

test('the profile fields that leave main are masked where they are methods, matched by digits and case', () => {
  const fields = publicContactFields(
    { mail: 'Adele.Vance42@Outlook.com', mobilePhone: '+1 (425) 555-0143', businessPhone: '+1 206 555 0199' },
    methods,
  );
  assert.deepEqual(fields, {
    mail: 'A•••@Outlook.com',
    mobilePhone: '+1 (•••) •••-0143',
    businessPhone: '+1 206 555 0199',
  });
});
