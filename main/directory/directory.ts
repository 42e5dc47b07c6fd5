import type { ReplicaStatus } from '../domain/replica-status';
import type { Secret } from '../domain/secret';
import type { AuditDraft, DirectoryUser, SearchPage, SearchResults, TenantSettings } from '../domain/types';
import type { SignInResult } from '../domain/sign-in';
import type { UserFilter } from '../domain/user-filter';

export type UserRef = { upn: string } | { id: string };

/** Which kind of directory a provider talks to: the status bar and `tenant show` name it. */
export const DIRECTORY_KINDS = ['embedded', 'ad', 'openldap'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/**
 * What a provider hands back at sign-in so later calls act as that agent: an
 * LDAP provider keeps what it needs to bind as them (their DN and password, as
 * a Secret, in main's memory only); the embedded directory needs nothing. The
 * session holds it and the engine passes it back; nobody else looks inside.
 */
export interface AgentCredential {
  readonly upn: string;
}

/**
 * A password made ready for one directory: the embedded store hashes it, an LDAP
 * directory keeps it to send over TLS. Opaque to the engine.
 */
export interface PreparedPassword {
  readonly preparedFor: string;
  /**
   * The scrypt PHC string, when preparing made one (the embedded store): the
   * password history keeps it instead of hashing the same password again.
   */
  readonly hash?: string;
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
 * One unit of work on one user, as one agent. The state it shows is read inside
 * the unit, so a decision made on it is made on fresh state.
 *
 * The embedded directory runs the unit in one SQLite transaction: the change and
 * its audit commit together or not at all. A remote directory cannot: the change
 * happens on the server and the audit lives in the local file. There
 * `setPassword` and `unlock` record an intent in the local audit before they
 * send the modify, and the audit the engine writes after is its outcome; a
 * failure they report (a DomainError: refused, unreachable) means the change
 * was not made, and the engine audits it as such. DIRECTORY_OUTCOME_UNKNOWN
 * (the modify went out, its answer was lost) is no outcome: the engine audits
 * nothing, and the intent stays open until the directory is read.
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
  accountOf(userId: string): Promise<AgentAccount | null>;
  /** Sets the password; like Entra's reset it also unlocks and clears failure counters. */
  setPassword(password: PreparedPassword, options: PasswordOptions): Promise<void>;
  unlock(): Promise<void>;
  /** Appends to the local audit trail (in the embedded directory, inside the same transaction). */
  audit(draft: AuditDraft): void;
}

/**
 * Where a user can be reached, IN CLEAR: for main only (verification codes,
 * notifications, out-of-band temporary passwords), never sent to the renderer
 * (DirectoryUser carries the masked values). The embedded file gives its
 * profile mail and registered methods; an LDAP directory its profile's
 * attribute mapping (mail/otherMailbox → email, mobile → SMS).
 */
export interface ContactPoints {
  /** The profile mail first (verification: false unless also registered), then alternate emails. */
  emails: { address: string; verification: boolean }[];
  /** Phones that can take an SMS; verification: registered as a method. */
  phones: { number: string; verification: boolean }[];
  /** A registered authenticator app: its label and its TOTP secret sealed (never in clear here either). */
  authenticator: { label: string; sealed: string } | null;
}

/** A Global Administrator as an admin-reset notice needs them. */
export interface AdministratorContact {
  upn: string;
  displayName: string;
  /** The mail to write to; null: write to the UPN (Entra's fallback). */
  mail: string | null;
}

/** The directory as one agent sees it: an LDAP provider binds as that agent (or as its service account). */
export interface DirectoryView {
  /** Main only: the user's contact points in clear (see ContactPoints); null when there is no such user. */
  contactPoints(ref: UserRef): Promise<ContactPoints | null>;
  /** Every enabled Global Administrator (at most 100, as Entra's notices): who hears of an administrator's reset. */
  globalAdministrators(): Promise<AdministratorContact[]>;
  getUser(ref: UserRef): Promise<DirectoryUser | null>;
  /**
   * One page of matches with how many match in all (capped: an LDAP directory
   * may only know "more than"). An empty query lists everyone, by name. A
   * filter narrows to users in every state it names (main/domain/user-filter.ts).
   */
  searchUsers(query: string, page: SearchPage, filter?: UserFilter): Promise<SearchResults>;
  preparePassword(password: Secret): Promise<PreparedPassword>;
  transact<T>(target: UserRef, work: (tx: DirectoryTransaction) => Promise<T>): Promise<T>;
}

/**
 * What a provider can do, declared by the provider itself. Code above the
 * directory layer (the engine, the CLI, the IPC handlers) and the window
 * decide from these, never from `kind` (which only names the directory for
 * display) nor from the provider's class: a new provider declares its own and
 * nothing else has to learn its name. Plain data: it reaches the window in
 * AppState.
 */
export interface DirectoryCapabilities {
  /**
   * The directory is Entra-like: its on-premises users are copies synced from
   * an on-premises Active Directory (the embedded file). Resetting one then
   * needs password writeback and a managed domain, and the list marks them
   * "Synced". False: the directory is the users' own (AD, OpenLDAP); the app
   * writes the password where they sign in, so writeback and federation,
   * which are about a cloud copy, do not apply.
   */
  readonly syncedFromOnPremises: boolean;
  /**
   * Users sign in through Resetdesk itself (the embedded file), so a temporary
   * password's first use, and the user's own change after it, are recorded as
   * they happen. False: users sign in to the directory server, which tells
   * neither: first use stays unknown, and the change is learnt from the
   * directory's password-change time when the user is read.
   */
  readonly reportsFirstUse: boolean;
  /**
   * The users live in the operator's own local file: whoever can open it can
   * read them with any SQLite tool, so the CLI reads them without an agent's
   * sign-in (--as). False: the directory is the organization's, and refuses
   * anonymous reads: every read is made as a signed-in agent.
   */
  readonly readableByFileOwner: boolean;
}

/**
 * The one way the reset engine, sign-in, the IPC handlers and the CLI reach
 * users. Providers: the embedded SQLite file (sqlite/), Active Directory and
 * OpenLDAP (ldap/). Audit, tenant settings and connection profiles stay in the
 * local SQLite file whatever the provider (Stores).
 */
export interface UserDirectory {
  /** Names the directory for display ("Active Directory"): behaviour follows `capabilities`, never the kind. */
  readonly kind: DirectoryKind;
  /** What this provider can do (see DirectoryCapabilities). */
  readonly capabilities: DirectoryCapabilities;
  /** Where the directory lives (a file path, or the server URLs), for the status bar and `tenant show`. */
  readonly location: string;
  /** The connection profile's name (Active Directory, OpenLDAP); absent for the embedded directory. */
  readonly profileName?: string;
  /** The directory as this agent. The embedded directory ignores the credential (null is fine there). */
  as(agent: AgentCredential | null): DirectoryView;
  /**
   * A hint, right after an agent signs in, that they are about to search: a
   * directory that answers search from a prepared index starts preparing it.
   * Never waited on; optional.
   */
  warm?(agent: AgentCredential): void;
  /** The session ended: background work started by warm() stops, and forgets the credential. Optional. */
  rest?(): void;
  /**
   * A provider that can keep a local replica (replica-feed.ts) declares how
   * its sync thread binds: the service account, or this agent; null when it
   * cannot (no credential). Absent for a directory that needs none (the embedded file).
   */
  replicaSource?(agent: AgentCredential | null): Promise<ReplicaBind | null>;
  /** Where the local replica search answers from stands (a directory that keeps one, in the app). */
  replicaStatus?(): ReplicaStatus;
  /**
   * A directory whose changes are made on a server, apart from the local
   * audit (AD, OpenLDAP), audits each as an intent before and an outcome
   * after; a lost answer or a process killed in between leaves the intent
   * open. This settles the open intents that can no longer be in flight by
   * reading the directory as this agent, and says how many it settled.
   * Absent where a change commits with its audit (the embedded file), which
   * never leaves one open.
   */
  settleOpenIntents?(agent: AgentCredential): Promise<number>;
  /**
   * Registers a user's authenticator app, its TOTP secret already sealed. Only
   * a directory that keeps such secrets has it (the embedded file); AD and
   * OpenLDAP keep none Resetdesk could read.
   */
  registerAuthenticator?(ref: UserRef, label: string, sealed: string): Promise<void>;
  close(): Promise<void>;
}

/** How a replica's sync thread binds: plain data, handed to the thread in memory only. */
export interface ReplicaBind {
  dn: string;
  password: string;
}

/** What signing in to a directory answered. */
export interface SignInOutcome {
  result: SignInResult;
  /** The signed-in user, for 'ok' and 'password_change_required' only. */
  user?: DirectoryUser;
  /** For 'ok': what later calls pass back to act as this agent. */
  credential?: AgentCredential;
}

/**
 * Agents' and users' own passwords: the embedded directory checks its scrypt
 * hashes with smart lockout (main/reset/signin.ts over EmbeddedAccounts); an
 * LDAP directory binds as the user and changes a password with the user's own
 * bind (AD: delete old + add new unicodePwd; OpenLDAP: RFC 3062 Password Modify).
 * Every call writes one audit event.
 */
export interface Authenticator {
  signIn(upn: string, password: Secret): Promise<SignInOutcome>;
  changePassword(upn: string, oldPassword: Secret, newPassword: Secret): Promise<void>;
  /**
   * Which account a UPN signs in as, and how it was found (OpenLDAP: a search
   * or the profile's DN template). For a connection test only: a sign-in never
   * says whether a UPN exists. Absent (or null) where there is nothing to find.
   */
  locate?(upn: string): Promise<AccountLocation | null>;
}

/** What `Authenticator.locate` found: the DN to bind with (null: no single entry has that UPN) and how, in words. */
export interface AccountLocation {
  dn: string | null;
  how: string;
}

/** Each kind of directory by name, in a sentence's words (a label: nothing decides by it). */
export const KIND_WORDS: Record<DirectoryKind, string> = { embedded: 'the embedded directory', ad: 'Active Directory', openldap: 'OpenLDAP' };

/**
 * Which directory a sign-in asked, for its errors: "corp, OpenLDAP at
 * ldaps://dc1:636" or "the embedded directory in /home/…/directory.sqlite".
 * An agent refused by the wrong directory (the CLI without --directory, a
 * profile switched in the app) sees at once which one answered.
 */
export function directoryAsked(directory: Pick<UserDirectory, 'kind' | 'location' | 'profileName'>): string {
  if (directory.kind === 'embedded') return `${KIND_WORDS.embedded} in ${directory.location}`;
  return `${directory.profileName ?? 'the directory'}, ${KIND_WORDS[directory.kind]} at ${directory.location}`;
}
