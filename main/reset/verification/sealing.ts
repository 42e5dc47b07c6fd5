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
import { isSealedForm, keychainKey, openSealed, sealText, type KeyWords } from '../../secrets/sealing';

export const sealAccount = (tenantId: string) => `totp-seal:${tenantId}`;

const WORDS: KeyWords = {
  unavailable: '(the key that protects authenticator secrets)',
  missing: 'The key that protects authenticator secrets is not in this keychain.',
  damaged: 'The stored authenticator key is damaged.',
};

export async function seal(secret: Secret, secrets: SecretStore, tenantId: string): Promise<string> {
  const key = await keychainKey(secrets, sealAccount(tenantId), WORDS, true);
  return sealText(key, secret.reveal(), tenantId);
}

export async function unseal(sealed: string, secrets: SecretStore, tenantId: string): Promise<Secret> {
  const key = await keychainKey(secrets, sealAccount(tenantId), WORDS, false);
  if (!isSealedForm(sealed)) throw new DomainError('INTERNAL', 'An authenticator secret is damaged.');
  const opened = openSealed(key, sealed, tenantId);
  // A wrong key (another machine's keychain) or a changed value: the same answer, no detail of either.
  if (opened === null) throw new DomainError('SECRET_STORE_UNAVAILABLE', 'The authenticator secret does not open with the key in this keychain.');
  return new Secret(opened);
}
