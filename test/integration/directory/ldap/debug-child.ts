/**
 * Test support, run as a child process by secrets.test.ts with NODE_DEBUG=ldapts
 * (ldapts then writes every request it sends to stderr): signs in as the
 * helpdesk agent, tries a reset of Adele and a change of Alex's own password
 * with known passwords, and prints what each answered as one JSON line.
 * argv: kind, local file, the reset's password, the change's new password.
 */
import { Secret } from '../../../../main/domain/secret';
import { DomainError } from '../../../../main/domain/errors';
import { DirectoryStore } from '../../../../main/directory/sqlite/store';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import { ResetEngine } from '../../../../main/reset/engine';
import { loadServers, profileOf, type Kind } from './servers';

const [kind, file, resetPassword, newPassword] = process.argv.slice(2) as [Kind, string, string, string];
const servers = loadServers()!;
const side = servers[kind];
const store = DirectoryStore.open(file);
const profile = profileOf(servers, kind);
const directory = new LdapUserDirectory({ profile, stores: store.stores });
const auth = new LdapAuthenticator({ profile, stores: store.stores, directory });
const codeOf = (error: unknown) => (error instanceof DomainError ? `${error.code}: ${error.message}` : `not a DomainError: ${String(error)}`);

const signIn = await auth.signIn(side.users.helpdesk!, new Secret(side.userPassword));
const actor = { id: signIn.user!.id, upn: signIn.user!.upn, roles: signIn.user!.roles, credential: signIn.credential! };
const engine = new ResetEngine(directory, { generate: () => new Secret(resetPassword) });
const result: Record<string, string> = { signIn: signIn.result };
result.reset = await engine.resetPassword(actor, { target: { upn: side.users.plain! } }).then(() => 'ok', codeOf);
result.change = await auth.changePassword(side.users.plain2!, new Secret(side.userPassword), new Secret(newPassword)).then(() => 'ok', codeOf);
store.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
