import type { Secret } from '../reset/secret';
import type { AuditDraft } from './audit-repo';
import type { SearchPage } from './search';
import type { DirectoryUser, TenantSettings } from './types';

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
 * One unit of work on one user. Everything done through it, the change and its
 * audit events, commits together or not at all. The state it shows is read
 * inside the unit, so a decision made on it cannot be raced.
 */
export interface DirectoryTransaction {
  readonly now: number;
  readonly tenant: TenantSettings;
  readonly target: DirectoryUser | null;
  rolesOf(userId: string): string[];
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
  searchUsers(query: string, page: SearchPage): Promise<DirectoryUser[]>;
  preparePassword(password: Secret): Promise<PreparedPassword>;
  transact<T>(target: UserRef, work: (tx: DirectoryTransaction) => T): Promise<T>;
}
