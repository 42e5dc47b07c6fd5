/**
 * The pepper: a tenant's secret key for the verification codes' HMACs
 * (codes.ts), kept in the OS keychain (SecretStore account
 * `code-pepper:<tenant>`), never in the local file, so the file alone does not
 * give up a pending code to anyone trying all 10^6 of them. Made on the
 * tenant's first send from this keychain; a check never makes one.
 *
 * Losing it costs little: a code lives 10 minutes, so only the codes pending
 * at that moment stop working (they are answered as expired), and the next
 * send makes a new pepper.
 */
import type { SecretStore } from '../../secrets/secret-store';
import { pepperOf, type Pepper } from './codes';
import { storedTenantKey, tenantKey, type TenantKeyOptions } from '../../secrets/tenant-key';

export const pepperAccount = (tenantId: string) => `code-pepper:${tenantId}`;

const PROTECTS = 'verification codes';

/**
 * The tenant's pepper for a send, made first when this keychain holds none;
 * `serialise` holds the local file's lock while it is made, so processes
 * sending their first codes at once all end up with the same one.
 */
export async function pepperForSend(
  secrets: SecretStore,
  tenantId: string,
  serialise: NonNullable<TenantKeyOptions['serialise']>,
): Promise<Pepper> {
  return pepperOf(await tenantKey(secrets, pepperAccount(tenantId), { protects: PROTECTS, serialise }));
}

/** The tenant's pepper for a check, or null when this keychain holds none (no code made here can be pending). */
export async function pepperForCheck(secrets: SecretStore, tenantId: string): Promise<Pepper | null> {
  const key = await storedTenantKey(secrets, pepperAccount(tenantId), { protects: PROTECTS });
  return key ? pepperOf(key) : null;
}
