/**
 * Caller verification through the IPC handlers, as the renderer calls them
 * (createApi → dispatcher → handlers), over a real SQLite file and a real
 * loopback SMTP server and SMS endpoint: main refuses a reset or unlock sent
 * straight to it without the required verification, whatever the renderer
 * does, and lets it through once the caller has read the codes back.
 */
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import { FAST_HASHER } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { codeOf, value } from '../../support/ipc-result';
import { verificationHarness, type VerificationHarness } from './harness';

const HELPDESK = 'helpdesk.admin@contoso.com';
const TARGET = 'password.admin@contoso.com'; // holds a role: two methods under the default rule

describe('IPC: caller verification before a reset', () => {
  let h: VerificationHarness;
  let api: ResetdeskApi;

  before(async () => {
    h = await verificationHarness({ size: 60 });
    const app = createIpcApp({
      host: DirectoryHost.over(h.services, h.dbPath, { hasher: FAST_HASHER, clock: h.clock }),
      clipboard: new MemoryClipboard(),
      clock: h.clock,
      files: new FolderFileSaver(dirname(h.dbPath)),
      timers: { set: () => 0, cancel: () => {} },
      idleLockMinutes: 60,
      clipboardClearSeconds: 30,
      isTrustedSender: (url) => url?.startsWith('app://resetdesk/') ?? false,
    });
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), 'app://resetdesk/index.html', request));
    value(await api.signIn({ upn: HELPDESK, password: h.accounts.get(HELPDESK)!.password.reveal() }));
  });
  after(async () => {
    await h.close();
  });

  it('validates its requests strictly: a method that sends nothing, a code that is not six digits, extra fields', async () => {
    const userId = h.store.findUser({ upn: TARGET })!.id;
    assert.equal(codeOf(await api.sendVerificationCode({ userId, method: 'totp' as 'email' })), 'INVALID_INPUT');
    assert.equal(codeOf(await api.checkVerificationCode({ userId, method: 'sms', code: '12345' })), 'INVALID_INPUT');
    const extra = { userId, method: 'sms', code: '123456', verified: true } as unknown as Parameters<ResetdeskApi['checkVerificationCode']>[0];
    assert.equal(codeOf(await api.checkVerificationCode(extra)), 'INVALID_INPUT');
  });

  it('offers only what can work: a channel turned off is withheld with why, the authenticator without a secret too', async () => {
    const target = h.store.findUser({ upn: TARGET })!;
    const saved = h.store.tenant.get().delivery;
    assert.deepEqual(value(await api.getDeliveryChannels({})), { email: true, sms: true });
    const label = target.authMethods.find((m) => m.kind === 'authenticatorApp')!.value;
    const both = value(await api.getUser({ userId: target.id })).verificationMethods!;
    assert.deepEqual(both.withheld, [{ method: 'totp', registered: label, reason: 'no-secret' }]);
    h.store.tenant.update({ delivery: { ...saved, sms: null } }, h.clock());
    try {
      assert.deepEqual(value(await api.getDeliveryChannels({})), { email: true, sms: false });
      const methods = value(await api.getUser({ userId: target.id })).verificationMethods!;
      assert.equal(methods.sms, null);
      assert.equal(methods.email, both.email);
      assert.deepEqual(methods.withheld, [
        { method: 'sms', registered: both.sms, reason: 'delivery-off' },
        { method: 'totp', registered: label, reason: 'no-secret' },
      ]);
      assert.equal(codeOf(await api.getDeliveryChannels({ extra: 1 } as never)), 'INVALID_INPUT');
    } finally {
      h.store.tenant.update({ delivery: saved }, h.clock());
    }
  });

  it('refuses resetPassword and unlockAccount sent directly before verification, then allows them after email + SMS', async () => {
    const target = h.store.findUser({ upn: TARGET })!;
    const userId = target.id;
    const details = value(await api.getUser({ userId }));
    assert.equal(details.preflight.allowed, false);
    assert.equal(!details.preflight.allowed && details.preflight.code, 'CALLER_NOT_VERIFIED');
    assert.deepEqual(details.preflight.verification, { level: 'required', methodsRequired: 2, verified: [], satisfied: false });
    // Masked, and the sample's authenticator app (a device name with no secret registered) is not offered.
    assert.ok(target.authMethods.some((m) => m.kind === 'authenticatorApp'));
    assert.equal(details.verificationMethods?.totp, null);
    assert.match(details.verificationMethods?.email ?? '', /^.•••@/);
    assert.match(details.verificationMethods?.sms ?? '', /•/);
    // The renderer's buttons would be disabled; a compromised renderer calls anyway.
    assert.equal(codeOf(await api.resetPassword({ userId })), 'CALLER_NOT_VERIFIED');
    assert.equal(codeOf(await api.unlockAccount({ userId })), 'CALLER_NOT_VERIFIED');
    const refused = h.store.audit.list({ targetUpn: TARGET, action: 'password.reset', limit: 1 })[0]!;
    assert.equal(refused.errorCode, 'CALLER_NOT_VERIFIED');
    assert.deepEqual(JSON.parse(refused.detail!), { callerUnverified: true });

    const email = target.authMethods.find((m) => m.kind === 'alternateEmail')!.value;
    const phone = target.authMethods.find((m) => m.kind === 'mobilePhone')!.value;
    const sent = value(await api.sendVerificationCode({ userId, method: 'email' }));
    assert.ok(!sent.sentTo.includes(email.split('@')[0]!.slice(1)), 'masked');
    const first = value(await api.checkVerificationCode({ userId, method: 'email', code: (await h.codeSentTo(email)).code }));
    assert.equal(first.verification.satisfied, false);
    const stillRefused = value(await api.preflightReset({ userId }));
    assert.equal(!stillRefused.allowed && stillRefused.message.endsWith('Administrators need 2 methods verified; 1 is verified.'), true);
    assert.equal(codeOf(await api.resetPassword({ userId })), 'CALLER_NOT_VERIFIED');

    value(await api.sendVerificationCode({ userId, method: 'sms' }));
    const both = value(await api.checkVerificationCode({ userId, method: 'sms', code: (await h.codeSentTo(phone)).code }));
    assert.deepEqual(both.verification.verified.map((v) => v.method), ['email', 'sms']);
    const allowed = value(await api.preflightReset({ userId }));
    assert.equal(allowed.allowed, true);
    assert.equal(allowed.verification?.satisfied, true);
    const reset = value(await api.resetPassword({ userId }));
    assert.equal(reset.upn, TARGET);
    const done = h.store.audit.list({ targetUpn: TARGET, action: 'password.reset', limit: 1 })[0]!;
    assert.equal(done.result, 'success');
    assert.deepEqual(JSON.parse(done.detail!).callerVerifiedBy, ['email', 'sms']);
  });

  it('a wrong code answers the tries left; nothing of the code comes back', async () => {
    const target = h.store.findUser({ upn: 'adele.vance@contoso.com' })!;
    value(await api.sendVerificationCode({ userId: target.id, method: 'sms' }));
    const { code } = await h.codeSentTo(target.authMethods.find((m) => m.kind === 'mobilePhone')!.value);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const result = await api.checkVerificationCode({ userId: target.id, method: 'sms', code: wrong });
    assert.equal(codeOf(result), 'VERIFICATION_CODE_WRONG');
    assert.ok(!result.ok && result.error.message.endsWith('4 tries left.'));
    assert.ok(!JSON.stringify(result).includes(code));
  });
});
