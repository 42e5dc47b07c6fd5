/**
 * A temporary password's life on the embedded file, every step real (SQLite
 * file, scrypt, the engine, the embedded sign-in, the IPC dispatcher): issued
 * by a reset, used by a sign-in, replaced by the user's change, superseded by a
 * second reset, expired by the tenant's lifetime; each written in the
 * transaction of the event it describes.
 */
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { DirectoryHost } from '../../../main/app/directory-host';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import type { TimerPort } from '../../../main/ipc/clipboard-guard';
import { ROLES } from '../../../main/domain/roles';
import type { Actor } from '../../../main/reset/engine';
import { TemporaryPasswordLife } from '../../../main/reset/temporary-password-life';
import { updateTenant } from '../../../main/app/services';
import { runCli } from '../../../main/cli/run';
import { FAST_HASHER, sampleDirectory, secret, type SampleFixture } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { codeOf, value } from '../../support/ipc-result';

const DAY = 86_400_000;
const NEW_OWN = 'Adele-Own-Choice-7421!';

const noTimers: TimerPort = { set: () => 0, cancel: () => undefined };

describe('temporary passwords on the embedded directory', () => {
  let fx: SampleFixture;
  let helpdesk: Actor;
  let global: Actor;
  const upn = EX.cloudMember;

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
    helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
    global = await fx.agent(ROLES.globalAdministrator);
  });
  after(() => fx.close());

  beforeEach(async () => {
    // Every test starts without a lifetime and without any open temporary password.
    await updateTenant(fx.services, global, { temporaryPasswordLifetimeDays: null });
    fx.store.db.exec('DELETE FROM temporary_passwords');
  });

  const life = () => new TemporaryPasswordLife(fx.services.stores, fx.services.directory, fx.services.directory.as(null));
  const target = async () => (await fx.services.directory.as(null).getUser({ upn }))!;
  const reset = (actor = helpdesk, force = true) =>
    fx.services.engine.resetPassword(actor, { target: { upn }, forceChangeNextSignIn: force }).then((o) => o.temporaryPassword.reveal());
  const view = async () => life().forUser(await target());

  it('a reset issues it: when, by whom, shown on screen, not used yet', async () => {
    const issuedAt = fx.clock();
    await reset();
    const v = await view();
    assert.deepEqual(
      { state: v?.state, issuedAt: v?.issuedAt, by: v?.issuedBy, to: v?.deliveredTo, used: v?.firstUsedAt, reported: v?.firstUseReported },
      {
        state: 'outstanding',
        issuedAt: new Date(issuedAt).toISOString(),
        by: { upn: helpdesk.upn, displayName: (await fx.services.directory.as(null).getUser({ upn: helpdesk.upn }))!.displayName },
        to: 'screen',
        used: null,
        reported: true,
      },
    );
  });

  it('sign in with it (must change) → used; the user changes it → changed, at the clock of each', async () => {
    const temporary = await reset();
    fx.clock.advance(60_000);
    assert.equal((await fx.services.signIn.signIn(upn, secret(temporary))).result, 'password_change_required');
    const used = await view();
    assert.equal(used?.state, 'used');
    assert.equal(used?.firstUsedAt, new Date(fx.clock()).toISOString());

    fx.clock.advance(60_000);
    const firstUse = used?.firstUsedAt;
    await fx.services.signIn.signIn(upn, secret(temporary)); // a second use keeps the first time
    assert.equal((await view())?.firstUsedAt, firstUse);

    fx.clock.advance(60_000);
    await fx.services.signIn.changePassword(upn, secret(temporary), secret(NEW_OWN));
    const changed = await view();
    assert.equal(changed?.state, 'changed');
    assert.equal(changed?.changedAt, new Date(fx.clock()).toISOString());
    assert.deepEqual((await life().outstanding({ limit: 50, offset: 0 })).rows, []);
    // Signing in with the user's own password afterwards is not a use of the temporary one.
    fx.clock.advance(60_000);
    assert.equal((await fx.services.signIn.signIn(upn, secret(NEW_OWN))).result, 'ok');
    assert.equal((await view())?.firstUsedAt, firstUse);
  });

  it('without force-change, a sign-in that answers ok is its use', async () => {
    const temporary = await reset(helpdesk, false);
    assert.equal((await fx.services.signIn.signIn(upn, secret(temporary))).result, 'ok');
    assert.equal((await view())?.state, 'used');
  });

  it('a wrong password is no use of it', async () => {
    await reset();
    assert.equal((await fx.services.signIn.signIn(upn, secret('Not-It-123!'))).result, 'invalid_credentials');
    assert.equal((await view())?.state, 'outstanding');
  });

  it('a second reset supersedes the first at its own time; only the second is open', async () => {
    await reset();
    const first = (await fx.services.stores.temporaryPasswords.latest((await target()).id))!;
    fx.clock.advance(5_000);
    await reset(global);
    const rows = fx.store.db.prepare('SELECT issued_by_upn, superseded_at FROM temporary_passwords ORDER BY id').all();
    assert.deepEqual(rows, [
      { issued_by_upn: helpdesk.upn, superseded_at: first.issuedAt + 5_000 },
      { issued_by_upn: global.upn, superseded_at: null },
    ]);
    assert.equal((await view())?.state, 'outstanding');
    assert.equal((await view())?.issuedBy.upn, global.upn);
    const open = await life().outstanding({ limit: 50, offset: 0 });
    assert.deepEqual([open.total, open.rows.map((r) => r.issuedBy.upn)], [1, [global.upn]]);
  });

  it('the lifetime: outstanding until expiresAt, then expired (and listed so, for a call); sign-in refused, no use recorded', async () => {
    await updateTenant(fx.services, global, { temporaryPasswordLifetimeDays: 3 });
    const issuedAt = fx.clock();
    const temporary = await reset();
    assert.equal((await view())?.expiresAt, new Date(issuedAt + 3 * DAY).toISOString());
    fx.clock.advance(3 * DAY - 1);
    assert.equal((await view())?.state, 'outstanding');
    fx.clock.advance(1);
    assert.equal((await view())?.state, 'expired');
    assert.equal((await fx.services.signIn.signIn(upn, secret(temporary))).result, 'password_expired');
    assert.equal((await view())?.firstUsedAt, null);
    const open = await life().outstanding({ limit: 50, offset: 0 });
    assert.deepEqual(open.rows.map((r) => [r.upn, r.state, r.ageDays]), [[upn, 'expired', 3]]);
  });

  it('the issue is in the reset\'s transaction: when its row cannot be written, the password is not changed either', async () => {
    const before = fx.store.db.prepare('SELECT password_hash FROM users WHERE upn = ?').get(upn);
    const successes = () => fx.store.audit.list({ targetUpn: upn, action: 'password.reset', limit: 500 }).filter((e) => e.result === 'success').length;
    const resetsBefore = successes();
    fx.store.db.exec("CREATE TEMP TRIGGER refuse_issue BEFORE INSERT ON temporary_passwords BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    try {
      await assert.rejects(reset());
    } finally {
      fx.store.db.exec('DROP TRIGGER refuse_issue');
    }
    assert.deepEqual(fx.store.db.prepare('SELECT password_hash FROM users WHERE upn = ?').get(upn), before);
    assert.equal(successes(), resetsBefore, 'no success audited');
    assert.equal(await view(), null);
  });

  it('the follow-up list: oldest first, paged, with age; changed ones leave it', async () => {
    // Two more cloud users without a role (their passwords are generated).
    const { users: page } = await fx.services.directory.as(null).searchUsers('a', { limit: 30, offset: 0 });
    const others = page.filter((u) => u.source === 'cloud' && u.userType === 'member' && u.roles.length === 0 && u.upn !== upn).slice(0, 2);
    assert.equal(others.length, 2);
    for (const who of [upn, ...others.map((u) => u.upn)]) {
      await fx.services.engine.resetPassword(global, { target: { upn: who } });
      fx.clock.advance(DAY);
    }
    // The first user changes theirs: it leaves the list.
    const changer = others[1]!.upn;
    const all3 = await life().outstanding({ limit: 50, offset: 0 });
    assert.equal(all3.total, 3);
    await fx.services.stores.temporaryPasswords.markChanged(others[1]!.id, fx.clock());
    const all = await life().outstanding({ limit: 50, offset: 0 });
    assert.equal(all.total, 2);
    assert.ok(!all.rows.some((r) => r.upn === changer));
    assert.deepEqual(all.rows.map((r) => r.issuedAt), [...all.rows.map((r) => r.issuedAt)].sort());
    assert.equal(all.rows[0]?.upn, upn);
    assert.equal(all.rows[0]?.ageDays, 3);
    assert.equal(all.rows[0]?.displayName, (await target()).displayName);
    const second = await life().outstanding({ limit: 1, offset: 1 });
    assert.deepEqual(second.rows.map((r) => r.upn), [all.rows[1]?.upn]);
    assert.equal(second.total, all.total);
  });
});

