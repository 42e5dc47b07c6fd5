/**
 * The OS keychain for tests that need the real one: the CLI and the app key
 * every verification code with a pepper kept there, so a test driving them
 * through a send or a check talks to it (never MemorySecretStore: that is for
 * test/unit). `npm test` provides one where none runs (scripts/with-keychain.sh:
 * a throwaway gnome-keyring in a private D-Bus session).
 *
 * A test file run on its own without one skips and says how to run it; in CI
 * (CI=true) a missing keychain is an error, since the suite must run them.
 */
import { KeytarSecretStore, SecretStoreUnavailableError } from '../../main/secrets/secret-store';

const HOW = 'run the test command through `bash scripts/with-keychain.sh COMMAND…` (npm test does)';

/** Why this process cannot use the OS keychain, or null when it can (a read of an account nobody has). */
export async function keychainMissing(): Promise<string | null> {
  try {
    await new KeytarSecretStore().get('resetdesk-test-probe');
    return null;
  } catch (error) {
    if (!(error instanceof SecretStoreUnavailableError)) throw error;
    return `no OS keychain (${error.message.split('\n')[0]}): ${HOW}`;
  }
}

/** For a test file: null when the keychain can be used; else the reason to skip (printed), or an error in CI. */
export async function keychainSkip(what: string): Promise<string | null> {
  const missing = await keychainMissing();
  if (!missing) return null;
  if (process.env.CI === 'true') throw new Error(missing);
  console.log(`${what} skipped: ${missing}`);
  return missing;
}
