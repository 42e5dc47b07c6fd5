/**
 * The conformance suite for the directory interface (main/directory/directory.ts):
 * the same tests, unchanged, against every provider — the embedded SQLite file,
 * Active Directory (a real Samba AD DC) and OpenLDAP (a real slapd with ppolicy).
 * A provider's test file builds a ConformanceSubject over real data and calls
 * directoryConformance(); nothing here knows which provider it is talking to.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Authenticator, UserDirectory } from '../../main/directory/directory';
import type { Stores } from '../../main/domain/stores';
import type { AuditAction } from '../../main/domain/types';
import { ROLES } from '../../main/domain/roles';
import { Secret } from '../../main/domain/secret';
import type { SignInResult } from '../../main/domain/sign-in';
import { DomainError } from '../../main/domain/errors';
import { ResetEngine, type Actor } from '../../main/reset/engine';
import { signInRefusal } from '../../main/reset/signin';
import { temporaryPasswordLog } from '../../main/reset/temporary-password-life';

export interface Account {
  upn: string;
  password: string;
}

export interface ConformanceSubject {
  directory: UserDirectory;
  signIn: Authenticator;
  stores: Stores;
  /** Holds Helpdesk Administrator (by group in LDAP), with the right to reset plain users. */
  helpdesk: Account;
  /** Holds Global Administrator. */
  globalAdmin: Account;
  /** Plain users, no role; the first is reset and unlocked, their passwords known. */
  plain: Account;
  /** Locked out by failed sign-ins; this is their right password. */
  locked: Account;
  disabled: Account;
  /**
   * What signing in to the disabled account answers: 'disabled' where the
   * directory has the notion (AD's data 533, the embedded file); OpenLDAP 2.5 has
   * none, and its administrative lock (pwdAccountLockedTime 000001010000Z)
   * answers a bind as ppolicy's accountLocked, like any lockout.
   */
  disabledAnswer?: SignInResult;
  /** AdminCount=1 (Active Directory and the embedded file's synced users; OpenLDAP has none). */
  protectedUpn: string | null;
  /**
   * Whether this password lets the user in, asked of the directory itself and
   * not through the provider under test where that is possible (an LDAP bind
   * of our own): the proof of a reset comes from the directory's side.
   */
  independentSignIn(upn: string, password: string): Promise<SignInResult>;
  /** Whether a change sent to this directory is audited as an intent before it and an outcome after. */
  remote: boolean;
  close(): Promise<void>;
}

const secret = (value: string) => new Secret(value);

