import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { DomainError, type ErrorCode } from '../../../main/domain/errors';
import type { Actor } from '../../../main/reset/engine';
import { ROLES } from '../../../main/domain/roles';
import { authenticateAgent, updateTenant } from '../../../main/app/services';
import { sampleDirectory, secret, type SampleFixture } from '../../support/fixtures';

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

describe('admin reset and unlock on the sample directory', () => {
  let fx: SampleFixture;
  let helpdesk: Actor;
  let global: Actor;

  before(async () => {
    fx = await sampleDirectory();
    helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
    global = await fx.agent(ROLES.globalAdministrator);
  });
  after(() => fx.close());

  const auditCount = () => (fx.store.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
  const rawUser = (upn: string) =>
    fx.store.db.prepare('SELECT * FROM users WHERE upn = ?').get(upn) as Record<string, unknown>;

  const refusals: [string, string, () => Actor, ErrorCode][] = [
    ['a guest from another organisation', EX.guestOtherTenant, () => global, 'NOT_HOME_TENANT'],
    ['a Microsoft account guest', EX.guestMicrosoftAccount, () => global, 'NOT_HOME_TENANT'],
    ['a Google account guest', EX.guestGoogle, () => global, 'NOT_HOME_TENANT'],
    ['an External Azure AD user', EX.externalAzureAD, () => global, 'EXTERNAL_AUTHORITY'],
    ['a synced user in a federated domain', EX.syncedFederated, () => global, 'FEDERATED_DOMAIN'],
    ['a synced account with AdminCount=1', EX.syncedAdminCount, () => global, 'ADMIN_COUNT'],
    ['a Global Administrator, as Helpdesk Administrator', 'global.admin@contoso.com', () => helpdesk, 'INSUFFICIENT_ROLE'],
    ['oneself', 'helpdesk.admin@contoso.com', () => helpdesk, 'SELF_RESET'],
    ['nobody at all', 'nobody@contoso.com', () => helpdesk, 'USER_NOT_FOUND'],
  ];

  for (const [what, upn, actor, code] of refusals) {
    it(`refuses ${what} with ${code}, changes nothing and audits one failure`, async () => {
      const before = rawUser(upn);
      const events = auditCount();
      await rejectsWith(fx.services.engine.resetPassword(actor(), { target: { upn } }), code);
      assert.deepEqual(rawUser(upn), before);
      assert.equal(auditCount(), events + 1);
      const [event] = fx.store.audit.list({ limit: 1 });
      assert.equal(event?.action, 'password.reset');
      assert.equal(event?.result, 'failure');
      assert.equal(event?.errorCode, code);
      assert.equal(event?.targetUpn?.toLowerCase(), upn.toLowerCase());
    });
  }

  it('refuses synced users while password writeback is off, and allows them once it is on', async () => {
    await updateTenant(fx.services, global, { passwordWriteback: false });
    await rejectsWith(
      fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.syncedManaged }, password: secret('Typed-Kq7x9Wz') }),
      'WRITEBACK_DISABLED',
    );
    await updateTenant(fx.services, global, { passwordWriteback: true });
    const outcome = await fx.services.engine.resetPassword(helpdesk, {
      target: { upn: EX.syncedManaged },
      password: secret('Typed-Kq7x9Wz'),
    });
    assert.equal(outcome.generated, false);
    assert.equal((await fx.services.signIn.signIn(EX.syncedManaged, secret('Typed-Kq7x9Wz'))).result, 'password_change_required');
  });

  it('a Password Administrator cannot reset a Helpdesk Administrator', async () => {
    const passwordAdmin = await fx.agent(ROLES.passwordAdministrator);
    await rejectsWith(
      fx.services.engine.resetPassword(passwordAdmin, { target: { upn: 'helpdesk.admin@contoso.com' } }),
      'INSUFFICIENT_ROLE',
    );
  });

  it('an agent without a resetting role is refused', async () => {
    const reader = await fx.agent(ROLES.directoryReaders);
    await rejectsWith(fx.services.engine.resetPassword(reader, { target: { upn: EX.cloudMember } }), 'INSUFFICIENT_ROLE');
  });

  it('reads the actor\'s roles from the directory, not from what the caller claims', async () => {
    const forged: Actor = { ...helpdesk, roles: [ROLES.globalAdministrator] };
    await rejectsWith(
      fx.services.engine.resetPassword(forged, { target: { upn: 'global.admin@contoso.com' } }),
      'INSUFFICIENT_ROLE',
    );
  });

  it('resets a cloud user: generated password, must change, audited once, works for sign-in', async () => {
    const events = auditCount();
    const outcome = await fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.cloudMember } });
    assert.equal(outcome.generated, true);
    assert.equal(outcome.forceChangeNextSignIn, true);
    assert.equal(outcome.expiresAt, null);
    assert.equal(auditCount(), events + 1);
    const [event] = fx.store.audit.list({ limit: 1 });
    assert.equal(event?.result, 'success');
    assert.equal(event?.actorUpn, 'helpdesk.admin@contoso.com');
    const signIn = await fx.services.signIn.signIn(EX.cloudMember, outcome.temporaryPassword);
    assert.equal(signIn.result, 'password_change_required');
  });

  it('refuses a typed password for a cloud user and requires one for an on-premises user', async () => {
    await rejectsWith(
      fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.cloudMember }, password: secret('Typed-Kq7x9Wz') }),
      'PASSWORD_NOT_ALLOWED',
    );
    await rejectsWith(fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.syncedManaged } }), 'PASSWORD_REQUIRED');
  });

  it('checks a typed on-premises password against the policy and changes nothing when it fails', async () => {
    const before = rawUser(EX.syncedManaged);
    await assert.rejects(
      fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.syncedManaged }, password: secret('short1') }),
      (error: DomainError) => error.code === 'POLICY_VIOLATION' && /8 characters/.test(error.message) && !error.message.includes('short1'),
    );
    assert.deepEqual(rawUser(EX.syncedManaged), before);
  });

  it('does not force a change for a synced user whose password never expires', async () => {
    const outcome = await fx.services.engine.resetPassword(helpdesk, {
      target: { upn: EX.passwordNeverExpiresSynced },
      password: secret('Typed-Kq7x9Wz-2'),
    });
    assert.equal(outcome.forceChangeNextSignIn, false);
    assert.equal((await fx.services.signIn.signIn(EX.passwordNeverExpiresSynced, secret('Typed-Kq7x9Wz-2'))).result, 'ok');
  });

  it('lets the agent turn off "must change at next sign-in"', async () => {
    const outcome = await fx.services.engine.resetPassword(helpdesk, {
      target: { upn: EX.localGuest },
      forceChangeNextSignIn: false,
    });
    assert.equal(outcome.forceChangeNextSignIn, false);
    assert.equal((await fx.services.signIn.signIn(EX.localGuest, outcome.temporaryPassword)).result, 'ok');
  });

  it('a reset unlocks a locked account and clears its counters', async () => {
    assert.equal((await fx.services.directory.as(null).getUser({ upn: EX.locked }))?.locked, true);
    const outcome = await fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.locked } });
    assert.equal(outcome.unlocked, true);
    const user = await fx.services.directory.as(null).getUser({ upn: EX.locked });
    assert.equal(user?.locked, false);
    assert.equal(user?.failedAttempts, 0);
    assert.equal(user?.lockoutCount, 0);
  });

  it('never stores or audits the temporary password in clear', async () => {
    const outcome = await fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.disabled } });
    const clear = outcome.temporaryPassword.reveal();
    fx.store.db.pragma('wal_checkpoint(TRUNCATE)');
    assert.equal(readFileSync(fx.dbPath).includes(Buffer.from(clear)), false);
    const audit = JSON.stringify(fx.store.audit.list({ limit: 500 }));
    assert.equal(audit.includes(clear), false);
    assert.equal(String(outcome.temporaryPassword), '[redacted]');
  });

  it('a temporary password stops working after the tenant lifetime, when one is set', async () => {
    await updateTenant(fx.services, global, { temporaryPasswordLifetimeDays: 2 });
    try {
      const outcome = await fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.unregistered } });
      assert.ok(outcome.expiresAt);
      fx.clock.advance(2 * 86_400_000 - 1000);
      assert.equal((await fx.services.signIn.signIn(EX.unregistered, outcome.temporaryPassword)).result, 'password_change_required');
      fx.clock.advance(1000);
      assert.equal((await fx.services.signIn.signIn(EX.unregistered, outcome.temporaryPassword)).result, 'password_expired');
    } finally {
      await updateTenant(fx.services, global, { temporaryPasswordLifetimeDays: null });
    }
  });

  it('unlock: clears the lock for whoever may reset the user, refuses the rest', async () => {
    const userAdmin = await fx.agent(ROLES.userAdministrator);
    const target = (
      fx.store.db
        .prepare("SELECT upn FROM users WHERE source = 'cloud' AND user_type = 'member' AND rowid NOT IN (SELECT user_rowid FROM role_assignments) ORDER BY rowid DESC LIMIT 1")
        .get() as { upn: string }
    ).upn;
    // Lock it the way a user would: ten different wrong passwords.
    for (let i = 0; i < 10; i++) await fx.services.signIn.signIn(target, secret(`Wrong-guess-${i}`));
    assert.equal((await fx.services.directory.as(null).getUser({ upn: target }))?.locked, true);
    const outcome = await fx.services.engine.unlock(userAdmin, { upn: target });
    assert.equal(outcome.wasLocked, true);
    assert.equal((await fx.services.directory.as(null).getUser({ upn: target }))?.locked, false);
    await rejectsWith(fx.services.engine.unlock(userAdmin, { upn: EX.guestGoogle }), 'NOT_HOME_TENANT');
    await rejectsWith(fx.services.engine.unlock(userAdmin, { upn: 'global.admin@contoso.com' }), 'INSUFFICIENT_ROLE');
    const [event] = fx.store.audit.list({ limit: 1 });
    assert.equal(event?.action, 'account.unlock');
    assert.equal(event?.errorCode, 'INSUFFICIENT_ROLE');
  });

  it('preflight gives the refusal message before any click and writes nothing', async () => {
    const events = auditCount();
    const federated = await fx.services.engine.preflight(helpdesk, { upn: EX.syncedFederated });
    assert.deepEqual(federated.allowed, false);
    assert.match(!federated.allowed ? federated.message : '', /federated domains is not supported/);
    // The default rule (required-for-admins) only recommends verifying a caller who holds no role.
    const unverified = { level: 'recommended', methodsRequired: 1, verified: [], satisfied: false };
    const cloud = await fx.services.engine.preflight(helpdesk, { upn: EX.cloudMember });
    assert.deepEqual(cloud, { allowed: true, passwordMode: 'generated', verification: unverified });
    const synced = await fx.services.engine.preflight(helpdesk, { upn: EX.syncedManaged });
    assert.deepEqual(synced, { allowed: true, passwordMode: 'typed', verification: unverified });
    assert.equal(auditCount(), events);
  });
});

