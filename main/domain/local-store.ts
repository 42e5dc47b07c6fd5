/**
 * The local file's part that every directory shares: tenant settings and the
 * audit trail stay in the local SQLite file whether users live in it (the
 * embedded directory) or in Active Directory / OpenLDAP. These are the ports the
 * rules, the handlers, the CLI and the LDAP providers use; the SQLite repos in
 * main/directory/sqlite/ implement them.
 */
import type { AuditAction, AuditDraft, AuditEvent, CallerVerificationRule, TenantSettings, VerificationMethod } from './types';
import type { DeliverySettings } from './delivery-settings';

/** Which events: every field optional, all given ones must match. */
export interface AuditFilter {
  /** The whole UPN (case-insensitive). */
  targetUpn?: string;
  actorUpn?: string;
  /** Part of a UPN, as the agent types it (case-insensitive). */
  targetContains?: string;
  actorContains?: string;
  action?: AuditAction;
  /** The first and last instant included (epoch ms): a date range. */
  atFrom?: number;
  atTo?: number;
}

export interface AuditQuery extends AuditFilter {
  limit: number;
  offset?: number;
}

/** The most events `count` reads: past this the screen says "more than". */
export const AUDIT_COUNT_CAP = 100_000;

/** Append-only. Never a password. */
export interface AuditLog {
  append(draft: AuditDraft, at: number): void;
  list(query: AuditQuery): AuditEvent[];
  /** How many events match, up to `cap` (a result of `cap` means "at least that many"). */
  count(filter: AuditFilter, cap?: number): number;
  /** Every matching event, newest first, read one by one (an export of the whole trail). */
  each(filter: AuditFilter): Iterable<AuditEvent>;
  /**
   * Records that a change is about to be sent to a remote directory and returns
   * the intent's id. The audit written after the change names it (`intentId`)
   * and is its outcome (`settle`); an intent no outcome names is open: its
   * answer was lost or its process died, and it is settled by reading the
   * directory (main/directory/ldap/settlement.ts).
   */
  intend(draft: AuditDraft, at: number, lease: IntentLease): number;
  /**
   * Records the one outcome of an intent. The file refuses a second one for the
   * same intent (audit_outcomes), whoever writes it: when another writer was
   * first, nothing is written and the outcome that stands is returned.
   */
  settle(draft: AuditDraft & { intentId: number }, at: number): Promise<SettledIntent>;
  /** Intents that no outcome names yet, oldest first. */
  openIntents(): OpenIntent[];
}

/** Who may settle an intent, and from when: written with the intent. */
export interface IntentLease {
  /** The connection profile the change went to: only its directory settles the intent. */
  directory: string;
  /** The process that sent the change: while it runs, it records the outcome itself. */
  ownerHost: string;
  ownerPid: number;
  /** ms since the epoch: from then on the change can no longer land (the profile's timeouts, with a margin). */
  settleAfter: number;
}

/** An open intent with its lease; the lease is null on intents written before it existed. */
export interface OpenIntent extends AuditEvent {
  lease: IntentLease | null;
}

/** What `settle` found: `recorded` false when another writer had settled the intent first (`outcome` is theirs). */
export interface SettledIntent {
  recorded: boolean;
  outcome: AuditEvent;
}

/** The editable tenant settings, by the names the CLI and IPC use. */
export interface TenantUpdate {
  passwordWriteback?: boolean;
  temporaryPasswordLifetimeDays?: number | null;
  callerVerification?: CallerVerificationRule;
  passwordHistoryCount?: number;
  /** The whole custom list (terms of 4–64 characters, at most MAX_BANNED_TERMS). */
  bannedPasswords?: string[];
  delivery?: DeliverySettings;
}

export interface TenantStore {
  get(): TenantSettings;
}

