import type { LockoutState } from '../domain/lockout';
import type { AuditDraft, DirectoryUser, TenantSettings } from '../domain/types';

/**
 * An account as the embedded directory's sign-in model needs it: the public user
 * plus its scrypt hash and smart-lockout memory. Never leaves the main process.
 */
export interface StoredAccount {
  readonly user: DirectoryUser;
  readonly passwordHash: string | null;
  readonly tempPasswordExpiresAt: number | null;
  readonly lockedUntilMs: number | null;
  readonly recentBadDigests: readonly string[];
}

export interface StoredPassword {
  hash: string;
  forceChangeNextSignIn: boolean;
  tempPasswordExpiresAt: number | null;
}

/** One unit of work on the embedded accounts, read and written in one transaction. */
export interface AccountsUnit {
  readonly now: number;
  readonly tenant: TenantSettings;
  account(upn: string): StoredAccount | undefined;
  setLockout(account: StoredAccount, state: LockoutState): void;
  setPassword(account: StoredAccount, password: StoredPassword): void;
  /** The same password under stronger hash parameters: nothing the user can see changes. */
  rehash(account: StoredAccount, hash: string): void;
  /**
   * The life of the user's open temporary password (none open: nothing happens),
   * recorded in this unit with the sign-in or change it describes: signed in
   * with it for the first time, or replaced by the user's own.
   */
  temporaryPasswordUsed(account: StoredAccount): void;
  temporaryPasswordReplaced(account: StoredAccount): void;
  audit(draft: AuditDraft): void;
}

/**
 * The port the embedded sign-in (main/reset/signin.ts) works through, so the
 * rules never see SQLite. Only the embedded directory has it: an LDAP directory
 * checks passwords itself, on bind.
 */
export interface EmbeddedAccounts {
  read(upn: string): StoredAccount | undefined;
  tenant(): TenantSettings;
  transact<T>(work: (unit: AccountsUnit) => T): Promise<T>;
}
