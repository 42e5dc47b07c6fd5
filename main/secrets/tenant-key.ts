/**
 * A tenant's 256-bit key kept in the OS keychain, never in the local file: the
 * key sealing authenticator secrets (main/reset/verification/sealing.ts), the
 * key sealing the sample outbox's messages (main/delivery/outbox/kept-outbox.ts)
 * and the pepper keying the verification codes' HMACs
 * (main/reset/verification/pepper.ts). The file alone therefore opens none of
 * them; the keychain of the agent's machine is needed as well.
 *
 * A keychain that cannot be used is SECRET_STORE_UNAVAILABLE, never a weaker
 * fallback; the detail says which key, never its value.
 */
import { randomBytes } from 'node:crypto';
import { DomainError } from '../domain/errors';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store';

export const TENANT_KEY_BYTES = 32;

export interface TenantKeyOptions {
  /** What the key protects, for the messages: "authenticator secrets", "verification codes". */
  protects: string;
  /**
   * Runs the making (read again, then store) so that two processes do not both
   * make one and the second overwrite the first, stranding what the first
   * protected. The keychain has no "store if absent": the local file's lock stands in.
   */
  serialise?: <T>(work: () => Promise<T>) => Promise<T>;
}

async function keychain<T>(work: () => Promise<T>, protects: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SecretStoreUnavailableError) {
      throw new DomainError('SECRET_STORE_UNAVAILABLE', `(the key that protects ${protects})`);
    }
    throw error;
  }
}

function keyOf(stored: string, protects: string): Buffer {
  const key = Buffer.from(stored, 'base64url');
  if (key.length !== TENANT_KEY_BYTES) throw new DomainError('SECRET_STORE_UNAVAILABLE', `The stored key that protects ${protects} is damaged.`);
  return key;
}

/** The key stored for `account`, or null when this keychain holds none. Never makes one. */
export async function storedTenantKey(secrets: SecretStore, account: string, options: TenantKeyOptions): Promise<Buffer | null> {
  const stored = await keychain(() => secrets.get(account), options.protects);
  return stored === null ? null : keyOf(stored, options.protects);
}

/** The key stored for `account`; made and stored first when there is none yet. */
export async function tenantKey(secrets: SecretStore, account: string, options: TenantKeyOptions): Promise<Buffer> {
  const found = await storedTenantKey(secrets, account, options);
  if (found) return found;
  const make = async (): Promise<Buffer> => {
    // Read again under the lock: another process may have made it meanwhile.
    const made = await storedTenantKey(secrets, account, options);
    if (made) return made;
    const fresh = randomBytes(TENANT_KEY_BYTES).toString('base64url');
    await keychain(() => secrets.set(account, fresh), options.protects);
    return keyOf(fresh, options.protects);
  };
  return options.serialise ? options.serialise(make) : make();
}