describe('temporary passwords over IPC', () => {
  let fx: SampleFixture;
  let api: ResetdeskApi;

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
    const app = createIpcApp({
      host: DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock }),
      clipboard: new MemoryClipboard(),
      clock: fx.clock,
      files: new FolderFileSaver(dirname(fx.dbPath)),
      timers: noTimers,
      idleLockMinutes: 10,
      clipboardClearSeconds: 30,
      isTrustedSender: () => true,
    });
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), 'app://resetdesk/index.html', request));
  });
  after(() => fx.close());

  it('signed out: the follow-up list is refused', async () => {
    assert.equal(codeOf(await api.listOutstandingTemporaryPasswords({})), 'NOT_SIGNED_IN');
  });

  it('getUser carries the life; the list names the user; bad paging is refused by the schema', async () => {
    const agent = 'helpdesk.admin@contoso.com';
    value(await api.signIn({ upn: agent, password: fx.passwordOf(agent).reveal() }));
    const user = (await fx.services.directory.as(null).getUser({ upn: EX.cloudMember }))!;
    assert.equal(value(await api.getUser({ userId: user.id })).temporaryPassword, null);
    value(await api.resetPassword({ userId: user.id }));
    const details = value(await api.getUser({ userId: user.id }));
    assert.equal(details.temporaryPassword?.state, 'outstanding');
    assert.equal(details.temporaryPassword?.issuedBy.upn, agent);
    const list = value(await api.listOutstandingTemporaryPasswords({ limit: 10 }));
    assert.deepEqual(list.rows.map((r) => [r.userId, r.upn, r.displayName, r.state]), [[user.id, user.upn, user.displayName, 'outstanding']]);
    assert.equal(codeOf(await api.listOutstandingTemporaryPasswords({ limit: 0 })), 'INVALID_INPUT');
    assert.equal(codeOf(await api.listOutstandingTemporaryPasswords({ limit: 10, extra: 1 } as never)), 'INVALID_INPUT');
  });
});

