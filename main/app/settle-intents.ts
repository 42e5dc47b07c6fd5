import type { AgentCredential } from '../directory/directory';
import type { Services } from './services';

/**
 * A change sent to AD or OpenLDAP is audited as an intent before the modify
 * and one outcome after; a lost answer or a process killed in between leaves
 * the intent open. Each time an agent signs in (a real directory refuses
 * anonymous reads, so it is read as them), the open intents of this
 * directory's profile that can no longer be in flight are settled by reading
 * the directory (main/directory/ldap/settlement.ts). Best effort: an
 * unreachable directory leaves them for the next sign-in; nothing here may
 * fail the sign-in itself.
 */
export async function settleOpenIntents(services: Services, credential: AgentCredential | null | undefined): Promise<number> {
  const { stores } = services;
  // The embedded directory never leaves intents; and the CLI on it must not load ldapts.
  if (services.directory.kind === 'embedded' || (await stores.audit.openIntents()).length === 0) return 0;
  const { LdapAgentCredential, LdapUserDirectory } = await import('../directory/ldap/ldap-directory');
  const { resolveOpenIntents } = await import('../directory/ldap/settlement');
  const { ReplicatedDirectory } = await import('./replica/replicated-directory');
  const directory = services.directory instanceof ReplicatedDirectory ? services.directory.inner : services.directory;
  if (!(directory instanceof LdapUserDirectory) || !(credential instanceof LdapAgentCredential)) return 0;
  try {
    return (await resolveOpenIntents(stores, directory, credential.identity)).length;
  } catch {
    return 0;
  }
}
