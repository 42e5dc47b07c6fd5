/**
 * Issue 16, item 1: the DN an OpenLDAP user binds as is found, not guessed.
 * On slapd's dc=contoso,dc=com (agents in ou=helpdesk, users in ou=people,
 * anonymous may read entry, objectClass, uid and mail) a profile with the base
 * DN alone signs the agent in: an anonymous search on mail finds
 * uid=hd.agent,ou=helpdesk. On dc=ol (anonymous refused) the service account
 * searches, and without one the default template still works. Each answer is
 * checked from the server's side where it matters (the DN a bind was made as).
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { DomainError } from '../../../../main/domain/errors';
import { Secret } from '../../../../main/domain/secret';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapAgentCredential, LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import { holdServersForThisFile, localStore, profileOf, resetCases, serversOrSkip, tryBind, type Servers, type Side } from './servers';

holdServersForThisFile();

function setup(t: TestContext, side: Side, overrides: Record<string, unknown> = {}, servicePassword?: string) {
  const servers = serversOrSkip(t);
  if (!servers) return null;
  const store = localStore(t);
  // The profile: the base DN alone (no users DN, no template).
  const profile = profileOf(servers, side, { usersDn: undefined, ...overrides });
  const directory = new LdapUserDirectory({
    profile,
    stores: store.stores,
    ...(servicePassword ? { servicePassword: async () => new Secret(servicePassword) } : {}),
  });
  const auth = new LdapAuthenticator({ profile, stores: store.stores, directory });
  return { servers, s: servers[side], store, directory, auth };
}

const dnOf = (outcome: { credential?: unknown }) => (outcome.credential as LdapAgentCredential | undefined)?.dn;

test('contoso: the agent in ou=helpdesk signs in with a profile that names only the base DN; the DN is found by an anonymous search', async (t) => {
  const ctx = setup(t, 'contoso');
  if (!ctx) return;
  const { s, auth } = ctx;
  const agent = s.users.helpdesk!;
  const outcome = await auth.signIn(agent, new Secret(s.userPassword));
  assert.equal(outcome.result, 'ok');
  assert.deepEqual(outcome.user?.roles, ['Helpdesk Administrator']);
  assert.equal(dnOf(outcome), s.dns![agent], 'bound as the entry in ou=helpdesk');
  assert.deepEqual(await auth.locate(agent), { dn: s.dns![agent], source: 'anonymous search', how: 'found by an anonymous search' });
  // A user in ou=people is found by the same search, and read as the agent.
  const adele = await ctx.directory.as(outcome.credential!).getUser({ upn: s.users.plain! });
  assert.equal(adele?.displayName, 'Adele Vance');
});

test('contoso: a wrong password, an unknown UPN and a UPN two entries share all answer invalid_credentials, each audited as AUTH_FAILED', async (t) => {
  const ctx = setup(t, 'contoso');
  if (!ctx) return;
  const { s, auth, store } = ctx;
  const tries: [string, string][] = [
    [s.users.helpdesk!, 'Not-the-Passw0rd!'],
    ['nobody.here@contoso.com', s.userPassword],
    [s.duplicateUpn!, s.userPassword], // the right password of both entries
  ];
  for (const [upn, password] of tries) assert.deepEqual(await auth.signIn(upn, new Secret(password)), { result: 'invalid_credentials' }, upn);
  const events = await store.stores.audit.list({ action: 'signin', limit: 10 });
  assert.deepEqual(events.map((e) => [e.result, e.errorCode]), Array(3).fill(['failure', 'AUTH_FAILED']));
  // Only a connection test says why: the shared mail is no single entry.
  const twin = await auth.locate(s.duplicateUpn!);
  assert.equal(twin.dn, null);
  assert.match(twin.how, /more than one entry has mail=twin@contoso\.com under dc=contoso,dc=com \(anonymous search\)/);
  // The twin's password is right for both entries: still nobody, since no bind was made as either.
  assert.equal((await tryBind(ctx.servers, 'contoso', `uid=twin.one,${s.peopleDn}`, s.userPassword)).error, null, 'the password itself is right');
});

test('contoso: filter syntax in a UPN is a value, not a filter: it finds nobody and signs nobody in', async (t) => {
  const ctx = setup(t, 'contoso');
  if (!ctx) return;
  const { s, auth } = ctx;
  for (const upn of ['*', 'hd.agent@contoso.com)(uid=*', '*)(|(mail=*', 'hd.agent*']) {
    const located = await auth.locate(upn);
    assert.equal(located.source, 'template', `${upn}: the search found nothing, so the default template is all there is`);
    assert.notEqual(located.dn, s.dns![s.users.helpdesk!]);
    assert.equal((await auth.signIn(upn, new Secret(s.userPassword))).result, 'invalid_credentials', upn);
  }
});

test("contoso: the agent's own password change finds the DN the same way", async (t) => {
  const ctx = setup(t, 'contoso');
  if (!ctx) return;
  const { s, auth, servers } = ctx;
  const agent = s.users.helpdesk!;
  const next = 'Helpdesk-Own-Change-7q';
  t.after(resetCases); // the initial password back for the tests after this one
  await auth.changePassword(agent, new Secret(s.userPassword), new Secret(next));
  assert.equal((await tryBind(servers, 'contoso', s.dns![agent]!, next)).error, null, 'the new password binds as the ou=helpdesk entry');
  assert.equal((await auth.signIn(agent, new Secret(next))).result, 'ok');
});

test('contoso: an explicit template is used as it is, and says so', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const ctx = setup(t, 'contoso', { userDnTemplate: `uid={local},${servers.contoso.agentsDn}` })!;
  const agent = ctx.s.users.helpdesk!;
  assert.deepEqual(await ctx.auth.locate(agent), { dn: ctx.s.dns![agent], source: 'template', how: `from the template uid={local},${ctx.s.agentsDn}` });
  assert.equal((await ctx.auth.signIn(agent, new Secret(ctx.s.userPassword))).result, 'ok');
  // A user outside the template's OU cannot sign in through it (their DN is not where the template says).
  assert.equal((await ctx.auth.signIn(ctx.s.users.plain!, new Secret(ctx.s.userPassword))).result, 'invalid_credentials');
});

test('dc=ol refuses anonymous searches: with a service account, it searches; without one, the default template', async (t) => {
  const servers: Servers | null = serversOrSkip(t);
  if (!servers) return;
  const ol = servers.openldap;
  const agent = ol.users.helpdesk!;
  const expected = `uid=helpdesk.agent,${ol.usersDn}`;

  const plain = setup(t, 'openldap', { usersDn: ol.usersDn })!;
  const fallback = await plain.auth.locate(agent);
  assert.equal(fallback.dn, expected);
  assert.equal(fallback.source, 'template');
  assert.match(fallback.how, /the server refuses anonymous searches, and the profile has no service account/);
  assert.equal((await plain.auth.signIn(agent, new Secret(ol.userPassword))).result, 'ok');

  // The service account (the rootdn plays it, as in service-mode.test.ts) finds the entry under the base, wherever it is.
  const service = setup(t, 'openldap', { bind: 'service', serviceAccountDn: ol.admin.dn, usersDn: `ou=groups,${ol.baseDn}` }, ol.admin.password)!;
  assert.deepEqual(await service.auth.locate(agent), { dn: expected, source: 'service account search', how: "found by the service account's search" });
  const outcome = await service.auth.signIn(agent, new Secret(ol.userPassword));
  assert.equal(outcome.result, 'ok', 'found outside the users DN, which holds only groups here');
  assert.equal(dnOf(outcome), expected);
  const none = await service.auth.locate('nobody.here@ol.resetdesk.test');
  assert.equal(none.dn, null);
  assert.equal((await service.auth.signIn('nobody.here@ol.resetdesk.test', new Secret(ol.userPassword))).result, 'invalid_credentials');

  // No password for the service account (the keychain lost it): the profile's problem too, not a wrong password.
  const store = localStore(t);
  const serviceProfile = profileOf(servers, 'openldap', { bind: 'service', serviceAccountDn: ol.admin.dn });
  const keychainless = new LdapUserDirectory({
    profile: serviceProfile,
    stores: store.stores,
    servicePassword: async () => {
      throw new DomainError('AUTH_FAILED', 'The service account password is not in the keychain: add the directory again.');
    },
  });
  const lost = new LdapAuthenticator({ profile: serviceProfile, stores: store.stores, directory: keychainless });
  await assert.rejects(lost.signIn(agent, new Secret(ol.userPassword)), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'DIRECTORY_ERROR');
    assert.match(error.message, /not in the keychain/);
    return true;
  });

  // A wrong service password is the profile's problem, said so: not the agent's AUTH_FAILED.
  const broken = setup(t, 'openldap', { bind: 'service', serviceAccountDn: ol.admin.dn }, 'Not-the-Adm1n-Password')!;
  await assert.rejects(broken.auth.signIn(agent, new Secret(ol.userPassword)), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'DIRECTORY_ERROR');
    assert.match(error.message, /service account cn=admin,dc=ol,dc=resetdesk,dc=test \(AUTH_FAILED\)/);
    return true;
  });
});