describe('audit atomicity', () => {
  let fx: SampleFixture;
  let helpdesk: Actor;
  before(async () => {
    fx = await sampleDirectory({ size: 60 });
    helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
  });
  after(() => fx.close());

  const snapshot = () => ({
    user: fx.store.db.prepare('SELECT * FROM users WHERE upn = ?').get(EX.cloudMember),
    events: fx.store.db.prepare('SELECT count(*) AS n FROM audit_events').get(),
  });

  // Real failures injected into the real database: a TEMP trigger aborts the
  // statement, exactly as a full disk or a constraint would.
  for (const [where, trigger] of [
    ['writing the audit event', 'BEFORE INSERT ON audit_events'],
    ['updating the user', 'BEFORE UPDATE ON users'],
  ] as const) {
    it(`a failure while ${where} leaves neither the change nor an event`, async () => {
      const before = snapshot();
      fx.store.db.exec(`CREATE TEMP TRIGGER inject_failure ${trigger} BEGIN SELECT RAISE(ABORT, 'injected'); END`);
      try {
        await assert.rejects(fx.services.engine.resetPassword(helpdesk, { target: { upn: EX.cloudMember } }));
      } finally {
        fx.store.db.exec('DROP TRIGGER temp.inject_failure');
      }
      assert.deepEqual(snapshot(), before);
    });
  }
});

