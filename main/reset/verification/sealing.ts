/**
 * Authenticator secrets sealed at rest: AES-256-GCM under a key of the
 * tenant's, kept in the OS keychain (SecretStore account `totp-seal:<tenant>`,
 * made at the first registration). The local file alone therefore does not
 * give anyone a user's authenticator codes; the keychain of the agent's
 * machine is needed as well. The tenant id is bound as additional data, so a
 * sealed value copied into another tenant's file does not open there.
 *
 * Sealed form and cipher: main/secrets/sealing.ts.
 */
import { DomainError } from '../../domain/errors';
import { Secret } from '../../domain/secret';
import type { SecretStore } from '../../secrets/secret-store';
import { isSealedForm, openSealed, sealText } from '../../secrets/sealing';
import { storedTenantKey, tenantKey } from '../../secrets/tenant-key';

export const sealAccount = (tenantId: string) => `totp-seal:${tenantId}`;

const PROTECTS = { protects: 'authenticator secrets' };

/** The tenant's sealing key; made and stored when `create` and there is none yet. */
async function sealKey(secrets: SecretStore, tenantId: string, create: boolean): Promise<Buffer> {
  if (create) return tenantKey(secrets, sealAccount(tenantId), PROTECTS);
  const key = await storedTenantKey(secrets, sealAccount(tenantId), PROTECTS);
  if (!key) throw new DomainError('SECRET_STORE_UNAVAILABLE', 'The key that protects authenticator secrets is not in this keychain.');
  return key;
}

export async function seal(secret: Secret, secrets: SecretStore, tenantId: string): Promise<string> {
  const key = await sealKey(secrets, tenantId, true);
  return sealText(key, secret.reveal(), tenantId);
}

export async function unseal(sealed: string, secrets: SecretStore, tenantId: string): Promise<Secret> {
  const key = await sealKey(secrets, tenantId, false);
  if (!isSealedForm(sealed)) throw new DomainError('INTERNAL', 'An authenticator secret is damaged.');
  const opened = openSealed(key, sealed, tenantId);
  // A wrong key (another machine's keychain) or a changed value: the same answer, no detail of either.
  if (opened === null) throw new DomainError('SECRET_STORE_UNAVAILABLE', 'The authenticator secret does not open with the key in this keychain.');
  return new Secret(opened);
}
