/**
 * The LDAP provider's part of composing Services (build-services.ts), and the
 * stored profiles it connects with; apart so a front end that does not use a
 * real directory (the CLI on the embedded file) never loads ldapts.
 */
import type { UsersOf } from './build-services';
import { LdapAuthenticator } from '../directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../directory/ldap/ldap-directory';
import { parseStoredLdapProfile, profileIsEncrypted, type LdapProfile } from '../directory/ldap/profile';
import { DomainError } from '../domain/errors';
import type { StoredProfile } from '../domain/stores';
import type { DirectoryStore } from '../directory/sqlite/store';
import { replicatedDirectory } from './replica/replicated-services';

/**
 * A real directory's users: in AD or OpenLDAP, reached as the profile says;
 * settings, audit and profiles stay in the local file. With `replicaSync` (the
 * app) search answers from a local copy kept current by a sync thread.
 */
export function ldapUsers(profile: LdapProfile): UsersOf {
  return (store, options) => {
    const stores = store.stores;
    const directory = new LdapUserDirectory({
      profile,
      stores,
      ...(profile.bind === 'service' && options.servicePassword
        ? { servicePassword: () => options.servicePassword!(profile.name) }
        : {}),
    });
    return {
      directory: options.replicaSync ? replicatedDirectory(store, directory, options.clock) : directory,
      authenticator: new LdapAuthenticator({ profile, stores, directory }),
    };
  };
}

/** A profile as the local file keeps it: its name and type, the rest as config (loadProfile's inverse). */
export function storedProfileOf(profile: LdapProfile): Pick<StoredProfile, 'name' | 'type' | 'config'> {
  const { name, type, ...config } = profile;
  return { name, type, config };
}

/**
 * A stored profile to connect with, checked by its schema now (a file edited by
 * hand, or by a newer version, is refused), and encrypted: one an older version
 * let through with an ldap:// URL and no StartTLS is refused, saying what to do.
 */
export async function loadProfile(store: DirectoryStore, name: string): Promise<LdapProfile> {
  const profile = await readProfile(store, name);
  if (!profileIsEncrypted(profile)) {
    throw new DomainError(
      'DIRECTORY_TLS_REQUIRED',
      `The connection ${profile.name} has an ldap:// URL without StartTLS: remove it (resetdesk directory remove ${profile.name}; switch away first if it is in use: resetdesk directory use --embedded) and add it again with ldaps:// URLs, or with --starttls.`,
    );
  }
  return profile;
}

/** Whether a stored profile can never be used as it is (loadProfile refuses it: an ldap:// URL without StartTLS). */
export async function isUnusableProfile(store: DirectoryStore, name: string): Promise<boolean> {
  try {
    await loadProfile(store, name);
    return false;
  } catch (error) {
    return error instanceof DomainError && error.code === 'DIRECTORY_TLS_REQUIRED';
  }
}

/** A stored profile as it is, to list or remove (not to connect with: loadProfile). */
export async function readProfile(store: DirectoryStore, name: string): Promise<LdapProfile> {
  const stored = await store.stores.profiles.get(name);
  if (!stored) throw new DomainError('DIRECTORY_PROFILE_NOT_FOUND');
  try {
    return parseStoredLdapProfile({ ...(stored.config as object), name: stored.name, type: stored.type });
  } catch {
    throw new DomainError('INVALID_INPUT', 'A stored connection is not valid (changed by hand, or by a newer version): remove it and add it again.');
  }
}
