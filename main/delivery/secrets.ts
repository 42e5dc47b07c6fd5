/**
 * Delivery secrets (the SMTP password, the SMS gateway's token) read from the
 * OS keychain. A keychain that cannot be read is SECRET_STORE_UNAVAILABLE; the
 * detail says which secret, never its value.
 */
import { DomainError } from '../domain/errors';
import { SecretStoreUnavailableError, type SecretStore } from '../secrets/secret-store';

/** The secret, or SECRET_STORE_UNAVAILABLE when the keychain cannot be read or (required) holds none. */
export async function readDeliverySecret(secrets: SecretStore, account: string, what: string): Promise<string>;
export async function readDeliverySecret(
  secrets: SecretStore,
  account: string,
  what: string,
  optional: true,
): Promise<string | null>;
export async function readDeliverySecret(
  secrets: SecretStore,
  account: string,
  what: string,
  optional = false,
): Promise<string | null> {
  let value: string | null;
  try {
    value = await secrets.get(account);
  } catch (error) {
    // keytar missing, no Secret Service, a locked keychain: the agent's fix is the same.
    const why = error instanceof SecretStoreUnavailableError ? 'it could not be read' : 'reading it failed';
    throw new DomainError('SECRET_STORE_UNAVAILABLE', `The ${what} is kept there and ${why}.`);
  }
  if (value === null && !optional)
    throw new DomainError('SECRET_STORE_UNAVAILABLE', `No ${what} is stored in the keychain for this tenant.`);
  return value;
}
