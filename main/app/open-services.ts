import type { Clock } from '../domain/clock';
import type { SqliteDirectoryOptions } from '../directory/sqlite/sqlite-directory';
import { DirectoryStore } from '../directory/sqlite/store';
import { DomainError } from '../domain/errors';
import { Secret } from '../domain/secret';
import { SecretStoreUnavailableError, openSecretStore } from '../secrets/secret-store';
import type { PasswordHasher } from '../reset/hashing';
import { createServices, type Services } from './services';

export interface OpenServicesDeps {
  hasher: PasswordHasher;
  clock?: Clock;
  /** The embedded directory's search thread (the app: yes; the CLI: no). */
  embedded?: SqliteDirectoryOptions;
  /** A service-mode profile's password, from the OS keychain. */
  servicePassword?: (profileName: string) => Promise<Secret>;
  /** Answer search-as-you-type on a real directory from an in-memory index of its users (the app; not the CLI). */
  searchIndex?: boolean;
  /** The mail and SMS channels and the keychain (defaults: the tenant's settings and the OS keychain). */
  delivery?: import('../delivery/delivery').DeliveryOpener;
  secrets?: import('../secrets/secret-store').SecretStore;
}

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
export async function openServices(path: string, deps: OpenServicesDeps & { directory?: string | null | undefined }): Promise<Services> {
  const store = DirectoryStore.open(path, deps.clock ? { clock: deps.clock } : {});
  try {
    const name = deps.directory === undefined ? store.local.profiles.active() : deps.directory;
    if (name === null) return createServices(store, deps.hasher, {
      ...(deps.embedded ?? {}),
      ...(deps.delivery ? { delivery: deps.delivery } : {}),
      ...(deps.secrets ? { secrets: deps.secrets } : {}),
    });
    // Loaded only for a real directory: ldapts and the profile schema cost the CLI's start-up.
    const { loadProfile, servicesForProfile } = await import('./ldap-services');
    return servicesForProfile(store, loadProfile(store, name), deps);
  } catch (error) {
    store.close();
    throw error;
  }
}
