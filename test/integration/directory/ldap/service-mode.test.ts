/**
 * Service mode end to end on the real servers: a profile with bind 'service'
 * (the seed has no dedicated service account, so the directory's administrator
 * plays it: AD Administrator, OpenLDAP's rootdn), its password handed over by
 * `servicePassword`. Sign-in still binds as the agent (their password is
 * proved by the directory); reads and the modify go as the service account;
 * the local audit names the agent.
 *
 * What service mode trusts: the directory sees only the service account, so
 * its ACL cannot tell agents apart. Who may reset whom is then the app's role
 * matrix alone (the profile's group → role mapping): the trainee, who maps to
 * Helpdesk Administrator but holds no right in the directory, is refused in
 * agent mode by the server (50) and succeeds in service mode. A user whose
 * groups map to no role is refused by the app (INSUFFICIENT_ROLE).
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { DomainError } from '../../../../main/domain/errors';
import { Secret } from '../../../../main/domain/secret';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import { ResetEngine, type Actor } from '../../../../main/reset/engine';
import { adminRead, bindDn, holdServersForThisFile, localStore, profileOf, resetCases, serversOrSkip, tryBind, type Kind } from './servers';

holdServersForThisFile();

function setup(t: TestContext, kind: Kind, mode: 'service' | 'agent' = 'service', servicePassword?: string) {
  const servers = serversOrSkip(t);
  if (!servers) return null;
  resetCases();
  const side = servers[kind];
  const store = localStore(t);
  const profile = profileOf(servers, kind, mode === 'service' ? { bind: 'service', serviceAccountDn: side.admin.dn } : {});
  let fetched = 0;
  const directory = new LdapUserDirectory({
    profile,
    stores: store.stores,
    ...(mode === 'service'
      ? {
          servicePassword: async () => {
            fetched++;
            return new Secret(servicePassword ?? side.admin.password);
          },
        }
      : {}),
  });
  const auth = new LdapAuthenticator({ profile, stores: store.stores, directory });
  return { servers, side, store, directory, auth, engine: new ResetEngine(directory), fetched: () => fetched };
}

async function actorOf(ctx: NonNullable<ReturnType<typeof setup>>, caseName: string): Promise<Actor> {
  const outcome = await ctx.auth.signIn(ctx.side.users[caseName]!, new Secret(ctx.side.userPassword));
  assert.equal(outcome.result, 'ok', `${caseName} signs in`);
  return { id: outcome.user!.id, upn: outcome.user!.upn, roles: outcome.user!.roles, credential: outcome.credential! };
}

/** The server's answer to the temporary password: must change (AD 49/773, ppolicy changeAfterReset). */
async function assertServerMustChange(ctx: NonNullable<ReturnType<typeof setup>>, kind: Kind, upn: string, password: string) {
  const bind = await tryBind(ctx.servers, kind, bindDn(ctx.servers, kind, upn), password);
  if (kind === 'ad') assert.match(bind.error?.message ?? 'bound', /data 773/);
  else assert.deepEqual([bind.error, bind.policy?.error], [null, 2]);
}

const first = (entry: Record<string, unknown>, name: string) => {
  const v = entry[name];
  return Array.isArray(v) ? (v[0] as string | undefined) : (v as string | undefined);
};

