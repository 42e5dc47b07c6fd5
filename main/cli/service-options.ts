import type { ServiceOptions } from '../app/build-services';
import { keychainServicePassword } from '../app/open-services';
import type { PasswordHasher } from '../reset/hashing';
import type { SecretStore } from '../secrets/secret-store';

/**
 * What every CLI command asks of the services (build-services.ts): the
 * command's hasher, a service account's password from the OS keychain, the
 * command's keychain (tests pass an in-memory one); no search thread and no
 * sync thread, since a command searches once and exits.
 */
export function cliServiceOptions(ctx: { hasher: PasswordHasher; secrets?: SecretStore | undefined }): ServiceOptions {
  return { hasher: ctx.hasher, servicePassword: keychainServicePassword, ...(ctx.secrets ? { secrets: ctx.secrets } : {}) };
}
