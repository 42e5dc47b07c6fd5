/**
 * `resetdesk delivery show|smtp|sms|off|test` on a real SQLite sample file.
 * The mail really travels: a LocalOutbox with its own certificate listens on
 * ephemeral loopback ports in this process, `delivery smtp` points the tenant
 * at it (trusting its certificate with --ca), and `delivery test` runs in a
 * child process whose message the test reads back from the outbox. The
 * keychain part runs in process (runCli) with an in-memory SecretStore, so the
 * test can see where the SMTP password and the SMS token went, and that they
 * went nowhere else: not the settings, the audit, the output or the file's bytes.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { generateOutboxIdentity } from '../../../main/delivery/outbox/identity';
import { LocalOutbox } from '../../../main/delivery/outbox/local-outbox';
import { DELIVERY_SECRET_ACCOUNTS, type DeliverySettings } from '../../../main/domain/delivery-settings';
import { ROLES } from '../../../main/domain/roles';
import type { AuditEvent } from '../../../main/domain/types';
import { FAST_HASHER, sampleDirectory, tempDir, type SampleFixture } from '../../support/fixtures';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { runInProcess, runSource, type CliRun as Run } from '../../support/cli-process';

const SMTP_PASSWORD = 'Smtp-Pa55word-q7Zx';
const SMS_TOKEN = 'sms-token-Jk3wPq9Ld2';

describe('resetdesk delivery (CLI)', () => {
  const dir = tempDir('resetdesk-delivery-cli-');
  const caFile = join(dir.path, 'outbox-ca.pem');
  let fx: SampleFixture;
  let outbox: LocalOutbox;
  let globalAdmin: string;
  let helpdesk: string;
  let tenantId: string;

  /** One process per step; asynchronous so the outbox on this event loop can answer the child. */
  const cli = (args: string[], options: { as?: string; input?: string; text?: boolean } = {}): Promise<Run> =>
    runSource([...args, '--db', fx.dbPath, ...(options.text ? [] : ['--json']), ...(options.as ? ['--as', options.as] : [])], {
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(options.as ? { agentPassword: fx.passwordOf(options.as).reveal() } : {}),
    });

  /** The same CLI in this process, with the keychain a test can look into. */
  const inProcess = async (
    args: string[],
    options: { as?: string; stdin?: string[]; secrets: MemorySecretStore; text?: boolean },
  ): Promise<Run> => {
    const argv = [...args, '--db', fx.dbPath, ...(options.text ? [] : ['--json']), ...(options.as ? ['--as', options.as] : [])];
    return runInProcess(argv, {
      env: options.as ? { RESETDESK_AGENT_PASSWORD: fx.passwordOf(options.as).reveal() } : {},
      ...(options.stdin ? { stdin: options.stdin } : {}),
      hasher: FAST_HASHER,
      secrets: options.secrets,
    });
  };

  const expectError = (run: Run, code: string) => {
    assert.equal(run.json?.error?.code, code, `expected ${code}; stdout: ${run.stdout} stderr: ${run.stderr}`);
    assert.equal(run.status, code === 'INVALID_INPUT' ? 2 : 1);
  };
  const delivery = (): DeliverySettings => fx.store.tenant.get().delivery;
  const audit = (action: 'tenant.update' | 'notification.send'): AuditEvent[] => fx.store.audit.list({ action, limit: 1000 });
  const agentWith = (role: string) => [...fx.accounts.values()].find((a) => a.roles.length === 1 && a.roles[0] === role)!.upn;
  const smtpArgs = (extra: string[] = []) => [
    'delivery', 'smtp', '--host', '127.0.0.1', '--port', String(outbox.smtpPort), '--from', 'helpdesk@contoso.com', '--ca', caFile, ...extra,
  ];

  before(async () => {
    fx = await sampleDirectory({ size: 40, seed: 3 });
    tenantId = (await fx.store.stores.tenant.get()).tenantId;
    globalAdmin = agentWith(ROLES.globalAdministrator);
    helpdesk = agentWith(ROLES.helpdeskAdministrator);
    // A server of its own, not the sample's outbox: its own certificate, which the tenant trusts only through --ca.
    const identity = await generateOutboxIdentity();
    outbox = await LocalOutbox.start({ ...identity, smtpPort: 0, smsPort: 0 });
    writeFileSync(caFile, identity.certPem);
    writeFileSync(join(dir.path, 'with-key.pem'), identity.certPem + identity.keyPem);
    writeFileSync(join(dir.path, 'junk.pem'), 'not a certificate\n');
  });
  after(async () => {
    await outbox?.close();
    fx?.close();
    dir.cleanup();
  });

  it('delivery smtp points email at a new server, trusting its CA; delivery test arrives there', async () => {
    const sampleSms = delivery().sms;
    assert.ok(delivery().localOutbox, 'the sample starts with its local outbox');
    const updates = audit('tenant.update').length;

    const set = await cli(smtpArgs(), { as: globalAdmin });
    assert.equal(set.status, 0, set.stdout + set.stderr);
    assert.deepEqual({ ...set.json.smtp, caPem: undefined }, {
      host: '127.0.0.1', port: outbox.smtpPort, security: 'starttls', from: 'helpdesk@contoso.com', username: null, caPem: undefined,
    });
    assert.equal(set.json.smtp.caPem.trim(), readFileSync(caFile, 'utf8').trim());
    assert.deepEqual(delivery().smtp, set.json.smtp, 'stored in the tenant settings');
    // Email left the sample's outbox: it is cleared (it runs from the SMTP certificate), SMS is untouched and the command says so.
    assert.equal(delivery().localOutbox, null);
    assert.deepEqual(delivery().sms, sampleSms);
    assert.match(set.json.notes.join(' '), /SMS still points at it/);
    assert.equal(audit('tenant.update').length, updates + 1);
    assert.equal(audit('tenant.update')[0]!.result, 'success');

    const sent = await cli(['delivery', 'test', '--to', 'someone@example.com'], { as: globalAdmin });
    assert.equal(sent.status, 0, sent.stdout + sent.stderr);
    assert.deepEqual(sent.json, { channel: 'email', to: 's•••@example.com', delivered: true });
    const mail = await outbox.waitFor((m) => m.channel === 'email' && m.to.includes('someone@example.com'));
    assert.equal(mail.subject, 'Contoso helpdesk: test message');
    assert.ok(mail.text.includes(`sent by ${globalAdmin}`), mail.text);
    const [event] = audit('notification.send');
    assert.equal(event!.result, 'success');
    assert.equal(event!.actorUpn, globalAdmin);
    assert.deepEqual(JSON.parse(event!.detail!), { kind: 'test', channel: 'email', to: 's•••@example.com' });
  });

  it('delivery show lists the settings, and says what the keychain holds without showing it', async () => {
    const shown = await cli(['delivery', 'show'], { text: true });
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`Email \\(SMTP\\): 127\\.0\\.0\\.1:${outbox.smtpPort}, STARTTLS, from helpdesk@contoso\\.com`));
    assert.match(shown.stdout, /Password: not used \(no user name\)/);
    assert.match(shown.stdout, /Trusts: the system's certificate authorities and CN=localhost \(SHA-256 /);
    assert.match(shown.stdout, /SMS gateway: POST https:\/\/127\.0\.0\.1:\d+\/sms, sender Contoso/);
    const json = await cli(['delivery', 'show']);
    assert.equal(json.json.smtp.port, outbox.smtpPort);
    assert.equal(json.json.keychain.smtpPassword, 'unused');
    // The outbox was retired with email: its old HTTPS endpoint is now a gateway like any, which may take a token.
    assert.ok(['none', 'unavailable'].includes(json.json.keychain.smsToken), json.json.keychain.smsToken);
  });

  it('an agent who is not a Global Administrator is refused, audited, and nothing changes', async () => {
    const before = delivery();
    const updates = audit('tenant.update').length;
    const mails = outbox.list().length;
    expectError(await cli(['delivery', 'smtp', '--host', 'smtp.evil.example', '--port', '587', '--from', 'x@evil.example'], { as: helpdesk }), 'SETTINGS_CHANGE_REFUSED');
    expectError(await cli(['delivery', 'off', 'email'], { as: helpdesk }), 'SETTINGS_CHANGE_REFUSED');
    expectError(await cli(['delivery', 'test', '--to', 'someone@example.com'], { as: helpdesk }), 'SETTINGS_CHANGE_REFUSED');
    assert.deepEqual(delivery(), before);
    const refusals = audit('tenant.update').slice(0, 2);
    assert.equal(audit('tenant.update').length, updates + 2);
    assert.deepEqual(refusals.map((e) => [e.result, e.errorCode, e.actorUpn]), [
      ['failure', 'SETTINGS_CHANGE_REFUSED', helpdesk],
      ['failure', 'SETTINGS_CHANGE_REFUSED', helpdesk],
    ]);
    const [test] = audit('notification.send');
    assert.deepEqual([test!.result, test!.errorCode, JSON.parse(test!.detail!).kind], ['failure', 'SETTINGS_CHANGE_REFUSED', 'test']);
    assert.equal(outbox.list().length, mails, 'nothing was sent');

    // With a password on stdin: the keychain is not touched either.
    const secrets = new MemorySecretStore();
    const refused = await inProcess([...smtpArgs(['--username', 'relay'])], { as: helpdesk, stdin: [SMTP_PASSWORD], secrets });
    expectError(refused, 'SETTINGS_CHANGE_REFUSED');
    assert.equal(await secrets.get(DELIVERY_SECRET_ACCOUNTS.smtpPassword(tenantId)), null);
    assert.deepEqual(delivery(), before);
  });

  it('bad input is INVALID_INPUT on one line, and nothing changes', async () => {
    const before = delivery();
    const updates = audit('tenant.update').length;
    const secrets = new MemorySecretStore();
    const bad: string[][] = [
      ['delivery', 'smtp', '--host', '127.0.0.1', '--port', '0', '--from', 'helpdesk@contoso.com'],
      ['delivery', 'smtp', '--host', '127.0.0.1', '--port', '65536', '--from', 'helpdesk@contoso.com'],
      ['delivery', 'smtp', '--host', 'smtp://mail.contoso.com', '--port', '587', '--from', 'helpdesk@contoso.com'],
      ['delivery', 'smtp', '--host', 'mail.contoso.com', '--port', '587', '--from', 'helpdesk'],
      ['delivery', 'smtp', '--host', 'mail.contoso.com', '--port', '587', '--from', 'helpdesk@contoso.com', '--security', 'none'],
      ['delivery', 'smtp', '--host', 'mail.contoso.com', '--port', '587'],
      ['delivery', 'smtp', '--host', 'mail.contoso.com', '--port', '587', '--from', 'helpdesk@contoso.com', '--ca', join(dir.path, 'junk.pem')],
      ['delivery', 'smtp', '--host', 'mail.contoso.com', '--port', '587', '--from', 'helpdesk@contoso.com', '--ca', join(dir.path, 'with-key.pem')],
      ['delivery', 'smtp', '--host', 'mail.contoso.com', '--port', '587', '--from', 'helpdesk@contoso.com', '--ca', join(dir.path, 'missing.pem')],
      ['delivery', 'sms', '--url', 'http://sms.example.com/send'],
      ['delivery', 'sms', '--url', 'https://sms.example.com/send', '--field-to', 'to number'],
      ['delivery', 'sms', '--url', 'http://127.0.0.1:9/sms', '--token-stdin'],
      ['delivery', 'off', 'pigeon'],
      ['delivery', 'test', '--to', 'not a number'],
    ];
    for (const args of bad) {
      const run = await inProcess(args, { as: globalAdmin, secrets, stdin: [SMS_TOKEN] });
      expectError(run, 'INVALID_INPUT');
    }
    // The one line a person reads, from a real process; the private key in the file is not quoted.
    const text = await cli(['delivery', 'smtp', '--host', 'mail.contoso.com', '--port', '587', '--from', 'helpdesk@contoso.com', '--ca', join(dir.path, 'with-key.pem')], { as: globalAdmin, text: true });
    assert.equal(text.status, 2);
    assert.equal(text.stderr.trimEnd().split('\n').length, 1, text.stderr);
    assert.match(text.stderr, /holds a private key; give the CA's certificate only\. \[INVALID_INPUT\]$/m);
    assert.ok(!text.stderr.includes('PRIVATE'));
    assert.deepEqual(delivery(), before);
    assert.equal(audit('tenant.update').length, updates);
    assert.equal(await secrets.get(DELIVERY_SECRET_ACCOUNTS.smsToken(tenantId)), null);
  });

  it('delivery sms points SMS at a gateway; delivery test --to PHONE arrives there', async () => {
    const url = `https://127.0.0.1:${outbox.smsPort}/sms`;
    const set = await cli(['delivery', 'sms', '--url', url, '--from', 'Contoso HD', '--ca', caFile], { as: globalAdmin });
    assert.equal(set.status, 0, set.stdout + set.stderr);
    assert.deepEqual({ ...set.json.sms, caPem: undefined }, { url, from: 'Contoso HD', fields: { to: 'to', text: 'text', from: 'from' }, caPem: undefined });
    assert.equal(set.json.sms.caPem.trim(), readFileSync(caFile, 'utf8').trim());
    assert.equal(set.json.smtp.port, outbox.smtpPort, 'email untouched');
    // In process: an HTTPS gateway asks the keychain for its token (here, none).
    const sent = await inProcess(['delivery', 'test', '--to', '+1 425 555 0100'], { as: globalAdmin, secrets: new MemorySecretStore() });
    assert.equal(sent.status, 0, sent.stdout + sent.stderr);
    assert.deepEqual(sent.json, { channel: 'sms', to: '+1 ••• ••• 0100', delivered: true });
    const sms = await outbox.waitFor((m) => m.channel === 'sms' && m.to.includes('+1 425 555 0100'));
    assert.match(sms.text, /test message from Contoso's helpdesk/);
  });

  it('delivery off email, then delivery test by email is DELIVERY_NOT_CONFIGURED (audited)', async () => {
    const off = await cli(['delivery', 'off', 'email'], { as: globalAdmin });
    assert.equal(off.status, 0, off.stdout + off.stderr);
    assert.equal(off.json.smtp, null);
    assert.equal(delivery().smtp, null);
    assert.ok(delivery().sms, 'SMS stays');
    const refused = await cli(['delivery', 'test', '--to', 'someone@example.com'], { as: globalAdmin });
    expectError(refused, 'DELIVERY_NOT_CONFIGURED');
    const [event] = audit('notification.send');
    assert.deepEqual([event!.result, event!.errorCode], ['failure', 'DELIVERY_NOT_CONFIGURED']);
    const shown = await cli(['delivery', 'show'], { text: true });
    assert.match(shown.stdout, /Email \(SMTP\): not set up/);
  });

  it('a server that is not there: delivery test reports DELIVERY_FAILED with the reason', async () => {
    const closed = await LocalOutbox.start({ ...(await generateOutboxIdentity()), smtpPort: 0, smsPort: 0 });
    const port = closed.smtpPort;
    await closed.close();
    const set = await cli(['delivery', 'smtp', '--host', '127.0.0.1', '--port', String(port), '--from', 'helpdesk@contoso.com'], { as: globalAdmin });
    assert.equal(set.status, 0, set.stdout + set.stderr);
    const failed = await cli(['delivery', 'test', '--to', 'someone@example.com'], { as: globalAdmin });
    expectError(failed, 'DELIVERY_FAILED');
    assert.match(failed.json.error.message, new RegExp(`Nothing listens at 127\\.0\\.0\\.1:${port}`));
  });

  it('the SMTP password goes to the keychain before the settings, and nowhere else', async () => {
    const secrets = new MemorySecretStore();
    const account = DELIVERY_SECRET_ACCOUNTS.smtpPassword(tenantId);
    const set = await inProcess(smtpArgs(['--username', 'relay@contoso.com']), { as: globalAdmin, stdin: [SMTP_PASSWORD], secrets });
    assert.equal(set.status, 0, set.stdout + set.stderr);
    assert.equal(await secrets.get(account), SMTP_PASSWORD);
    assert.equal(delivery().smtp!.username, 'relay@contoso.com');
    assert.equal(set.json.keychain.smtpPassword, 'stored');
    const shown = await inProcess(['delivery', 'show'], { secrets, text: true });
    assert.match(shown.stdout, /User name: relay@contoso\.com\n {2}Password: in the keychain/);

    // A refused agent leaves the stored password as it was.
    expectError(await inProcess(smtpArgs(['--username', 'other']), { as: helpdesk, stdin: ['Another-Passw0rd'], secrets }), 'SETTINGS_CHANGE_REFUSED');
    assert.equal(await secrets.get(account), SMTP_PASSWORD);
    assert.equal(delivery().smtp!.username, 'relay@contoso.com');

    // Nowhere else: not the output, the audit, nor any byte of the local file.
    assert.ok(!set.stdout.includes(SMTP_PASSWORD) && !shown.stdout.includes(SMTP_PASSWORD));
    for (const event of (await fx.store.stores.audit.list({ limit: 1000 }))) assert.ok(!(event.detail ?? '').includes(SMTP_PASSWORD));
    const db = new Database(fx.dbPath);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    for (const file of [fx.dbPath, `${fx.dbPath}-wal`]) {
      if (existsSync(file)) assert.equal(readFileSync(file).includes(SMTP_PASSWORD), false, `${file} holds the password`);
    }

    // Pointing email at a server without a user name deletes the password no longer used; so does `off email`.
    const plain = await inProcess(smtpArgs(), { as: globalAdmin, secrets });
    assert.equal(plain.status, 0, plain.stdout);
    assert.equal(await secrets.get(account), null);
    await inProcess(smtpArgs(['--username', 'relay@contoso.com']), { as: globalAdmin, stdin: [SMTP_PASSWORD], secrets });
    assert.equal(await secrets.get(account), SMTP_PASSWORD);
    const off = await inProcess(['delivery', 'off', 'email'], { as: globalAdmin, secrets });
    assert.equal(off.status, 0, off.stdout);
    assert.equal(await secrets.get(account), null);
  });

  it('a keychain that cannot be reached: setting a password changes nothing; show says so and does not fail', async () => {
    await inProcess(smtpArgs(['--username', 'relay@contoso.com']), { as: globalAdmin, stdin: [SMTP_PASSWORD], secrets: new MemorySecretStore() });
    const before = delivery();
    const updates = audit('tenant.update').length;
    const locked = new MemorySecretStore();
    locked.unavailable = true;
    const set = await inProcess(smtpArgs(['--username', 'new-relay@contoso.com']), { as: globalAdmin, stdin: [SMTP_PASSWORD], secrets: locked });
    expectError(set, 'SECRET_STORE_UNAVAILABLE');
    assert.match(set.json.error.message, /nothing was changed/);
    assert.deepEqual(delivery(), before);
    assert.equal(audit('tenant.update').length, updates);
    const shown = await inProcess(['delivery', 'show'], { secrets: locked, text: true });
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, /Password: unknown: the system keychain is not available/);
  });

  it('delivery sms --token-stdin keeps the token in the keychain; off sms deletes it', async () => {
    const secrets = new MemorySecretStore();
    const account = DELIVERY_SECRET_ACCOUNTS.smsToken(tenantId);
    const set = await inProcess(
      ['delivery', 'sms', '--url', 'https://sms.example.net/v1/messages', '--field-to', 'recipient', '--field-text', 'body', '--field-from', 'sender', '--token-stdin'],
      { as: globalAdmin, stdin: [SMS_TOKEN], secrets },
    );
    assert.equal(set.status, 0, set.stdout + set.stderr);
    assert.equal(await secrets.get(account), SMS_TOKEN);
    assert.deepEqual(delivery().sms, { url: 'https://sms.example.net/v1/messages', from: null, fields: { to: 'recipient', text: 'body', from: 'sender' }, caPem: null });
    assert.equal(set.json.keychain.smsToken, 'stored');
    assert.ok(!set.stdout.includes(SMS_TOKEN));
    for (const event of (await fx.store.stores.audit.list({ limit: 1000 }))) assert.ok(!(event.detail ?? '').includes(SMS_TOKEN));
    const off = await inProcess(['delivery', 'off', 'sms'], { as: globalAdmin, secrets });
    assert.equal(off.status, 0, off.stdout);
    assert.equal(delivery().sms, null);
    assert.equal(await secrets.get(account), null);
  });
});
