/**
 * A user's own password change (LdapAuthenticator.changePassword) against the
 * real Samba AD DC and slapd, and the servers' password-policy refusals (a
 * change, and an agent's reset with a password the domain refuses), each
 * proven by a bind of our own. Also: an OpenLDAP "disabled" user stays
 * disabled after a reset.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test, type TestContext } from 'node:test';
import { DomainError } from '../../../../main/domain/errors';
import { Secret } from '../../../../main/domain/secret';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapAgentCredential, LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import { ResetEngine } from '../../../../main/reset/engine';
import { adminRead, bindDn, holdServersForThisFile, localStore, profileOf, resetCases, serversOrSkip, tryBind, type Kind } from './servers';

/** A new password no case user has had: the servers keep 5 in history, across reset-cases runs. Fresh per test (setup). */
let NEW = '';

holdServersForThisFile();

function setup(t: TestContext, kind: Kind, service = false) {
  const servers = serversOrSkip(t);
  if (!servers) return null;
  resetCases(); // every test starts from the seeded case users (about 1 s)
  NEW = `Own-Chosen-${randomBytes(6).toString('hex')}-Q7!`;
  const side = servers[kind];
  const store = localStore(t);
  const profile = profileOf(servers, kind, service ? { bind: 'service', serviceAccountDn: side.admin.dn } : {});
  const directory = new LdapUserDirectory({
    profile,
    stores: store.stores,
    ...(service ? { servicePassword: async () => new Secret(side.admin.password) } : {}),
  });
  const auth = new LdapAuthenticator({ profile, stores: store.stores, directory });
  return { servers, side, store, profile, directory, auth };
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<DomainError> {
  let caught: unknown;
  await assert.rejects(promise, (e: unknown) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof DomainError, `a DomainError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

/** Neither a message nor the local audit carries any of the passwords. */
function assertNoPassword(ctx: NonNullable<ReturnType<typeof setup>>, texts: string[], passwords: string[]) {
  const audit = JSON.stringify(ctx.store.audit.list({ limit: 100 }));
  for (const password of passwords) {
    for (const text of [...texts, audit]) assert.ok(!text.includes(password), `"${text.slice(0, 120)}…" shows a password`);
  }
}

/** The server's own answer to a bind: 'ok', 'must-change', or the failure text. */
async function serverSays(ctx: NonNullable<ReturnType<typeof setup>>, kind: Kind, upn: string, password: string): Promise<string> {
  const { error, policy } = await tryBind(ctx.servers, kind, bindDn(ctx.servers, kind, upn), password);
  if (!error) return policy?.error === 2 ? 'must-change' : 'ok';
  if (/data 773/.test(error.message)) return 'must-change';
  return `refused ${error.code ?? ''}`.trim();
}

/** One attribute value as text, undefined when absent (ldapts gives [] for a requested attribute the entry lacks). */
function one(entry: Record<string, unknown>, name: string): string | undefined {
  const value = entry[name];
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined ? undefined : String(v);
}

/**
 * After a change the old password no longer works, except on Samba: it keeps
 * accepting the previous password for "old password allowed period" (60 min by
 * default, like Windows' NTLM grace), also for an LDAP simple bind. Seen on the
 * test DC; the new password and pwdLastSet are the proof there.
 */
function assertOldPassword(kind: Kind, answer: string) {
  if (kind === 'openldap') assert.equal(answer, 'refused 49', 'the old password no longer binds');
  else assert.ok(answer === 'ok' || answer === 'refused 49', answer);
}

for (const kind of ['ad', 'openldap'] as const) {
  describe(`${kind}: a user's own password change`, () => {
    test('an ordinary user changes their own password: the new binds, the old does not, audited', async (t) => {
      const ctx = setup(t, kind);
      if (!ctx) return;
      const upn = ctx.side.users.plain2!;
      await ctx.auth.changePassword(upn, new Secret(ctx.side.userPassword), new Secret(NEW));
      assert.equal(await serverSays(ctx, kind, upn, NEW), 'ok');
      assertOldPassword(kind, await serverSays(ctx, kind, upn, ctx.side.userPassword));
      assert.equal((await ctx.auth.signIn(upn, new Secret(NEW))).result, 'ok');
      const change = await ctx.store.stores.audit.list({ limit: 10, action: 'password.change' });
      assert.deepEqual(change.map((e) => [e.result, e.errorCode]), [['success', null]]);
      assertNoPassword(ctx, [], [NEW, ctx.side.userPassword]);
    });

    test('too short and in history: POLICY_VIOLATION with the server\'s reason, no password shown, nothing changed', async (t) => {
      const ctx = setup(t, kind);
      if (!ctx) return;
      const upn = ctx.side.users.plain2!;
      const old = ctx.side.userPassword;
      const short = await rejectsWith(ctx.auth.changePassword(upn, new Secret(old), new Secret('Sh0rt!')), 'POLICY_VIOLATION');
      assert.match(short.message, kind === 'ad' ? /The directory says: Constraint violation - check_password_restrictions: the password is too short/ : /The directory says: Password fails quality checking policy/);
      assert.equal(await serverSays(ctx, kind, upn, old), 'ok', 'the old password still works');
      // Change once, then back to the first password: the servers keep the last 5.
      await ctx.auth.changePassword(upn, new Secret(old), new Secret(NEW));
      const history = await rejectsWith(ctx.auth.changePassword(upn, new Secret(NEW), new Secret(old)), 'POLICY_VIOLATION');
      assert.match(history.message, kind === 'ad' ? /already used \(in history\)/ : /Password is in history of old passwords/);
      assert.equal(await serverSays(ctx, kind, upn, NEW), 'ok');
      t.diagnostic(`${kind} short: ${short.message}`);
      t.diagnostic(`${kind} history: ${history.message}`);
      const failures = (await ctx.store.stores.audit.list({ limit: 10, action: 'password.change' })).filter((e) => e.result === 'failure');
      assert.deepEqual(failures.map((e) => e.errorCode), ['POLICY_VIOLATION', 'POLICY_VIOLATION']);
      assertNoPassword(ctx, [short.message, history.message, String(short.stack)], ['Sh0rt!', old, NEW]);
    });

    test('a wrong current password: AUTH_FAILED, nothing changed', async (t) => {
      const ctx = setup(t, kind);
      if (!ctx) return;
      const upn = ctx.side.users.plain2!;
      await rejectsWith(ctx.auth.changePassword(upn, new Secret('Not-The-Current-1!'), new Secret(NEW)), 'AUTH_FAILED');
      assert.equal(await serverSays(ctx, kind, upn, ctx.side.userPassword), 'ok');
    });
  });
}