/** A connection profile as the local file keeps it; `config` is checked by the provider's schema when read. */
export interface StoredProfile {
  name: string;
  type: 'ad' | 'openldap';
  config: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface ProfileStore {
  list(): StoredProfile[];
  get(name: string): StoredProfile | null;
  /** Refuses a name already taken (INVALID_INPUT). */
  add(profile: Pick<StoredProfile, 'name' | 'type' | 'config'>, now: number): void;
  replace(profile: Pick<StoredProfile, 'name' | 'type' | 'config'>, now: number): void;
  remove(name: string): boolean;
  /** The profile the app signs in to; null: the embedded directory. */
  active(): string | null;
  setActive(name: string | null): void;
}

/** One code sent to a caller, or one authenticator check, as the local file keeps it (never the code). */
export interface VerificationChallenge {
  id: string;
  agentId: string;
  targetId: string;
  targetUpn: string;
  method: VerificationMethod;
  /** Where the code went, masked; for an authenticator, its label. */
  destination: string | null;
  codeHmac: string | null;
  salt: string | null;
  /** For an accepted authenticator code: the start of the code's time step (so a replay is recognised). */
  createdAt: number;
  expiresAt: number;
  attempts: number;
  status: 'pending' | 'verified' | 'failed' | 'superseded';
  verifiedAt: number | null;
}

/** Reads of the verification challenges (outside any unit: they only look). */
export interface VerificationReads {
  /** The newest challenge of this agent for this target by this method, whatever its status. */
  latest(agentId: string, targetId: string, method: VerificationMethod): VerificationChallenge | null;
  /** This agent's successes for this target verified at or after `since`. */
  verifiedSince(agentId: string, targetId: string, since: number): VerificationChallenge[];
  /** The newest authenticator success for this target by any agent (a code accepted once is not accepted again). */
  lastTotpSuccess(targetId: string): VerificationChallenge | null;
  /** How many codes were sent to this target by this method at or after `since`, whoever sent them (a failed send counts: it was tried). */
  sentSince(targetId: string, method: VerificationMethod, since: number): number;
}

/** One local transaction over the challenges: its reads, writes and audit commit together. */
export interface VerificationUnit extends VerificationReads {
  readonly now: number;
  /** Marks every pending challenge of this agent, target and method superseded. */
  supersede(agentId: string, targetId: string, method: VerificationMethod): void;
  insert(challenge: VerificationChallenge): void;
  update(id: string, change: Pick<VerificationChallenge, 'attempts' | 'status' | 'verifiedAt'>): void;
  /** A code whose send failed: still pending, it is closed (superseded) so it can never be checked; it still counts as sent. */
  withdraw(id: string): void;
  audit(draft: AuditDraft): void;
}

export interface VerificationStore extends VerificationReads {
  /** Queued like every other unit on the local file, so it never joins one that is open. */
  unit<T>(work: (tx: VerificationUnit) => T): Promise<T>;
  /**
   * Runs `work` (a step on another store, such as making the tenant's code
   * pepper in the keychain) while holding the local file's write lock, so
   * other processes on the file wait for it. It reads and writes nothing of
   * the file; its failure is passed on.
   */
  serialise<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * One temporary password as the local file keeps it, from its issue to its end
 * (times in ms). The life's state is derived from these by
 * main/reset/temporary-password-life.ts, never stored: expiry is only a time.
 */
export interface TemporaryPasswordRecord {
  id: number;
  targetId: string;
  targetUpn: string;
  issuedAt: number;
  issuedById: string;
  issuedByUpn: string;
  expiresAt: number | null;
  /** 'screen', or the masked address or phone it was sent to. */
  deliveredTo: string | null;
  /** The reset asked for a change at next sign-in. */
  forceChange: boolean;
  firstUsedAt: number | null;
  changedAt: number | null;
  supersededAt: number | null;
}

export type TemporaryPasswordIssue = Pick<
  TemporaryPasswordRecord,
  'targetId' | 'targetUpn' | 'issuedAt' | 'issuedById' | 'issuedByUpn' | 'expiresAt' | 'deliveredTo' | 'forceChange'
>;

/**
 * The temporary passwords' life. "Open" means neither replaced by the user nor
 * superseded by another reset (an expired one stays open: it still needs a
 * follow-up call); a user has at most one open at a time.
 */
export interface TemporaryPasswordStore {
  /**
   * A new one; the user's open one, if any, is superseded at the same time.
   * Joins the transaction that is open (the embedded reset's own), else runs as one.
   */
  issue(entry: TemporaryPasswordIssue): number;
  /** The user's most recent one, whatever its state. */
  latest(targetId: string): TemporaryPasswordRecord | null;
  /** Open ones, oldest first (for follow-up calls). */
  open(page: { limit: number; offset: number }): TemporaryPasswordRecord[];
  countOpen(): number;
  /**
   * The users with an open one, oldest first, at most `max` (a search filter:
   * "temporary password not yet changed").
   */
  openTargetIds(max: number): string[];
  /** The user signed in with their open one (the first time only); false when none was open. */
  markFirstUse(targetId: string, at: number): boolean;
  /** The user replaced their open one with their own password; false when none was open. */
  markChanged(targetId: string, at: number): boolean;
}

/**
 * The app's own values kept in the local file by key (not tenant settings:
 * those reach the renderer). The sample outbox's TLS key lives here: it
 * serves loopback only, and nothing of it leaves main.
 */
export interface AppSettingsStore {
  get(key: string): string | null;
  /** null removes the key. */
  set(key: string, value: string | null): void;
}

/** The last passwords of each user as scrypt hashes (never a password), for the tenant's history rule. */
export interface PasswordHistoryStore {
  /** Newest first, at most `limit`. */
  recent(userId: string, limit: number): string[];
  /** The embedded directory's current hash of this user, when the local file holds the user; else null. */
  currentHash(userId: string): string | null;
  /** Records a hash and keeps only the newest `keep` of this user, in one local transaction. */
  add(userId: string, hash: string, setAt: number, keep: number): Promise<void>;
}

/**
 * One message the sample's local outbox received, as the local file keeps it:
 * sealed whole (sender, recipients, subject, text), never in clear; only when
 * it arrived and by which channel are plain, for the bound and the order.
 */
export interface KeptOutboxRecord {
  id: string;
  receivedAt: number;
  channel: 'email' | 'sms';
  sealed: string;
}

/** How many kept messages stay: the newest `keep`, none received before `since` (ms). */
export interface KeptOutboxBound {
  keep: number;
  since: number;
}

export interface KeptOutboxStore {
  /** Keeps one and drops those past the bound, in one local transaction (queued behind any unit that is open). */
  add(record: KeptOutboxRecord, bound: KeptOutboxBound): Promise<void>;
  /** Newest first, within the bound. */
  list(bound: KeptOutboxBound): KeptOutboxRecord[];
}

/** The local file as the layers above see it. */
export interface LocalStore {
  readonly path: string;
  readonly clock: () => number;
  readonly tenant: TenantStore;
  readonly audit: AuditLog;
  readonly profiles: ProfileStore;
  readonly passwordHistory: PasswordHistoryStore;
  readonly temporaryPasswords: TemporaryPasswordStore;
  /** Caller-verification challenges (codes as HMACs only), whatever directory holds the users. */
  readonly verifications: VerificationStore;
  /** The app's own values by key (the sample outbox's loopback TLS key). */
  readonly appSettings: AppSettingsStore;
  /** What the sample's local outbox received, sealed (main/delivery/outbox/kept-outbox.ts seals and opens it). */
  readonly outbox: KeptOutboxStore;
  /** Changes a setting and audits it in one local transaction (who may do so is decided above). */
  updateTenant(update: TenantUpdate, audit: AuditDraft): Promise<void>;
  close(): void;
}
