import type { Secret } from '../domain/secret';
import type { AuditDraft } from '../domain/types';
import type { SearchPage, SearchResults } from '../domain/types';
import type { DirectoryUser, TenantSettings } from '../domain/types';

export type UserRef = { upn: string } | { id: string };

/**
 * A password made ready for one directory: the embedded store hashes it, an LDAP
 * directory keeps it to send over TLS. Opaque to the engine.
 */
export interface PreparedPassword {
  readonly preparedFor: string;
}

export interface PasswordOptions {
  forceChangeNextSignIn: boolean;
  /** When a temporary password stops working (ms since epoch); null: never. */
  expiresAt: number | null;
}

/**
 * What the directory says of the acting agent's own account right now. Any
 * directory can answer it: LDAP reads the enabled bit (userAccountControl 0x2,
 * or pwdAccountDisabled), the lock (lockoutTime, pwdAccountLockedTime) and the
 * role groups.
 */
export interface AgentAccount {
  readonly enabled: boolean;
  /** Locked out right now (a lockout that has run out does not count). */
  readonly locked: boolean;
  readonly roles: readonly string[];
}

/**
 * One unit of work on one user. Everything done through it, the change and its
 * audit events, commits together or not at all. The state it shows is read
 * inside the unit, so a decision made on it cannot be raced.
 */
export interface DirectoryTransaction {
  readonly now: number;
  readonly tenant: TenantSettings;
  readonly target: DirectoryUser | null;
  /**
   * The acting agent's own account, read inside the unit like the target, so an
   * agent disabled, locked or stripped of roles mid-session cannot act; null
   * when the account no longer exists.
   */
  accountOf(userId: string): AgentAccount | null;
  /** Sets the password; like Entra's reset it also unlocks and clears failure counters. */
  setPassword(password: PreparedPassword, options: PasswordOptions): void;
  unlock(): void;
  audit(draft: AuditDraft): void;
}

/**
 * The narrow surface the reset engine needs from a directory. The embedded
 * SQLite directory implements it now; an LDAP directory (OpenLDAP with ppolicy,
 * Active Directory) can implement it later without touching the engine: reads
 * are searches, `setPassword` is a modify of userPassword/unicodePwd, `unlock`
 * deletes pwdAccountLockedTime or writes lockoutTime=0, and the audit trail
 * stays in the local SQLite file.
 */
export interface UserDirectory {
  /** Where the directory lives, for the status bar and `tenant show`. */
  readonly location: string;
  getUser(ref: UserRef): Promise<DirectoryUser | null>;
  /** One page of matches with how many match in all (capped: an LDAP directory may only know "more than"). */
  searchUsers(query: string, page: SearchPage): Promise<SearchResults>;
  preparePassword(password: Secret): Promise<PreparedPassword>;
  transact<T>(target: UserRef, work: (tx: DirectoryTransaction) => T): Promise<T>;
}