describe('openldap: the must-change user', () => {
  test('binds restricted, changes with the RFC 3062 Password Modify operation, then signs in normally', async (t) => {
    const ctx = setup(t, 'openldap');
    if (!ctx) return;
    const upn = ctx.side.users.mustchange!;
    const old = ctx.side.userPassword;
    assert.equal(await serverSays(ctx, 'openldap', upn, old), 'must-change');
    assert.equal((await ctx.auth.signIn(upn, new Secret(old))).result, 'password_change_required');
    await ctx.auth.changePassword(upn, new Secret(old), new Secret(NEW));
    assert.equal(await serverSays(ctx, 'openldap', upn, NEW), 'ok', 'no changeAfterReset any more');
    assertOldPassword('openldap', await serverSays(ctx, 'openldap', upn, old));
    assert.equal((await ctx.auth.signIn(upn, new Secret(NEW))).result, 'ok');
    const entry = await adminRead(ctx.servers, 'openldap', upn, ['pwdReset']);
    assert.equal(one(entry, 'pwdReset'), undefined, 'pwdReset cleared by the server');
  });
});

describe('ad: the must-change user (pwdLastSet=0 cannot bind: data 773)', () => {
  test('agent mode: a clear PASSWORD_CHANGE_REQUIRED saying where to change (the answer of the server, not a timeout), nothing changed', async (t) => {
    const ctx = setup(t, 'ad');
    if (!ctx) return;
    const upn = ctx.side.users.mustchange!;
    const error = await rejectsWith(ctx.auth.changePassword(upn, new Secret(ctx.side.userPassword), new Secret(NEW)), 'PASSWORD_CHANGE_REQUIRED');
    assert.match(error.message, /Windows sign-in/);
    assert.match(error.message, /ask the helpdesk/);
    assert.equal(await serverSays(ctx, 'ad', upn, ctx.side.userPassword), 'must-change', 'unchanged');
    assert.equal(await serverSays(ctx, 'ad', upn, NEW), 'refused 49');
    const [event] = await ctx.store.stores.audit.list({ limit: 1, action: 'password.change' });
    assert.deepEqual([event?.result, event?.errorCode], ['failure', 'PASSWORD_CHANGE_REQUIRED']);
  });

  test('service mode: the change is made on the service account\'s connection; the new password signs in normally', async (t) => {
    const ctx = setup(t, 'ad', true);
    if (!ctx) return;
    const upn = ctx.side.users.mustchange!;
    const old = ctx.side.userPassword;
    await ctx.auth.changePassword(upn, new Secret(old), new Secret(NEW));
    assert.equal(await serverSays(ctx, 'ad', upn, NEW), 'ok');
    assertOldPassword('ad', await serverSays(ctx, 'ad', upn, old));
    assert.equal((await ctx.auth.signIn(upn, new Secret(NEW))).result, 'ok');
    const entry = await adminRead(ctx.servers, 'ad', upn, ['pwdLastSet']);
    assert.notEqual(one(entry, 'pwdLastSet'), '0', 'pwdLastSet set by the change');
  });

  test('service mode: still a change, not a reset: the server checks history on the service account\'s connection', async (t) => {
    const ctx = setup(t, 'ad', true);
    if (!ctx) return;
    const upn = ctx.side.users.mustchange!;
    // The initial password is in the user's history (it was set, then pwdLastSet=0): the same one again is refused.
    const error = await rejectsWith(ctx.auth.changePassword(upn, new Secret(ctx.side.userPassword), new Secret(ctx.side.userPassword)), 'POLICY_VIOLATION');
    assert.match(error.message, /check_password_restrictions: the password was already used/);
    assert.equal(await serverSays(ctx, 'ad', upn, ctx.side.userPassword), 'must-change', 'unchanged');
  });

  test('service mode: a wrong current password is refused by the bind first (AUTH_FAILED), the service account is not used', async (t) => {
    const ctx = setup(t, 'ad', true);
    if (!ctx) return;
    let fetched = 0;
    const directory = new LdapUserDirectory({
      profile: ctx.profile,
      stores: ctx.store.stores,
      servicePassword: async () => {
        fetched++;
        return new Secret(ctx.side.admin.password);
      },
    });
    const auth = new LdapAuthenticator({ profile: ctx.profile, stores: ctx.store.stores, directory });
    await rejectsWith(auth.changePassword(ctx.side.users.mustchange!, new Secret('Not-The-Current-1!'), new Secret(NEW)), 'AUTH_FAILED');
    assert.equal(fetched, 0);
  });
});