describe('resetdesk temp-passwords (the CLI, in process, on the same file)', () => {
  let fx: SampleFixture;
  const agent = 'helpdesk.admin@contoso.com';

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
    const actor = await fx.agent(ROLES.helpdeskAdministrator);
    await fx.services.engine.resetPassword(actor, { target: { upn: EX.cloudMember } });
  });
  after(() => fx.close());

  async function cli(args: string[], as: string | null = agent) {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (text: string) => void (stdout += text),
      stderr: (text: string) => void (stderr += text),
      readStdinLines: async () => [],
      promptSecret: async () => null,
      env: { ...(as ? { RESETDESK_AGENT_PASSWORD: fx.passwordOf(as).reveal() } : {}) },
    };
    const status = await runCli(['temp-passwords', '--db', fx.dbPath, ...(as ? ['--as', as] : []), ...args], io, FAST_HASHER);
    return { status, stdout, stderr };
  }

  it('--json: the same rows as the app\'s view', async () => {
    const run = await cli(['--json']);
    assert.equal(run.status, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as { rows: { upn: string; state: string; ageDays: number; issuedBy: { upn: string } }[]; total: number };
    assert.deepEqual(
      answer.rows.map((r) => [r.upn, r.state, r.issuedBy.upn]),
      [[EX.cloudMember, 'outstanding', agent]],
    );
    // The fixture's clock issued it; the CLI reads the system clock: whole days between the two.
    assert.equal(answer.rows[0]?.ageDays, Math.floor((Date.now() - fx.clock()) / DAY));
    assert.equal(answer.total, 1);
  });

  it('text: a table naming the user and the agent', async () => {
    const run = await cli([]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^1 temporary password not yet changed/);
    assert.match(run.stdout, new RegExp(`${EX.cloudMember}.*not used yet`));
  });

  it('without --as: refused, nothing listed', async () => {
    const run = await cli(['--json'], null);
    assert.equal(run.status, 2);
    assert.equal((JSON.parse(run.stdout) as { error: { code: string } }).error.code, 'INVALID_INPUT');
  });
});
