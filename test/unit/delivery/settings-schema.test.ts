import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  deliverySettingsSchema,
  smsGatewaySettingsSchema,
  smtpSettingsSchema,
} from '../../../main/delivery/settings-schema';
import { localOutboxDelivery } from '../../../main/delivery/outbox/settings';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const smtp = { host: 'smtp.contoso.com', port: 587, security: 'starttls', from: 'helpdesk@contoso.com', username: null, caPem: null };
const sms = { url: 'https://sms.example.com/v1/send', from: 'Contoso', fields: { to: 'to', text: 'text', from: 'from' }, caPem: null };
const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;

test('a plain SMTP setting and an SMS gateway pass; the sample outbox settings pass', () => {
  assert.ok(ok(smtpSettingsSchema, smtp));
  assert.ok(ok(smtpSettingsSchema, { ...smtp, host: '10.0.0.25', security: 'tls', port: 465, username: 'relay', caPem: PEM }));
  assert.ok(ok(smsGatewaySettingsSchema, sms));
  assert.ok(ok(deliverySettingsSchema, { smtp, sms, localOutbox: null }));
  assert.ok(ok(deliverySettingsSchema, { smtp: null, sms: null, localOutbox: null }));
  assert.ok(ok(deliverySettingsSchema, localOutboxDelivery({ certPem: PEM, smtpPort: 40001, smsPort: 40002, from: 'helpdesk@contoso.com' })));
});

test('SMTP: port 1–65535, an email From, a known security mode, a host without scheme, a PEM CA', () => {
  for (const bad of [
    { port: 0 },
    { port: 65536 },
    { port: 25.5 },
    { port: '587' },
    { from: 'helpdesk' },
    { from: 'Helpdesk <helpdesk@contoso.com>' },
    { security: 'none' },
    { host: 'smtp://smtp.contoso.com' },
    { host: 'smtp.contoso.com:587' },
    { host: '' },
    { caPem: 'not a certificate' },
    { username: '' },
    { password: 'x' },
  ]) {
    assert.equal(ok(smtpSettingsSchema, { ...smtp, ...bad }), false, JSON.stringify(bad));
  }
  assert.equal(ok(smtpSettingsSchema, { ...smtp, port: 1 }), true);
  assert.equal(ok(smtpSettingsSchema, { ...smtp, port: 65535 }), true);
});

test('SMS: https only, to this computer too (whoever listens on a loopback port would read plain http); JSON field names', () => {
  for (const url of ['https://127.0.0.1:4000/sms', 'https://localhost:4000/sms', 'https://10.1.2.3/sms']) {
    assert.ok(ok(smsGatewaySettingsSchema, { ...sms, url }), url);
  }
  for (const url of ['http://127.0.0.1:4000/sms', 'http://localhost:4000/sms', 'http://[::1]:4000/sms', 'http://sms.example.com/send', 'http://192.168.1.10/sms', 'ftp://127.0.0.1/sms', 'sms.example.com', 'http://127.0.0.1.evil.com/']) {
    assert.equal(ok(smsGatewaySettingsSchema, { ...sms, url }), false, url);
  }
  for (const fields of [{ to: '', text: 'text', from: 'from' }, { to: 'to', text: 'te xt', from: 'from' }, { to: 'to', text: 'text' }]) {
    assert.equal(ok(smsGatewaySettingsSchema, { ...sms, fields }), false, JSON.stringify(fields));
  }
  assert.ok(ok(smsGatewaySettingsSchema, { ...sms, fields: { to: 'recipient.msisdn', text: 'body', from: 'sender_id' } }));
  assert.equal(ok(smsGatewaySettingsSchema, { ...sms, token: 'x' }), false, 'a token is never a setting');
});