describe('password policy on an agent\'s reset (provider level: the engine only generates compliant passwords)', () => {
  for (const kind of ['ad', 'openldap'] as const) {
    test(`${kind}: a password the server refuses is POLICY_VIOLATION with its reason, audited without the password`, async (t) => {
      const ctx = setup(t, kind);
      if (!ctx) return;
      const agentUpn = ctx.side.users.helpdesk!;
      const signIn = await ctx.auth.signIn(agentUpn, new Secret(ctx.side.userPassword));
      const agent = signIn.credential as LdapAgentCredential;
      const view = ctx.directory.as(agent);
      const target = ctx.side.users.plain2!;
      const before = await adminRead(ctx.servers, kind, target, [kind === 'ad' ? 'pwdLastSet' : 'pwdChangedTime']);
      const messages: string[] = [];
      const refused = kind === 'ad' ? ['Sh0rt!', 'alllowercaseletters'] : ['Sh0rt!'];
      for (const password of refused) {
        const prepared = await view.preparePassword(new Secret(password));
        const error = await rejectsWith(
          view.transact({ upn: target }, async (tx) => {
            try {
              await tx.setPassword(prepared, { forceChangeNextSignIn: true, expiresAt: null });
            } catch (e) {
              tx.audit({ actorId: agent.id, actorUpn: agent.upn, targetId: tx.target!.id, targetUpn: target, action: 'password.reset', result: 'failure', errorCode: (e as DomainError).code, detail: (e as DomainError).message });
              throw e;
            }
          }),
          'POLICY_VIOLATION',
        );
        messages.push(error.message);
        t.diagnostic(`${kind} reset with a refused password: ${error.message}`);
      }
      if (kind === 'ad') {
        assert.match(messages[0]!, /The directory says: Constraint violation - check_password_restrictions: the password is too short/);
        assert.match(messages[1]!, /The directory says: Constraint violation - check_password_restrictions: the password does not meet the complexity criteria/);
        assert.doesNotMatch(messages[0]!, /0000052D/, 'the numeric prefix is not for agents');
      } else {
        assert.match(messages[0]!, /The directory says: Password fails quality checking policy/);
      }
      const after = await adminRead(ctx.servers, kind, target, [kind === 'ad' ? 'pwdLastSet' : 'pwdChangedTime']);
      assert.deepEqual(after, before, 'nothing changed');
      const events = await ctx.store.stores.audit.list({ limit: 20, action: 'password.reset' });
      assert.equal(events.filter((e) => e.result === 'intent').length, refused.length);
      assert.equal(events.filter((e) => e.result === 'failure' && e.errorCode === 'POLICY_VIOLATION').length, refused.length);
      assertNoPassword(ctx, messages, refused);
    });
  }
});

