/**
 * Secrets kept in the operating system's store (macOS Keychain, Windows
 * Credential Manager, the Secret Service on Linux: gnome-keyring, KWallet)
 * through keytar.
 *
 * keytar is an optional dependency with a native module: it may be missing, or
 * present while no Secret Service runs (a headless Linux box). Either way the
 * store throws SecretStoreUnavailableError on use, never falls back to a weaker
 * store: the caller decides what to tell the agent.
 */

export interface SecretStore {
  /** The secret stored for `account`, or null when there is none. */
  get(account: string): Promise<string | null>;
  /** Stores (or replaces) the secret for `account`. */
  set(account: string, secret: string): Promise<void>;
  /** Deletes the secret for `account`; false when there was none. */
  delete(account: string): Promise<boolean>;
}

/** The system secret store cannot be used (keytar missing, no Secret Service, locked keychain...). */
export class SecretStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretStoreUnavailableError';
  }
}

/** The part of keytar's API the store uses. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const SECRET_SERVICE_NAME = 'Resetdesk';

// Not a string literal on purpose: keytar is optional, and `tsc` must not fail
// to resolve it on a machine where it did not install. (A bundler leaves a
// non-literal import() as it is, so keytar stays external.)
const KEYTAR_SPECIFIER: string = 'keytar';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

async function importKeytar(): Promise<KeytarModule> {
  const mod = (await import(KEYTAR_SPECIFIER)) as { default?: KeytarModule } & Partial<KeytarModule>;
  const keytar = (mod.default ?? mod) as Partial<KeytarModule>;
  if (typeof keytar.getPassword !== 'function') throw new Error('keytar has an unexpected shape');
  return keytar as KeytarModule;
}

function requireName(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${what} must be a non-empty string`);
}

export interface KeytarSecretStoreOptions {
  /** Service name the secrets are filed under. Default "Resetdesk". */
  service?: string;
  /** How keytar is loaded. Default: a dynamic import of 'keytar'. */
  loadKeytar?: () => Promise<KeytarModule>;
}

export class KeytarSecretStore implements SecretStore {
  readonly service: string;
  readonly #loadKeytar: () => Promise<KeytarModule>;
  #keytar: Promise<KeytarModule> | undefined;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.service = options.service ?? SECRET_SERVICE_NAME;
    requireName(this.service, 'service');
    this.#loadKeytar = options.loadKeytar ?? importKeytar;
  }

  /** keytar, loaded on first use; a failed load is retried on the next call. */
  async #module(): Promise<KeytarModule> {
    this.#keytar ??= this.#loadKeytar();
    try {
      return await this.#keytar;
    } catch (error) {
      this.#keytar = undefined;
      const why = isModuleNotFound(error)
        ? 'keytar (an optional dependency) is not installed, or its native module was not built'
        : `keytar could not be loaded (${messageOf(error)})`;
      throw new SecretStoreUnavailableError(`The system secret store is not available: ${why}.`, { cause: error });
    }
  }

  async #call<T>(operation: (keytar: KeytarModule) => Promise<T>): Promise<T> {
    const keytar = await this.#module();
    try {
      return await operation(keytar);
    } catch (error) {
      const hint =
        process.platform === 'linux'
          ? ' On Linux a Secret Service (gnome-keyring or KWallet) must be running and unlocked in a D-Bus session.'
          : '';
      throw new SecretStoreUnavailableError(
        `The system secret store is not available (${messageOf(error)}).${hint}`,
        { cause: error },
      );
    }
  }

  async get(account: string): Promise<string | null> {
    requireName(account, 'account');
    return this.#call((k) => k.getPassword(this.service, account));
  }

  async set(account: string, secret: string): Promise<void> {
    requireName(account, 'account');
    requireName(secret, 'secret');
    await this.#call((k) => k.setPassword(this.service, account, secret));
  }

  async delete(account: string): Promise<boolean> {
    requireName(account, 'account');
    return this.#call((k) => k.deletePassword(this.service, account));
  }
}

/** The app's secret store: the operating system's, through keytar. */
export function openSecretStore(): SecretStore {
  return new KeytarSecretStore();
}
