import { DirectoryStore } from '../directory/sqlite/store';
import { DomainError } from '../domain/errors';
import { Secret } from '../domain/secret';
import { SecretStoreUnavailableError, openSecretStore } from '../secrets/secret-store';
import { buildServices, embeddedUsers, type ServiceOptions, type UsersOf } from './build-services';
import type { Services } from './services';

/** A domain for the local file's tenant, from the base DN's DC= parts (DC=corp,DC=example → corp.example). */
export function domainOfBaseDn(baseDn: string): string {
  const parts = [...baseDn.matchAll(/(?:^|,)\s*dc=([^,]+)/gi)].map((m) => m[1]!.trim().toLowerCase());
  return parts.length > 0 ? parts.join('.') : 'directory.local';
}

/** The keychain account under which a profile's service account password is kept. */
export const serviceAccountKey = (profileName: string) => `directory:${profileName.toLowerCase()}`;

/** A service-mode profile's password, from the OS keychain (keytar), where `directory add` put it. */
export async function keychainServicePassword(profileName: string): Promise<Secret> {
  let stored: string | null;
  try {
    stored = await openSecretStore().get(serviceAccountKey(profileName));
  } catch (error) {
    if (!(error instanceof SecretStoreUnavailableError)) throw error;
    throw new DomainError('SECRET_STORE_UNAVAILABLE', "(the password of the connection's service account)");
  }
  if (stored === null) {
    throw new DomainError('AUTH_FAILED', 'The service account password is not in the keychain: add the directory again.');
  }
  return new Secret(stored);
}

/**
 * Opens the local file and the directory the command works on: the named
 * connection profile; `directory` undefined, the one the file names as active
 * (`directory use`), as the app does; null, the embedded users in the file
 * whatever it names.
 */
export async function openServices(path: string, options: ServiceOptions & { directory?: string | null | undefined }): Promise<Services> {
  const store = DirectoryStore.open(path, options.clock ? { clock: options.clock } : {});
  try {
    const name = options.directory === undefined ? await store.stores.profiles.active() : options.directory;
    return buildServices(store, await usersNamed(store, name), options);
  } catch (error) {
    store.close();
    throw error;
  }
}

/** The users of the named profile (checked by loadProfile), or the embedded ones for null. */
export async function usersNamed(store: DirectoryStore, name: string | null): Promise<UsersOf> {
  if (name === null) return embeddedUsers;
  // Loaded only for a real directory: ldapts and the profile schema cost the CLI's start-up.
  const { loadProfile, ldapUsers } = await import('./ldap-users');
  return ldapUsers(await loadProfile(store, name));
}