describe('openldap: a disabled user (pwdAccountLockedTime 000001010000Z) stays disabled after a reset', () => {
  test('the helpdesk resets them; the server still holds the administrative lock and refuses the new password', async (t) => {
    const ctx = setup(t, 'openldap');
    if (!ctx) return;
    const target = ctx.side.users.disabled!;
    const signIn = await ctx.auth.signIn(ctx.side.users.helpdesk!, new Secret(ctx.side.userPassword));
    assert.equal(signIn.result, 'ok');
    const engine = new ResetEngine(ctx.directory);
    const actor = { id: signIn.user!.id, upn: signIn.user!.upn, roles: signIn.user!.roles, credential: signIn.credential! };
    const outcome = await engine.resetPassword(actor, { target: { upn: target } });
    const temporary = outcome.temporaryPassword.reveal();
    const entry = await adminRead(ctx.servers, 'openldap', target, ['pwdAccountLockedTime', 'pwdReset', 'pwdChangedTime']);
    assert.equal(one(entry, 'pwdAccountLockedTime'), '000001010000Z', 'still disabled, from the server');
    assert.equal(one(entry, 'pwdReset'), 'TRUE');
    const bind = await tryBind(ctx.servers, 'openldap', bindDn(ctx.servers, 'openldap', target), temporary);
    assert.equal(bind.error?.code, 49, 'the new password does not get in');
    assert.equal(bind.policy?.error, 1, 'ppolicy: accountLocked');
    const success = (await ctx.store.stores.audit.list({ limit: 10, action: 'password.reset' })).find((e) => e.result === 'success');
    assert.ok(success);
    const intent = (await ctx.store.stores.audit.list({ limit: 10, action: 'password.reset' })).find((e) => e.result === 'intent');
    assert.equal(JSON.parse(intent!.detail!).keptDisabled, true);
  });
});
