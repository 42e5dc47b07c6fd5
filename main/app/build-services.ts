/**
 * The one place Services is composed. Every front end (the Electron app, the
 * preview, the CLI, a connection test) calls buildServices with the users'
 * source and its own choices; what is shared by every directory (the reset
 * engine and its guards, the checked own-password change, caller
 * verification, delivery, the keychain) is wired here once, so the front ends
 * cannot drift apart.
 */
import type { Authenticator, UserDirectory } from '../directory/directory';
import { SqliteUserDirectory, embeddedAccounts, embeddedCurrentHash } from '../directory/sqlite/sqlite-directory';
import type { DirectoryStore } from '../directory/sqlite/store';
import type { Clock } from '../domain/clock';
import type { Secret } from '../domain/secret';
import type { DeliveryOpener } from '../delivery/delivery';
import { deliveryOpener } from '../delivery/open-delivery';
import { CheckedAuthenticator } from '../reset/checked-authenticator';
import type { CurrentPasswordHash } from '../reset/password-check';
import { ResetEngine } from '../reset/engine';
import type { PasswordHasher } from '../reset/hashing';
import { SignInService } from '../reset/signin';
import { VerificationService } from '../reset/verification/service';
import { openSecretStore, type SecretStore } from '../secrets/secret-store';
import { resetGuards } from './guards';
import type { Services } from './services';

/** What a front end chooses; everything else is the same for all of them. */
export interface ServiceOptions {
  hasher: PasswordHasher;
  clock?: Clock;
  /** The embedded directory searches on a worker thread (the app: yes; the CLI: no, one search per process). */
  searchInWorker?: boolean;
  /**
   * A real directory's search answers from a local copy kept current by a sync
   * thread (the app). Without it (the CLI, a connection test) no thread starts;
   * a one-shot search still reads a copy that exists.
   */
  replicaSync?: boolean;
  /** A service-mode profile's password (the OS keychain, where `directory add` put it). */
  servicePassword?: (profileName: string) => Promise<Secret>;
  /** The mail and SMS channels (default: those the tenant's settings name, opened when a message goes out). */
  delivery?: DeliveryOpener;
  /** The keychain (default: the OS keychain). */
  secrets?: SecretStore;
}

/** Where the users are and how they sign in: the one part a provider adds. */
export interface UserSource {
  directory: UserDirectory;
  /** The provider's own sign-in; every own password change is checked before it (CheckedAuthenticator). */
  authenticator: Authenticator;
  /**
   * The directory's own current hash of a user, when it keeps the passwords
   * itself (the embedded one): the history rule counts it. The stores never
   * hold it: a store on a server knows no directory's hashes.
   */
  currentHash?: CurrentPasswordHash;
}

/** A provider's users over the local file, as the options ask (main/app/ldap-users.ts has the LDAP one). */
export type UsersOf = (store: DirectoryStore, options: ServiceOptions) => UserSource;

/** The embedded directory: users in the local file itself. */
export const embeddedUsers: UsersOf = (store, options) => ({
  directory: new SqliteUserDirectory(store, options.hasher, options.searchInWorker ? { searchInWorker: true } : {}),
  authenticator: new SignInService(embeddedAccounts(store), options.hasher),
  currentHash: embeddedCurrentHash(store),
});

export function buildServices(store: DirectoryStore, users: UsersOf, options: ServiceOptions): Services {
  const stores = store.stores;
  const { directory, authenticator, currentHash } = users(store, options);
  const withCurrent = currentHash ? { currentHash } : {};
  const secrets = options.secrets ?? openSecretStore();
  // For the sample, an outbox started for the send when the app is closed, keeping what it receives in the local file.
  const delivery = options.delivery ?? deliveryOpener(secrets, { stores });
  const engine = new ResetEngine(directory, { guards: resetGuards(stores, options.hasher, currentHash) });
  return {
    directory,
    // Every own change checked first for the policy, banned terms and history: AD and ppolicy skip history for
    // privileged writers and have no banned list (checked-authenticator.ts).
    signIn: new CheckedAuthenticator(authenticator, { stores, directory, hasher: options.hasher, ...withCurrent }),
    engine,
    stores,
    delivery,
    secrets,
    verification: new VerificationService({ stores, directory, engine, delivery, secrets }),
  };
}
