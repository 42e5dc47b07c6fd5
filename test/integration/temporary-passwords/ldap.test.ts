/**
 * A temporary password's life on the real Samba AD DC and slapd: an agent's
 * reset through the engine issues it; the user's own change (with the user's
 * own bind: RFC 3062 on OpenLDAP, delete+add of unicodePwd on AD) is learnt
 * from the directory's change time (pwdLastSet, pwdChangedTime) when the user
 * is read, and recorded. The app's clock is given to the local file: "the reset
 * was a minute ago" stands in for the minute a real caller takes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { Secret } from '../../../main/domain/secret';
import { DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY, DEFAULT_TENANT_EXTRAS } from '../../../main/domain/types';
import { LdapAuthenticator } from '../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../main/directory/ldap/ldap-directory';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { ResetEngine } from '../../../main/reset/engine';
import { RESET_STAMP_TOLERANCE_MS, TemporaryPasswordLife, temporaryPasswordLog } from '../../../main/reset/temporary-password-life';
import { adminRead, holdServersForThisFile, profileOf, resetCases, serversOrSkip, type Kind } from '../directory/ldap/servers';

holdServersForThisFile();

/** The app's clock, `behind` ms behind the real one (the servers' clock). */
function localStoreWithClock(t: TestContext, clock: { behind: number }): DirectoryStore {
  const dir = mkdtempSync(join(tmpdir(), 'resetdesk-tp-ldap-'));
  const store = DirectoryStore.open(join(dir, 'local.sqlite'), { create: true, clock: () => Date.now() - clock.behind });
  store.tenant.create(
    {
      tenantId: '00000000-0000-4000-8000-000000000011',
      name: 'Resetdesk test directories',
      domains: [],
      passwordWriteback: true,
      temporaryPasswordLifetimeDays: null,
      passwordPolicy: DEFAULT_PASSWORD_POLICY,
      lockoutPolicy: DEFAULT_LOCKOUT_POLICY,
      ...DEFAULT_TENANT_EXTRAS,
    },
    Date.now(),
  );
  t.after(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

async function setup(t: TestContext, kind: Kind) {
  const servers = serversOrSkip(t);
  if (!servers) return null;
  resetCases();
  const side = servers[kind];
  const clock = { behind: 0 };
  const store = localStoreWithClock(t, clock);
  const profile = profileOf(servers, kind);
  const directory = new LdapUserDirectory({ profile, stores: store.stores });
  const auth = new LdapAuthenticator({ profile, stores: store.stores, directory });
  const engine = new ResetEngine(directory, { guards: { temporaryPasswords: temporaryPasswordLog(store.stores.temporaryPasswords) } });
  const signIn = await auth.signIn(side.users.helpdesk!, new Secret(side.userPassword));
  assert.equal(signIn.result, 'ok');
  const actor = { id: signIn.user!.id, upn: signIn.user!.upn, roles: signIn.user!.roles, credential: signIn.credential! };
  const view = directory.as(signIn.credential!);
  const life = new TemporaryPasswordLife(store.stores, directory, view);
  const target = side.users.plain!;
  const read = async () => life.forUser((await view.getUser({ upn: target }))!);
  // AD refuses a must-change user's own bind (data 773): the change goes over the service account's connection, still a change.
  const changer =
    kind === 'ad'
      ? new LdapAuthenticator({
          profile: profileOf(servers, kind, { bind: 'service', serviceAccountDn: side.admin.dn }),
          stores: store.stores,
          directory: new LdapUserDirectory({
            profile: profileOf(servers, kind, { bind: 'service', serviceAccountDn: side.admin.dn }),
            stores: store.stores,
            servicePassword: async () => new Secret(side.admin.password),
          }),
        })
      : auth;
  return { servers, side, store, clock, engine, actor, life, target, read, changer };
}

for (const kind of ['ad', 'openldap'] as const) {
  describe(`${kind}: a temporary password through its life`, () => {
    test('reset (must change) → outstanding, first use not reported; the user changes it with their own bind → changed', async (t) => {
      const ctx = await setup(t, kind);
      if (!ctx) return;
      // Issued "a minute ago" by the app's clock: the reset's own stamp is then as late as a real change would be.
      ctx.clock.behind = 2 * RESET_STAMP_TOLERANCE_MS;
      const outcome = await ctx.engine.resetPassword(ctx.actor, { target: { upn: ctx.target } });
      ctx.clock.behind = 0;
      const stamp = await adminRead(ctx.servers, kind, ctx.target, [kind === 'ad' ? 'pwdLastSet' : 'pwdReset']);
      t.diagnostic(`${kind} after the reset: ${JSON.stringify(stamp)}`);

      const issued = await ctx.read();
      assert.equal(issued?.state, 'outstanding', 'the directory still asks for a change: not changed, whatever its time says');
      assert.equal(issued?.issuedBy.upn.toLowerCase(), ctx.actor.upn.toLowerCase());
      assert.equal(issued?.firstUseReported, false);
      assert.equal(issued?.directory, kind);
      const listed = await ctx.life.outstanding({ limit: 10, offset: 0 });
      assert.deepEqual(listed.rows.map((r) => [r.upn.toLowerCase(), r.state]), [[ctx.target.toLowerCase(), 'outstanding']]);

      const own = `Own-Chosen-${randomBytes(6).toString('hex')}-Q7!`;
      const changing = Date.now();
      await ctx.changer.changePassword(ctx.target, outcome.temporaryPassword, new Secret(own));
      const changed = await ctx.read();
      const read = Date.now();
      assert.equal(changed?.state, 'changed');
      const changedAt = Date.parse(changed!.changedAt!);
      // The directory's stamp of the change, between asking and reading it (slapd's pwdChangedTime has whole seconds), however long that took.
      assert.ok(changedAt >= changing - 1000 && changedAt <= read, `changed at the directory's time, ${changed!.changedAt}`);
      // Recorded: the list (and the CLI) agree without asking the directory about it again.
      assert.deepEqual(ctx.store.db.prepare('SELECT changed_at FROM temporary_passwords').all(), [{ changed_at: changedAt }]);
      assert.deepEqual((await ctx.life.outstanding({ limit: 10, offset: 0 })).rows, []);
      assert.equal(await ctx.store.stores.temporaryPasswords.countOpen(), 0);
    });

    test("a reset without force-change: the directory's stamp of the reset itself is not taken for the user's change", async (t) => {
      const ctx = await setup(t, kind);
      if (!ctx) return;
      await ctx.engine.resetPassword(ctx.actor, { target: { upn: ctx.target }, forceChangeNextSignIn: false });
      const user = await adminRead(ctx.servers, kind, ctx.target, [kind === 'ad' ? 'pwdLastSet' : 'pwdChangedTime']);
      t.diagnostic(`${kind} stamp of a reset without force-change: ${JSON.stringify(user)}`);
      assert.equal((await ctx.read())?.state, 'outstanding');
      assert.equal(await ctx.store.stores.temporaryPasswords.countOpen(), 1);
    });

    test('a second reset supersedes the first; only the second is followed', async (t) => {
      const ctx = await setup(t, kind);
      if (!ctx) return;
      await ctx.engine.resetPassword(ctx.actor, { target: { upn: ctx.target } });
      await ctx.engine.resetPassword(ctx.actor, { target: { upn: ctx.target } });
      const rows = ctx.store.db.prepare('SELECT superseded_at IS NOT NULL AS superseded FROM temporary_passwords ORDER BY id').all();
      assert.deepEqual(rows, [{ superseded: 1 }, { superseded: 0 }]);
      assert.equal((await ctx.read())?.state, 'outstanding');
    });
  });
}
