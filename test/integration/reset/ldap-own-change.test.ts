/**
 * A user's own change on the real slapd and Samba AD DC goes through the
 * checked authenticator first (as buildServices wires it): a password
 * with a banned term is refused by Resetdesk before the server sees it (the
 * old password still binds, the server counted nothing), and the tenant's
 * history is Resetdesk's own, kept in the local file (our refusal, not the
 * server's). OpenLDAP's change is the RFC 3062 exop with the user's own bind.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test, type TestContext } from 'node:test';
import { Secret } from '../../../main/domain/secret';
import { ldapUsers } from '../../../main/app/ldap-users';
import { buildServices } from '../../../main/app/build-services';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { FAST_HASHER } from '../../support/fixtures';
import { bindDn, holdServersForThisFile, localStore, profileOf, resetCases, serversOrSkip, tryBind, type Kind } from '../directory/ldap/servers';
import { refusal } from '../../support/refusal';

holdServersForThisFile();

async function setup(t: TestContext, kind: Kind, service: boolean) {
  const servers = serversOrSkip(t);
  if (!servers) return null;
  resetCases();
  const side = servers[kind];
  const store = localStore(t);
  const profile = profileOf(servers, kind, service ? { bind: 'service', serviceAccountDn: side.admin.dn } : {});
  // The app's and the CLI's own composition: its signIn is the checked authenticator over the LDAP one.
  const services = buildServices(store, ldapUsers(profile), {
    hasher: FAST_HASHER,
    secrets: new MemorySecretStore(),
    ...(service ? { servicePassword: async () => new Secret(side.admin.password) } : {}),
  });
  const auth = services.signIn;
  const draft = { actorId: null, actorUpn: 'test', targetId: null, targetUpn: null, action: 'tenant.update', result: 'success', errorCode: null } as const;
  await store.stores.updateTenant({ bannedPasswords: ['Fabrikam'], passwordHistoryCount: 2 }, draft);
  const binds = async (upn: string, password: string) => !(await tryBind(servers, kind, bindDn(servers, kind, upn), password)).error;
  return { side, store, auth, binds };
}

for (const kind of ['openldap', 'ad'] as const) {
  describe(`${kind}: an own change is checked by Resetdesk before the server sees it`, () => {
    test('a custom term and a common password are refused with their reason; the old password still binds', async (t) => {
      const ctx = await setup(t, kind, false);
      if (!ctx) return;
      const upn = ctx.side.users.plain2!;
      const old = ctx.side.userPassword;
      const custom = await refusal(ctx.auth.changePassword(upn, new Secret(old), new Secret('Fabr1kam#2024')), 'POLICY_VIOLATION');
      assert.match(custom.message, /banned word: fabrikam/);
      assert.doesNotMatch(custom.message, /The directory says/, 'our refusal, not the server\'s');
      const common = await refusal(ctx.auth.changePassword(upn, new Secret(old), new Secret('P@ssword2024!')), 'POLICY_VIOLATION');
      assert.match(common.message, /commonly used password/);
      assert.equal(await ctx.binds(upn, old), true, 'nothing changed on the server');
      // A wrong old password learns nothing about the new one.
      await refusal(ctx.auth.changePassword(upn, new Secret('Wrong-Old-Pass-9x'), new Secret('Fabr1kam#2024')), 'AUTH_FAILED');
      const events = await ctx.store.stores.audit.list({ limit: 20, action: 'password.change' });
      // Newest first: the wrong old password's attempt is a change refused with the sign-in's answer.
      assert.deepEqual(events.map((e) => e.errorCode), ['AUTH_FAILED', 'POLICY_VIOLATION', 'POLICY_VIOLATION']);
      assert.ok(!JSON.stringify(await ctx.store.stores.audit.list({ limit: 50 })).includes('2024'));
    });

    test('service mode: the tenant\'s history is checked from the local file, before the server\'s own', async (t) => {
      const ctx = await setup(t, kind, true);
      if (!ctx) return;
      const upn = ctx.side.users.plain2!;
      const first = `Kd7#pQ${randomBytes(4).toString('hex')}vLm9x`;
      const second = `Rt4!wZ${randomBytes(4).toString('hex')}nHs2q`;
      await ctx.auth.changePassword(upn, new Secret(ctx.side.userPassword), new Secret(first));
      await ctx.auth.changePassword(upn, new Secret(first), new Secret(second));
      assert.equal(await ctx.binds(upn, second), true);
      const history = await refusal(ctx.auth.changePassword(upn, new Secret(second), new Secret(first)), 'POLICY_VIOLATION');
      assert.match(history.message, /last 2 passwords/);
      assert.doesNotMatch(history.message, /The directory says/);
      const rows = ctx.store.db.prepare('SELECT hash FROM password_history').all() as { hash: string }[];
      assert.equal(rows.length, 2);
      for (const { hash } of rows) assert.match(hash, /^\$scrypt\$/);
    });
  });
}
