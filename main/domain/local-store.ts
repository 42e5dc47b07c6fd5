/**
 * The local file's part that every directory shares: tenant settings and the
 * audit trail stay in the local SQLite file whether users live in it (the
 * embedded directory) or in Active Directory / OpenLDAP. These are the ports the
 * rules, the handlers, the CLI and the LDAP providers use; the SQLite repos in
 * main/directory/sqlite/ implement them.
 */
import type { AuditAction, AuditDraft, AuditEvent, TenantSettings } from './types';

/** Which events: every field optional, all given ones must match. */
export interface AuditFilter {
  /** The whole UPN (case-insensitive). */
  targetUpn?: string;
  actorUpn?: string;
  /** Part of a UPN, as the agent types it (case-insensitive). */
  targetContains?: string;
  actorContains?: string;
  action?: AuditAction;
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
   * and is its outcome; an intent no outcome names was cut short (the process
   * died in between) and is resolved at the next start by reading the directory.
   */
  intend(draft: AuditDraft, at: number): number;
  /** Intents that no outcome names yet, oldest first. */
  openIntents(): AuditEvent[];
}

/** The editable tenant settings, by the names the CLI and IPC use. */
export interface TenantUpdate {
  passwordWriteback?: boolean;
  temporaryPasswordLifetimeDays?: number | null;
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

/** The local file as the layers above see it. */
export interface LocalStore {
  readonly path: string;
  readonly clock: () => number;
  readonly tenant: TenantStore;
  readonly audit: AuditLog;
  readonly profiles: ProfileStore;
  /** Changes a setting and audits it in one local transaction (who may do so is decided above). */
  updateTenant(update: TenantUpdate, audit: AuditDraft): Promise<void>;
  close(): void;
}