for (const kind of ['ad', 'openldap'] as const) {
  describe(`${kind}: service mode`, () => {
    test('sign-in binds as the agent: a wrong agent password is refused even though the service account could read', async (t) => {
      const ctx = setup(t, kind);
      if (!ctx) return;
      const outcome = await ctx.auth.signIn(ctx.side.users.helpdesk!, new Secret('Not-The-Agent-Password-1!'));
      assert.equal(outcome.result, 'invalid_credentials');
      assert.equal(outcome.credential, undefined);
    });

    test('the helpdesk agent resets Adele: the server shows the change, made as the service account; the audit names the agent', async (t) => {
      const ctx = setup(t, kind);
      if (!ctx) return;
      const actor = await actorOf(ctx, 'helpdesk');
      const target = ctx.side.users.plain!;
      const outcome = await ctx.engine.resetPassword(actor, { target: { upn: target } });
      await assertServerMustChange(ctx, kind, target, outcome.temporaryPassword.reveal());
      assert.ok(ctx.fetched() > 0, 'the service password was asked for');
      if (kind === 'openldap') {
        // The server's own record of who made the change.
        const entry = await adminRead(ctx.servers, kind, target, ['modifiersName']);
        assert.equal(first(entry, 'modifiersName'), ctx.side.admin.dn);
      }
      const events = await ctx.store.stores.audit.list({ limit: 10, action: 'password.reset' });
      const intent = events.find((e) => e.result === 'intent');
      const success = events.find((e) => e.result === 'success');
      assert.equal(intent?.actorUpn, actor.upn);
      assert.equal(intent?.actorId, actor.id);
      assert.equal(success?.actorUpn, actor.upn);
      assert.equal(success?.intentId, intent?.id);
    });

    test('the trainee (maps to Helpdesk Administrator, no right in the directory) succeeds: service mode trusts the app\'s role matrix', async (t) => {
      const ctx = setup(t, kind);
      if (!ctx) return;
      const actor = await actorOf(ctx, 'noright');
      assert.deepEqual(actor.roles, ['Helpdesk Administrator']);
      const target = ctx.side.users.plain2!;
      const outcome = await ctx.engine.resetPassword(actor, { target: { upn: target } });
      await assertServerMustChange(ctx, kind, target, outcome.temporaryPassword.reveal());
      const success = (await ctx.store.stores.audit.list({ limit: 10, action: 'password.reset' })).find((e) => e.result === 'success');
      assert.equal(success?.actorUpn, actor.upn);
    });

    test('the same trainee in agent mode is refused by the server (the contrast)', async (t) => {
      const ctx = setup(t, kind, 'agent');
      if (!ctx) return;
      const actor = await actorOf(ctx, 'noright');
      await assert.rejects(ctx.engine.resetPassword(actor, { target: { upn: ctx.side.users.plain2! } }), (e: unknown) => {
        assert.ok(e instanceof DomainError);
        assert.equal(e.code, 'DIRECTORY_ACCESS_DENIED');
        return true;
      });
    });

    test('a user whose groups map to no role is refused by the app (INSUFFICIENT_ROLE), nothing changed', async (t) => {
      const ctx = setup(t, kind);
      if (!ctx) return;
      const actor = await actorOf(ctx, 'plain');
      assert.deepEqual(actor.roles, []);
      const target = ctx.side.users.plain2!;
      const before = await adminRead(ctx.servers, kind, target, [kind === 'ad' ? 'pwdLastSet' : 'pwdChangedTime']);
      await assert.rejects(ctx.engine.resetPassword(actor, { target: { upn: target } }), (e: unknown) => {
        assert.ok(e instanceof DomainError);
        assert.equal(e.code, 'INSUFFICIENT_ROLE');
        return true;
      });
      assert.deepEqual(await adminRead(ctx.servers, kind, target, [kind === 'ad' ? 'pwdLastSet' : 'pwdChangedTime']), before);
    });

    test('a wrong service password: a clear DIRECTORY_ERROR naming the service account, not the agent\'s AUTH_FAILED', async (t) => {
      const ctx = setup(t, kind, 'service', 'Not-The-Service-Password-1!');
      if (!ctx) return;
      await assert.rejects(ctx.auth.signIn(ctx.side.users.helpdesk!, new Secret(ctx.side.userPassword)), (e: unknown) => {
        assert.ok(e instanceof DomainError);
        assert.equal(e.code, 'DIRECTORY_ERROR');
        assert.match(e.message, /service account/);
        assert.ok(e.message.includes(ctx.side.admin.dn));
        assert.ok(!e.message.includes('Not-The-Service-Password-1!'));
        return true;
      });
    });
  });
}
