/**
 * Issue 17, items 3 and 4, in main: an unlock follows the reset's caller
 * check, through the IPC handlers and the CLI, on a real SQLite sample.
 *
 * - required and not done: refused with CALLER_NOT_VERIFIED whatever the
 *   window or the script sends, audited exactly once (the refusal, with
 *   callerUnverified), and the account stays locked;
 * - recommended and not done: the unlock goes ahead, audited once as
 *   unverified;
 * - a disabled account: the outcome says it is still disabled (accountEnabled
 *   false), and the CLI says so in words after a reset and an unlock.
 */
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { DirectoryHost } from '../../../main/app/directory-host';
import { disabledAfter } from '../../../main/domain/disabled-account';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import type { CallerVerificationRule } from '../../../main/domain/types';
import { runInProcess } from '../../support/cli-process';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { codeOf, value } from '../../support/ipc-result';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { MemorySecretStore } from '../../support/memory-secret-store';

const HELPDESK = 'helpdesk.admin@contoso.com';
const GLOBAL = 'global.admin@contoso.com';

describe('unlock: the caller check and a disabled account, in main', () => {
  let fx: SampleFixture;
  let api: ResetdeskApi;

  const unlocks = (upn: string) => fx.store.audit.list({ targetUpn: upn, action: 'account.unlock', limit: 100 });
  const setRule = (rule: CallerVerificationRule) => fx.store.tenant.update({ callerVerification: rule }, fx.clock());
  const userId = (upn: string) => fx.store.findUser({ upn })!.id;
  const lockedUntil = (upn: string) => fx.store.findUser({ upn })!.lockedUntil;
  /** The CLI in this process on the same file, signed in as `as` (RESETDESK_AGENT_PASSWORD). */
  const cli = (args: string[], as = HELPDESK) =>
    runInProcess([...args, '--db', fx.dbPath, '--as', as], {
      env: { RESETDESK_AGENT_PASSWORD: fx.passwordOf(as).reveal() },
      hasher: FAST_HASHER,
      secrets: new MemorySecretStore(),
    });

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
    const app = createIpcApp({
      host: DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock }),
      clipboard: new MemoryClipboard(),
      clock: fx.clock,
      files: new FolderFileSaver(dirname(fx.dbPath)),
      timers: { set: () => 0, cancel: () => {} },
      idleLockMinutes: 60,
      clipboardClearSeconds: 30,
      isTrustedSender: (url) => url?.startsWith('app://resetdesk/') ?? false,
    });
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), 'app://resetdesk/index.html', request));
    value(await api.signIn({ upn: HELPDESK, password: fx.passwordOf(HELPDESK).reveal() }));
  });
  afterEach(() => setRule('required-for-admins'));
  after(() => fx.close());

  it('IPC, required: an unverified unlock is refused, audited exactly once as unverified, and the account stays locked', async () => {
    setRule('required');
    const before = unlocks(EX.locked).length;
    const locked = lockedUntil(EX.locked);
    assert.ok(locked, 'the sample user is locked');

    const details = value(await api.getUser({ userId: userId(EX.locked) }));
    assert.equal(!details.preflight.allowed && details.preflight.code, 'CALLER_NOT_VERIFIED', 'the pane hears it before any click');
    assert.equal(codeOf(await api.unlockAccount({ userId: userId(EX.locked) })), 'CALLER_NOT_VERIFIED');

    const after = unlocks(EX.locked);
    assert.equal(after.length, before + 1, 'one audit record for the refused unlock');
    const [refused] = after;
    assert.equal(refused!.result, 'failure');
    assert.equal(refused!.errorCode, 'CALLER_NOT_VERIFIED');
    assert.equal(refused!.actorUpn, HELPDESK);
    assert.deepEqual(JSON.parse(refused!.detail!), { callerUnverified: true });
    assert.equal(lockedUntil(EX.locked), locked, 'still locked');
  });

  it('IPC, recommended: the unlock goes ahead, audited once as unverified, and says the account is enabled', async () => {
    setRule('recommended');
    const before = unlocks(EX.locked).length;
    const done = value(await api.unlockAccount({ userId: userId(EX.locked) }));
    assert.equal(done.wasLocked, true);
    assert.equal(done.accountEnabled, true);
    const after = unlocks(EX.locked);
    assert.equal(after.length, before + 1);
    assert.equal(after[0]!.result, 'success');
    assert.deepEqual(JSON.parse(after[0]!.detail!), { wasLocked: true, callerUnverified: true });
  });

  it('CLI, required: account unlock of an unverified caller is refused, audited exactly once', async () => {
    const set = await cli(['tenant', 'set', 'callerVerification', 'required', '--json'], GLOBAL);
    assert.equal(set.status, 0, set.stdout + set.stderr);
    const before = unlocks(EX.disabled).length;

    const json = await cli(['account', 'unlock', EX.disabled, '--json']);
    assert.equal(json.status, 1, json.stdout);
    assert.equal(json.json.error.code, 'CALLER_NOT_VERIFIED');
    const text = await cli(['account', 'unlock', EX.disabled]);
    assert.equal(text.status, 1);
    assert.match(text.stderr, /\[CALLER_NOT_VERIFIED\]$/m);

    const after = unlocks(EX.disabled);
    assert.equal(after.length, before + 2, 'one record per refused call, no more');
    for (const event of after.slice(0, 2)) {
      assert.equal(event.errorCode, 'CALLER_NOT_VERIFIED');
      assert.deepEqual(JSON.parse(event.detail!), { callerUnverified: true });
    }
  });

  it('IPC: unlocking a disabled account says it is still disabled', async () => {
    const done = value(await api.unlockAccount({ userId: userId(EX.disabled) }));
    assert.equal(done.accountEnabled, false);
  });

  it('CLI: a reset and an unlock of a disabled account say it is still disabled; an enabled one says nothing of it', async () => {
    const reset = await cli(['password', 'reset', EX.disabled]);
    assert.equal(reset.status, 0, reset.stdout + reset.stderr);
    assert.ok(reset.stdout.includes(`${disabledAfter('reset')}\n`), reset.stdout);
    const resetJson = await cli(['password', 'reset', EX.disabled, '--json']);
    assert.equal(resetJson.json.accountEnabled, false);

    const unlock = await cli(['account', 'unlock', EX.disabled]);
    assert.equal(unlock.status, 0, unlock.stdout + unlock.stderr);
    assert.ok(unlock.stdout.includes(`${disabledAfter('unlock')}\n`), unlock.stdout);
    const unlockJson = await cli(['account', 'unlock', EX.disabled, '--json']);
    assert.equal(unlockJson.json.accountEnabled, false);

    const enabled = await cli(['password', 'reset', EX.cloudMember]);
    assert.equal(enabled.status, 0, enabled.stdout + enabled.stderr);
    assert.ok(!enabled.stdout.includes('disabled'), enabled.stdout);
    assert.equal((await cli(['account', 'unlock', EX.cloudMember, '--json'])).json.accountEnabled, true);
  });
});
