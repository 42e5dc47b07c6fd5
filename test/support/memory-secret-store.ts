/**
 * A stand-in for the OS keychain, in memory, for tests of code that reads
 * delivery secrets; the real one (keytar over the Secret Service) is tested in
 * test/integration/secrets. `unavailable` makes every call fail as a locked
 * or missing keychain does.
 */
import { SecretStoreUnavailableError, type SecretStore } from '../../main/secrets/secret-store';

export class MemorySecretStore implements SecretStore {
  readonly #secrets = new Map<string, string>();
  unavailable = false;

  constructor(initial: Record<string, string> = {}) {
    for (const [account, secret] of Object.entries(initial)) this.#secrets.set(account, secret);
  }

  #check(): void {
    if (this.unavailable) throw new SecretStoreUnavailableError('The system secret store is not available (test).');
  }

  async get(account: string): Promise<string | null> {
    this.#check();
    return this.#secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.#check();
    this.#secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    this.#check();
    return this.#secrets.delete(account);
  }
}
