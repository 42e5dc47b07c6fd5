import type { AgentCredential } from '../directory/directory';
import type { Services } from '../services';

/**
 * A change sent to AD or OpenLDAP is audited as an intent before the modify
 * and an outcome after; a process killed in between leaves the intent open.
 * The next time an agent signs in (a real directory refuses anonymous reads,
 * so it is read as them), each open intent is settled by reading the
 * directory: did the password or the lock move after the intent? The outcome
 * says it was settled so. Best effort: an unreachable directory leaves them for
 * the next sign-in; nothing here may fail the sign-in itself.
 */
export async function settleOpenIntents(services: Services, credential: AgentCredential | null | undefined): Promise<number> {
  const { local } = services;
  // The embedded directory never leaves intents; and the CLI on it must not load ldapts.
  if (services.directory.kind === 'embedded' || local.audit.openIntents().length === 0) return 0;
  const { LdapAgentCredential, LdapUserDirectory, resolveOpenIntents } = await import('../directory/ldap/ldap-directory');
  const { CachedSearchDirectory } = await import('./search-cache/cached-directory');
  const directory = services.directory instanceof CachedSearchDirectory ? services.directory.inner : services.directory;
  if (!(directory instanceof LdapUserDirectory) || !(credential instanceof LdapAgentCredential)) return 0;
  try {
    return (await resolveOpenIntents(local, directory, credential.identity)).length;
  } catch {
    return 0;
  }
}