export function directoryConformance(name: string, makeSubject: () => Promise<ConformanceSubject>): void {
  describe(`UserDirectory conformance: ${name}`, () => {
    let s: ConformanceSubject;
    let engine: ResetEngine;
    let helpdesk: Actor;

    const actorOf = async (account: Account): Promise<Actor> => {
      const outcome = await s.signIn.signIn(account.upn, secret(account.password));
      if (outcome.result !== 'ok' || !outcome.user) throw signInRefusal(outcome.result);
      return { id: outcome.user.id, upn: outcome.user.upn, roles: outcome.user.roles, credential: outcome.credential ?? null };
    };
    const view = () => s.directory.as(helpdesk.credential ?? null);
    /** The events about this user and action since `since` (an id), oldest first. */
    const eventsSince = async (since: number, upn: string, action: AuditAction) =>
      (await s.stores.audit.list({ targetUpn: upn, action, limit: 50 })).filter((e) => e.id > since).reverse();
    const lastId = async () => (await s.stores.audit.list({ limit: 1 }))[0]?.id ?? 0;
    const rejectsWith = async (promise: Promise<unknown>, code: string) =>
      assert.rejects(promise, (e: unknown) => e instanceof DomainError && e.code === code);

    before(async () => {
      s = await makeSubject();
      engine = new ResetEngine(s.directory);
      helpdesk = await actorOf(s.helpdesk);
    });
    after(async () => s?.close());

    it('signs an agent in with their roles, and refuses a wrong password', async () => {
      assert.ok(helpdesk.roles.includes(ROLES.helpdeskAdministrator), `roles: ${helpdesk.roles.join(', ')}`);
      assert.equal((await s.signIn.signIn(s.helpdesk.upn, secret('Not-the-Passw0rd!'))).result, 'invalid_credentials');
      assert.equal((await s.signIn.signIn('nobody.here@example.invalid', secret('Not-the-Passw0rd!'))).result, 'invalid_credentials');
    });

    it('says a disabled account is disabled and a locked one locked, given their right password', async () => {
      assert.equal((await s.signIn.signIn(s.disabled.upn, secret(s.disabled.password))).result, s.disabledAnswer ?? 'disabled');
      assert.equal((await s.signIn.signIn(s.locked.upn, secret(s.locked.password))).result, 'locked');
    });

    it('looks a user up by UPN and by id, the same user both ways; an unknown UPN is nobody', async () => {
      const byUpn = await view().getUser({ upn: s.plain.upn });
      assert.ok(byUpn, `${s.plain.upn} found`);
      assert.equal(byUpn.upn.toLowerCase(), s.plain.upn.toLowerCase());
      const byId = await view().getUser({ id: byUpn.id });
      assert.deepEqual(byId && [byId.id, byId.upn, byId.displayName], [byUpn.id, byUpn.upn, byUpn.displayName]);
      assert.equal(await view().getUser({ upn: 'nobody.here@example.invalid' }), null);
    });

    it('finds a user by the first three letters of their given name, and by their whole UPN first', async () => {
      const user = (await view().getUser({ upn: s.plain.upn }))!;
      const three = user.displayName.slice(0, 3);
      const found = await view().searchUsers(three, { limit: 20, offset: 0 });
      assert.ok(found.users.some((u) => u.id === user.id), `"${three}" finds ${user.displayName}`);
      const exact = await view().searchUsers(user.upn, { limit: 5, offset: 0 });
      assert.equal(exact.users[0]?.id, user.id, 'the whole UPN puts its user first');
    });

    it('takes filter syntax in a search as text: it neither fails nor widens the search', async () => {
      // Unescaped in an LDAP filter, each of these would match everyone (or break the filter).
      for (const query of ['*)(objectClass=*', 'a*)(|(uid=*', `${s.plain.upn.slice(0, 4)}*)(sn=*`]) {
        const { users } = await view().searchUsers(query, { limit: 20, offset: 0 });
        assert.deepEqual(users.map((u) => u.upn), [], `"${query}" matches no one`);
      }
    });

    it('pre-flight: allowed on a plain user; refused above the agent’s role; AdminCount=1 refused before any click', async () => {
      const plain = (await view().getUser({ upn: s.plain.upn }))!;
      // The embedded file's plain user is a cloud user (generated only); a directory the app writes to offers either.
      assert.deepEqual(await engine.preflight(helpdesk, { id: plain.id }), { allowed: true, passwordMode: s.remote ? 'either' : 'generated' });
      const global = (await view().getUser({ upn: s.globalAdmin.upn }))!;
      const above = await engine.preflight(helpdesk, { id: global.id });
      assert.equal(above.allowed ? 'allowed' : above.code, 'INSUFFICIENT_ROLE');
      if (s.protectedUpn === null) return;
      const guarded = (await view().getUser({ upn: s.protectedUpn }))!;
      assert.equal(guarded.adminCount, 1);
      const answer = await engine.preflight(helpdesk, { id: guarded.id });
      assert.equal(answer.allowed ? 'allowed' : answer.code, 'ADMIN_COUNT');
    });

    it('resets a password: the directory then answers "must change" to the temporary one, and it is audited', async () => {
      const before = await lastId();
      const outcome = await engine.resetPassword(helpdesk, { target: { upn: s.plain.upn } });
      const events = await eventsSince(before, s.plain.upn, 'password.reset');
      assert.equal(outcome.generated, true);
      assert.equal(outcome.forceChangeNextSignIn, true);
      assert.equal(await s.independentSignIn(s.plain.upn, outcome.temporaryPassword.reveal()), 'password_change_required');
      assert.equal(await s.independentSignIn(s.plain.upn, s.plain.password), 'invalid_credentials', 'the old password is gone');
      assert.deepEqual(
        events.map((e) => [e.action, e.result]),
        s.remote ? [['password.reset', 'intent'], ['password.reset', 'success']] : [['password.reset', 'success']],
      );
      if (s.remote) assert.equal(events[1]!.intentId, events[0]!.id, 'the outcome names its intent');
      const text = JSON.stringify(events);
      assert.ok(!text.includes(outcome.temporaryPassword.reveal()), 'the audit never holds the password');
    });

    it('a reset without "must change" lets the user straight in', async () => {
      const outcome = await engine.resetPassword(helpdesk, { target: { upn: s.plain.upn }, forceChangeNextSignIn: false });
      assert.equal(await s.independentSignIn(s.plain.upn, outcome.temporaryPassword.reveal()), 'ok');
    });

    it('refuses a reset above the agent’s role, changes nothing, and audits the refusal once', async () => {
      const before = await lastId();
      await rejectsWith(engine.resetPassword(helpdesk, { target: { upn: s.globalAdmin.upn } }), 'INSUFFICIENT_ROLE');
      const events = await eventsSince(before, s.globalAdmin.upn, 'password.reset');
      assert.deepEqual(events.map((e) => [e.action, e.result, e.errorCode]), [['password.reset', 'failure', 'INSUFFICIENT_ROLE']]);
      assert.equal(await s.independentSignIn(s.globalAdmin.upn, s.globalAdmin.password), 'ok', 'their password still works');
    });

    it('refuses a reset of an unknown user with USER_NOT_FOUND', async () => {
      await rejectsWith(engine.resetPassword(helpdesk, { target: { upn: 'nobody.here@example.invalid' } }), 'USER_NOT_FOUND');
    });

    it('unlocks an account locked by failed sign-ins: the user can sign in again', async () => {
      const before = await lastId();
      const outcome = await engine.unlock(helpdesk, { upn: s.locked.upn });
      assert.equal(outcome.wasLocked, true);
      const events = await eventsSince(before, s.locked.upn, 'account.unlock');
      assert.equal(await s.independentSignIn(s.locked.upn, s.locked.password), 'ok');
      assert.deepEqual(
        events.map((e) => e.result),
        s.remote ? ['intent', 'success'] : ['success'],
      );
    });

    // Last: it resets the plain user again and signs in with the temporary password.
    it('does what its capabilities declare: first use, reads without a sign-in, settling intents, synced users', async () => {
      const { capabilities } = s.directory;
      const plain = (await view().getUser({ upn: s.plain.upn }))!;

      // reportsFirstUse: a sign-in with the temporary password is recorded as its first use, or it is not.
      const logged = new ResetEngine(s.directory, { guards: { temporaryPasswords: temporaryPasswordLog(s.stores.temporaryPasswords) } });
      const outcome = await logged.resetPassword(helpdesk, { target: { upn: s.plain.upn } });
      assert.equal((await s.signIn.signIn(s.plain.upn, outcome.temporaryPassword)).result, 'password_change_required');
      const record = await s.stores.temporaryPasswords.latest(plain.id);
      assert.ok(record, 'the reset issued a temporary password');
      assert.equal(record.firstUsedAt !== null, capabilities.reportsFirstUse, `reportsFirstUse: ${capabilities.reportsFirstUse}`);

      // readableByFileOwner: the directory reads without anyone signed in.
      if (capabilities.readableByFileOwner) assert.equal((await s.directory.as(null).getUser({ upn: s.plain.upn }))?.id, plain.id);

      // settleOpenIntents: had exactly by a directory whose changes are audited as an intent and an outcome.
      assert.equal(typeof s.directory.settleOpenIntents === 'function', s.remote, 'settles intents iff its changes leave them');
      if (s.directory.settleOpenIntents) {
        assert.equal(await s.directory.settleOpenIntents(helpdesk.credential!), 0, 'every change above has its outcome');
        assert.deepEqual(await s.stores.audit.openIntents(), []);
      }

      // syncedFromOnPremises: a directory that is the users' own has only on-premises users, written where they sign in
      // (a typed password offered beside a generated one, whatever the tenant's writeback says).
      if (!capabilities.syncedFromOnPremises) {
        assert.equal(plain.source, 'onPremises');
        const pre = await engine.preflight(helpdesk, { id: plain.id });
        assert.deepEqual(pre, { allowed: true, passwordMode: 'either' });
      }
    });
  });
}
