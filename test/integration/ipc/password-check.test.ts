/**
 * The live password checks over the real dispatcher (sender check, strict
 * schemas) and the real SQLite sample: the reset dialog's typed password for a
 * signed-in agent, and the must-change screen's new password only for the UPN
 * whose sign-in asked for the change.
 */
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { DirectoryHost } from '../../../main/app/directory-host';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import { ROLES } from '../../../main/domain/roles';
import { updateTenant } from '../../../main/app/services';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { FAST_HASHER, sampleDirectory, secret, type SampleFixture } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { codeOf, value } from '../../support/ipc-result';

const ORIGIN = 'app://resetdesk/index.html';
const HELPDESK = 'helpdesk.admin@contoso.com';

describe('IPC: checkPassword and checkNewPassword', () => {
  let fx: SampleFixture;
  let api: ResetdeskApi;
  let userId: string;

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
    const global = await fx.agent(ROLES.globalAdministrator);
    await updateTenant(fx.services, global, { callerVerification: 'off' });
    userId = (await fx.services.directory.as(null).getUser({ upn: EX.syncedManaged }))!.id;
  });
  after(() => fx.close());

  beforeEach(() => {
    const app = createIpcApp({
      host: DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock }),
      clipboard: new MemoryClipboard(),
      clock: fx.clock,
      files: new FolderFileSaver(dirname(fx.dbPath)),
      idleLockMinutes: 10,
      clipboardClearSeconds: 30,
      isTrustedSender: (url) => url === ORIGIN,
    });
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
  });

  it('checkPassword: the signed-in agent gets the reasons, naming "contoso", never the password', async () => {
    assert.equal(codeOf(await api.checkPassword({ userId, password: 'Contoso2024!' })), 'NOT_SIGNED_IN');
    value(await api.signIn({ upn: HELPDESK, password: fx.passwordOf(HELPDESK).reveal() }));
    const { problems } = value(await api.checkPassword({ userId, password: 'Contoso2024!' }));
    assert.ok(problems.some((p) => /contoso/.test(p)), problems.join(' '));
    assert.ok(!problems.join(' ').includes('2024!'));
    // The user's own name, and the policy's rules too.
    assert.ok(value(await api.checkPassword({ userId, password: 'Megan#Bowen7' })).problems.includes('It contains your name.'));
    assert.ok(value(await api.checkPassword({ userId, password: 'short' })).problems.includes('Use at least 8 characters.'));
    assert.deepEqual(value(await api.checkPassword({ userId, password: 'Kd7#pQ2vLm9x' })).problems, []);
  });

  it('checkPassword validates strictly: an extra field, a 257-character password, a malformed id', async () => {
    value(await api.signIn({ upn: HELPDESK, password: fx.passwordOf(HELPDESK).reveal() }));
    const extra = { userId, password: 'Kd7#pQ2vLm9x', history: true } as unknown as { userId: string; password: string };
    assert.equal(codeOf(await api.checkPassword(extra)), 'INVALID_INPUT');
    assert.equal(codeOf(await api.checkPassword({ userId, password: 'x'.repeat(257) })), 'INVALID_INPUT');
    assert.equal(codeOf(await api.checkPassword({ userId: 'nobody', password: 'Kd7#pQ2vLm9x' })), 'INVALID_INPUT');
  });

  it('checkNewPassword: only for the UPN whose sign-in asked for a change, and not after it', async () => {
    const helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
    await fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.syncedManaged }, password: secret('Pv9*tN4kWq6z') });
    // Nobody signed in as her: refused, whatever the password.
    assert.equal(codeOf(await api.checkNewPassword({ upn: EX.syncedManaged, password: 'Contoso2024!' })), 'NOT_SIGNED_IN');
    const state = value(await api.signIn({ upn: EX.syncedManaged, password: 'Pv9*tN4kWq6z' }));
    assert.equal(state.status, 'passwordChangeRequired');
    const { problems } = value(await api.checkNewPassword({ upn: EX.syncedManaged, password: 'Contoso2024!' }));
    assert.ok(problems.some((p) => /contoso/.test(p)), problems.join(' '));
    assert.ok(value(await api.checkNewPassword({ upn: EX.syncedManaged, password: 'Megan#Bowen7' })).problems.includes('It contains your name.'));
    // Another UPN than the one sent to the change screen: refused.
    assert.equal(codeOf(await api.checkNewPassword({ upn: EX.cloudMember, password: 'Kd7#pQ2vLm9x' })), 'NOT_SIGNED_IN');
    // The change is refused by main too, with the same reason.
    const refused = await api.changeOwnPassword({ upn: EX.syncedManaged, currentPassword: 'Pv9*tN4kWq6z', newPassword: 'Contoso2024!' });
    assert.equal(codeOf(refused), 'POLICY_VIOLATION');
    value(await api.changeOwnPassword({ upn: EX.syncedManaged, currentPassword: 'Pv9*tN4kWq6z', newPassword: 'Gh3&uR8yLd5m' }));
    // Signed in now: the change screen is over.
    assert.equal(codeOf(await api.checkNewPassword({ upn: EX.syncedManaged, password: 'Kd7#pQ2vLm9x' })), 'NOT_SIGNED_IN');
  });
});