describe("the agent's own account, re-checked inside every change", () => {
  let fx: SampleFixture;
  let helpdesk: Actor;
  const HELPDESK = 'helpdesk.admin@contoso.com';
  before(async () => {
    fx = await sampleDirectory({ size: 60 });
    helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
  });
  after(() => fx.close());

  // What an administrator (or a sync) does in the directory while the agent is signed in.
  const setEnabled = (upn: string, enabled: boolean) =>
    fx.store.db.prepare('UPDATE users SET account_enabled = ? WHERE upn = ?').run(enabled ? 1 : 0, upn);
  const rawUser = (upn: string) => fx.store.db.prepare('SELECT * FROM users WHERE upn = ?').get(upn);
  const auditCount = () => (fx.store.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;

  /** Resets and unlocks as this actor are refused with `detail`, change nothing, and audit one failure each. */
  async function refusedBecause(actor: Actor, detail: RegExp): Promise<void> {
    const target = { upn: EX.locked };
    const before = rawUser(EX.locked);
    for (const [action, run] of [
      ['password.reset', () => fx.services.engine.resetPassword(actor, { target })],
      ['account.unlock', () => fx.services.engine.unlock(actor, target)],
    ] as const) {
      const events = auditCount();
      await assert.rejects(run(), (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.code, 'AGENT_ACCOUNT_UNUSABLE');
        assert.match(error.message, /signed out/);
        assert.match(error.message, detail);
        return true;
      });
      assert.deepEqual(rawUser(EX.locked), before, `${action} changed nothing`);
      assert.equal(auditCount(), events + 1, `${action} audited exactly once`);
      const [event] = fx.store.audit.list({ limit: 1 });
      assert.equal(event?.action, action);
      assert.equal(event?.actorUpn, actor.upn);
      assert.equal(event?.result, 'failure');
      assert.equal(event?.errorCode, 'AGENT_ACCOUNT_UNUSABLE');
    }
    await rejectsWith(fx.services.engine.preflight(actor, target), 'AGENT_ACCOUNT_UNUSABLE');
  }

  it('an agent disabled after signing in can neither reset nor unlock', async () => {
    setEnabled(HELPDESK, false);
    try {
      await refusedBecause(helpdesk, /disabled/);
    } finally {
      setEnabled(HELPDESK, true);
    }
    const outcome = await fx.services.engine.unlock(helpdesk, { upn: EX.locked });
    assert.equal(outcome.wasLocked, true, 'enabled again, the same session acts again');
  });

  it('an agent locked out after signing in can act only once the lockout has run out', async () => {
    const userAdmin = await fx.agent(ROLES.userAdministrator);
    // Locked the way anyone can lock it: ten different wrong passwords.
    for (let i = 1; i <= 10; i++) await fx.services.signIn.signIn(userAdmin.upn, secret(`Wrong-${i}`));
    assert.equal((await fx.services.directory.as(null).getUser({ upn: userAdmin.upn }))?.locked, true);
    await refusedBecause(userAdmin, /locked/);
    fx.clock.advance(60_000);
    const outcome = await fx.services.engine.resetPassword(userAdmin, { target: { upn: EX.cloudMember } });
    assert.equal(outcome.generated, true);
  });

  it('an agent stripped of every role can no longer act', async () => {
    const passwordAdmin = await fx.agent(ROLES.passwordAdministrator);
    const rowid = (fx.store.db.prepare('SELECT rowid FROM users WHERE upn = ?').get(passwordAdmin.upn) as { rowid: number }).rowid;
    fx.store.db.prepare('DELETE FROM role_assignments WHERE user_rowid = ?').run(rowid);
    await refusedBecause(passwordAdmin, /no longer holds an admin role/);
  });

  it('an agent whose account was deleted can no longer act', async () => {
    const authAdmin = await fx.agent(ROLES.authenticationAdministrator);
    fx.store.db.prepare('DELETE FROM users WHERE upn = ?').run(authAdmin.upn);
    await refusedBecause(authAdmin, /no longer exists/);
  });

  it('a signed-in user who never held a role is refused for the role, not signed out', async () => {
    const global = await fx.agent(ROLES.globalAdministrator);
    const reset = await fx.services.engine.resetPassword(global, { target: { upn: EX.localGuest }, forceChangeNextSignIn: false });
    const plainUser = await authenticateAgent(fx.services, EX.localGuest, reset.temporaryPassword);
    assert.deepEqual(plainUser.roles, []);
    await rejectsWith(fx.services.engine.resetPassword(plainUser, { target: { upn: EX.cloudMember } }), 'INSUFFICIENT_ROLE');
  });

  it('a Global Administrator disabled after signing in cannot change tenant settings', async () => {
    const global = await fx.agent(ROLES.globalAdministrator);
    const before = fx.store.tenant.get();
    setEnabled(global.upn, false);
    try {
      await assert.rejects(
        () => updateTenant(fx.services, global, { passwordWriteback: !before.passwordWriteback }),
        (error: unknown) => error instanceof DomainError && error.code === 'AGENT_ACCOUNT_UNUSABLE' && /disabled/.test(error.message),
      );
    } finally {
      setEnabled(global.upn, true);
    }
    assert.deepEqual(fx.store.tenant.get(), before);
    const [event] = fx.store.audit.list({ action: 'tenant.update', limit: 1 });
    assert.equal(event?.result, 'failure');
    assert.equal(event?.errorCode, 'AGENT_ACCOUNT_UNUSABLE');
  });
});
