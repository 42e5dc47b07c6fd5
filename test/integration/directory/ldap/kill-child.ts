/**
 * Test support, run as a child process by intents.test.ts: signs in as the
 * helpdesk agent and resets Adele, then waits on stdin (so the parent can kill
 * it with SIGKILL) at one of two points:
 *   before-modify  right after the intent is written (the dependency hook)
 *   after-modify   after the server confirmed the modify, before the outcome is audited
 *   complete       not at all: the reset and its outcome, then DONE and exit
 * argv: kind, local file, mode. RESETDESK_TEST_PROFILE names the profile (the
 * intent records it; default test-<kind>).
 */
import { once } from 'node:events';
import { Secret } from '../../../../main/domain/secret';
import { DirectoryStore } from '../../../../main/directory/sqlite/store';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import { loadServers, profileOf, type Kind } from './servers';

const [kind, file, mode] = process.argv.slice(2) as [Kind, string, 'before-modify' | 'after-modify' | 'complete'];
const servers = loadServers()!;
const side = servers[kind];
const store = DirectoryStore.open(file);
const profile = profileOf(servers, kind, process.env.RESETDESK_TEST_PROFILE ? { name: process.env.RESETDESK_TEST_PROFILE } : {});
const waitForever = async (what: string) => {
  process.stdout.write(`${what}\n`);
  await once(process.stdin, 'data');
};
const directory = new LdapUserDirectory({
  profile,
  stores: store.stores,
  afterIntent: mode === 'before-modify' ? (id) => waitForever(`INTENT ${id}`) : undefined,
});
const auth = new LdapAuthenticator({ profile, stores: store.stores, directory });
const outcome = await auth.signIn(side.users.helpdesk!, new Secret(side.userPassword));
const view = directory.as(outcome.credential!);
const prepared = await view.preparePassword(new Secret(process.env.RESETDESK_TEST_TEMP!));
await view.transact({ upn: side.users.plain! }, async (tx) => {
  await tx.setPassword(prepared, { forceChangeNextSignIn: true, expiresAt: null });
  if (mode !== 'complete') await waitForever('MODIFIED');
  tx.audit({ actorId: null, actorUpn: side.users.helpdesk!, targetId: tx.target!.id, targetUpn: tx.target!.upn, action: 'password.reset', result: 'success', errorCode: null });
});
process.stdout.write('DONE\n');
store.close();
process.exit(0); // stdin, once read, would keep the process alive
