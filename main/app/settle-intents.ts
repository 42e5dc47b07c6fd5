import type { AgentCredential } from '../directory/directory';
import type { Services } from './services';

/**
 * A change sent to AD or OpenLDAP is audited as an intent before the modify
 * and one outcome after; a lost answer or a process killed in between leaves
 * the intent open. Each time an agent signs in (a real directory refuses
 * anonymous reads, so it is read as them), the open intents of this
 * directory's profile that can no longer be in flight are settled by reading
 * the directory (UserDirectory.settleOpenIntents). Best effort: an
 * unreachable directory leaves them for the next sign-in; nothing here may
 * fail the sign-in itself.
 */
export async function settleOpenIntents(services: Services, credential: AgentCredential | null | undefined): Promise<number> {
  const { directory, stores } = services;
  // A directory whose changes commit with their audit (the embedded file) has no such method, and never leaves intents.
  if (!directory.settleOpenIntents || !credential || (await stores.audit.openIntents()).length === 0) return 0;
  try {
    return await directory.settleOpenIntents(credential);
  } catch {
    return 0;
  }
}
