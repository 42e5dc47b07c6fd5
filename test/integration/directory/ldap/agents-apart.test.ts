/**
 * Agents often live apart from the users they help (an admins OU beside the
 * users OU). The profile's users DN scopes whom an agent finds and may act on;
 * the agent's own entry is looked for under the whole base DN, so such an agent
 * still signs in, and the directory's delegation still decides.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Secret } from '../../../../main/domain/secret';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import { ResetEngine } from '../../../../main/reset/engine';
import { holdServersForThisFile, localStore, profileOf, serversOrSkip, type Kind } from './servers';

holdServersForThisFile();

for (const kind of ['ad', 'openldap'] as const satisfies Kind[]) {
  test(`${kind}: an agent outside the users DN signs in, and finds only users under it`, async (t) => {
    const servers = serversOrSkip(t);
    if (!servers) return;
    const side = servers[kind];
    const store = localStore(t);
    // A users DN that holds none of the seeded people: AD's built-in Users container, OpenLDAP's groups.
    const usersDn = kind === 'ad' ? `CN=Users,${side.baseDn}` : `ou=groups,${side.baseDn}`;
    const profile = profileOf(servers, kind, {
      usersDn,
      ...(kind === 'openldap' ? { userDnTemplate: `uid={local},${side.usersDn}` } : {}),
    });
    const directory = new LdapUserDirectory({ profile, stores: store.stores });
    const auth = new LdapAuthenticator({ profile, stores: store.stores, directory });
    const outcome = await auth.signIn(side.users.helpdesk!, new Secret(side.userPassword));
    assert.equal(outcome.result, 'ok', 'the agent, outside the users DN, signs in');
    assert.ok(outcome.user?.roles.includes('Helpdesk Administrator'));
    const view = directory.as(outcome.credential!);
    assert.deepEqual((await view.searchUsers('ade', { limit: 20, offset: 0 })).users, [], 'Adele is outside the users DN');
    const actor = { id: outcome.user!.id, upn: outcome.user!.upn, roles: outcome.user!.roles, credential: outcome.credential! };
    await assert.rejects(new ResetEngine(directory).resetPassword(actor, { target: { upn: side.users.plain! } }), { code: 'USER_NOT_FOUND' });
  });
}
