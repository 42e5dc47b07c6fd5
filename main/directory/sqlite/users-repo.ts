import type { Database, Statement } from 'better-sqlite3';
import type { LockoutState } from '../../domain/lockout';
import { searchIndexWriter, type SearchIndexWriter } from './search-index';
import { sortName, type SearchableUser } from './search-keys';
import { contactMethodsOf, publicContactFields, type StoredAuthMethod } from '../contact-methods';
import { RowBatch } from './row-batch';
import type { NewUser } from '../../domain/new-user';
import type { DirectoryUser, DomainType, GuestHome, Source, UserSummary, UserType } from '../../domain/types';

/**
 * A user as the store holds it: the public shape plus what must never leave the
 * main process (the hash, the recent wrong-password digests).
 */
export interface UserRecord extends DirectoryUser {
  rowid: number;
  passwordHash: string | null;
  tempPasswordExpiresAt: number | null;
  lockedUntilMs: number | null;
  recentBadDigests: string[];
  /** Registered methods with their values in clear: masked in contactMethods, never public. */
  authMethods: StoredAuthMethod[];
}

export interface UserRow {
  rowid: number;
  object_id: string;
  upn: string;
  display_name: string;
  given_name: string | null;
  surname: string | null;
  mail: string | null;
  mobile_phone: string | null;
  business_phone: string | null;
  department: string | null;
  job_title: string | null;
  source: Source;
  user_type: UserType;
  guest_home: GuestHome | null;
  domain: string;
  domain_type: DomainType;
  admin_count: 0 | 1;
  account_enabled: number;
  password_hash: string | null;
  password_last_set: number | null;
  force_change_next_sign_in: number;
  password_never_expires: number;
  temp_password_expires_at: number | null;
  failed_attempts: number;
  locked_until: number | null;
  lockout_count: number;
  recent_bad_digests: string;
  created_at: number;
  updated_at: number;
  roles_json: string;
  methods_json: string;
}

/**
 * The columns every user read selects: the row, its domain type, its roles and
 * its registered methods. All three are correlated subqueries, each ordered by
 * an index: a JOIN on domains cost eight times as much per row here (45 µs
 * against 6), and an ORDER BY inside json_group_array sorts in a temporary
 * B-tree for every row. Search reads a page of users at a time, so it adds up.
 */
export const USER_COLUMNS = `u.*, (SELECT d.type FROM domains d WHERE d.name = u.domain) AS domain_type,
  (SELECT json_group_array(role) FROM (SELECT r.role FROM role_assignments r WHERE r.user_rowid = u.rowid ORDER BY r.role)) AS roles_json,
  (SELECT json_group_array(json_object('kind', kind, 'value', value))
     FROM (SELECT m.kind, m.value FROM auth_methods m WHERE m.user_rowid = u.rowid ORDER BY m.id)) AS methods_json`;
export const USER_FROM = 'users u';

/** What a search result row reads: the list's columns, its domain type and roles; no methods, no secrets. */
export interface SummaryRow {
  object_id: string;
  upn: string;
  display_name: string;
  mail: string | null;
  department: string | null;
  source: Source;
  user_type: UserType;
  domain_type: DomainType;
  admin_count: 0 | 1;
  account_enabled: number;
  locked_until: number | null;
  roles_json: string;
  /** The user's alternate e-mail methods: the profile mail is masked when it is one of them. */
  alternate_mails_json: string;
}

/**
 * The columns of a search result (UserSummary): its domain type and roles for
 * the badges, and only the alternate-mail methods (to mask a mail that is one).
 */
export const SUMMARY_COLUMNS = `u.object_id, u.upn, u.display_name, u.mail, u.department, u.source, u.user_type,
  u.admin_count, u.account_enabled, u.locked_until,
  (SELECT d.type FROM domains d WHERE d.name = u.domain) AS domain_type,
  (SELECT json_group_array(role) FROM (SELECT r.role FROM role_assignments r WHERE r.user_rowid = u.rowid ORDER BY r.role)) AS roles_json,
  CASE WHEN u.mail IS NULL THEN '[]' ELSE (SELECT json_group_array(m.value) FROM auth_methods m
    WHERE m.user_rowid = u.rowid AND m.kind = 'alternateEmail') END AS alternate_mails_json`;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toRecord(row: UserRow, now: number): UserRecord {
  const lockedUntil = row.locked_until !== null && row.locked_until > now ? row.locked_until : null;
  const authMethods = JSON.parse(row.methods_json) as StoredAuthMethod[];
  const contact = { mail: row.mail, mobilePhone: row.mobile_phone, businessPhone: row.business_phone };
  return {
    id: row.object_id,
    upn: row.upn,
    displayName: row.display_name,
    givenName: row.given_name,
    surname: row.surname,
    mail: row.mail,
    mobilePhone: row.mobile_phone,
    businessPhone: row.business_phone,
    contactMethods: contactMethodsOf(contact, authMethods),
    department: row.department,
    jobTitle: row.job_title,
    source: row.source,
    userType: row.user_type,
    guestHome: row.guest_home,
    domain: row.domain,
    domainType: row.domain_type,
    adminCount: row.admin_count,
    roles: JSON.parse(row.roles_json) as string[],
    enabled: row.account_enabled === 1,
    locked: lockedUntil !== null,
    lockedUntil: iso(lockedUntil),
    failedAttempts: row.failed_attempts,
    lockoutCount: row.lockout_count,
    forceChangeNextSignIn: row.force_change_next_sign_in === 1,
    passwordNeverExpires: row.password_never_expires === 1,
    passwordLastSet: iso(row.password_last_set),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    rowid: row.rowid,
    passwordHash: row.password_hash,
    tempPasswordExpiresAt: row.temp_password_expires_at,
    lockedUntilMs: row.locked_until,
    recentBadDigests: JSON.parse(row.recent_bad_digests) as string[],
    authMethods,
  };
}

/** A search result: the same facts as toPublicUser gives for these fields, `locked` as of `now`. */
export function toSummary(row: SummaryRow, now: number): UserSummary {
  const lockedUntil = row.locked_until !== null && row.locked_until > now ? row.locked_until : null;
  return {
    id: row.object_id,
    upn: row.upn,
    displayName: row.display_name,
    mail: row.alternate_mails_json === '[]' ? row.mail : maskedMail(row.mail, row.alternate_mails_json),
    department: row.department,
    source: row.source,
    userType: row.user_type,
    domainType: row.domain_type,
    adminCount: row.admin_count,
    roles: row.roles_json === '[]' ? [] : (JSON.parse(row.roles_json) as string[]),
    enabled: row.account_enabled === 1,
    locked: lockedUntil !== null,
    lockedUntil: iso(lockedUntil),
  };
}

function maskedMail(mail: string | null, alternateMailsJson: string): string | null {
  const methods = (JSON.parse(alternateMailsJson) as string[]).map((value): StoredAuthMethod => ({ kind: 'alternateEmail', value }));
  return publicContactFields({ mail, mobilePhone: null, businessPhone: null }, methods).mail;
}

/** Strips everything secret and masks verification values: the only way a user leaves the store. */
export function toPublicUser(record: UserRecord): DirectoryUser {
  const { rowid, passwordHash, tempPasswordExpiresAt, lockedUntilMs, recentBadDigests, authMethods, ...user } = record;
  return { ...user, ...publicContactFields(user, authMethods) };
}

/** The domain part of a UPN: guests' `x#EXT#@tenant.onmicrosoft.com` live in the tenant's domain. */
export function domainOfUpn(upn: string): string {
  return upn.slice(upn.lastIndexOf('@') + 1).toLowerCase();
}

export interface PasswordWrite {
  hash: string;
  forceChangeNextSignIn: boolean;
  tempPasswordExpiresAt: number | null;
}


/** Prepared statements for one user at a time. Multi-step changes run in the store's transactions. */
export class UsersRepo {
  readonly #byUpn: Statement<[string], UserRow>;
  readonly #byId: Statement<[string], UserRow>;
  readonly #insert: Statement;
  readonly #setPassword: Statement;
  readonly #setLockout: Statement;
  readonly #rehash: Statement;
  readonly #count: Statement<[], { n: number }>;
  readonly #onSecretWrite: () => void;
  readonly #searchIndex: SearchIndexWriter;

  /** `onSecretWrite` is told whenever a password hash is replaced, so the store can scrub the WAL after commit. */
  readonly #db: Database;

  constructor(db: Database, onSecretWrite: () => void = () => {}) {
    this.#db = db;
    this.#onSecretWrite = onSecretWrite;
    this.#byUpn = db.prepare(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.upn = ?`);
    this.#byId = db.prepare(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.object_id = ?`);
    // Positional: binding 26 values by name from a spread object cost a tenth of a million-user load.
    this.#insert = db.prepare(`
      INSERT INTO users (object_id, upn, display_name, given_name, surname, mail, mobile_phone, business_phone,
        department, job_title, source, user_type, guest_home, domain, admin_count, account_enabled,
        password_hash, password_last_set, force_change_next_sign_in, password_never_expires,
        failed_attempts, locked_until, lockout_count, created_at, updated_at, sort_name)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#searchIndex = searchIndexWriter(db);
    // A new password also unlocks and clears the smart-lockout memory (Entra: a reset unlocks).
    this.#setPassword = db.prepare(`
      UPDATE users SET password_hash = @hash, password_last_set = @now,
        force_change_next_sign_in = @forceChange, temp_password_expires_at = @expiresAt,
        failed_attempts = 0, locked_until = NULL, lockout_count = 0, recent_bad_digests = '[]',
        updated_at = @now
      WHERE rowid = @rowid`);
    this.#setLockout = db.prepare(`
      UPDATE users SET failed_attempts = @failedAttempts, locked_until = @lockedUntil,
        lockout_count = @lockoutCount, recent_bad_digests = @digests, updated_at = @now
      WHERE rowid = @rowid`);
    // Re-hashing at sign-in (stronger parameters) changes nothing the user can see.
    this.#rehash = db.prepare('UPDATE users SET password_hash = ? WHERE rowid = ?');
    this.#count = db.prepare('SELECT count(*) AS n FROM users');
  }

  byUpn(upn: string, now: number): UserRecord | undefined {
    const row = this.#byUpn.get(upn);
    return row && toRecord(row, now);
  }

  byId(id: string, now: number): UserRecord | undefined {
    const row = this.#byId.get(id);
    return row && toRecord(row, now);
  }

  count(): number {
    return this.#count.get()?.n ?? 0;
  }

  /** The user's authenticator app with its sealed TOTP secret (issue 11: caller verification), or null. */
  authenticatorOf(rowid: number): { label: string; sealed: string } | null {
    const row = this.#db
      .prepare<[number], { value: string; secret_sealed: string }>(
        `SELECT value, secret_sealed FROM auth_methods WHERE user_rowid = ? AND kind = 'authenticatorApp'
           AND secret_sealed IS NOT NULL ORDER BY id DESC LIMIT 1`,
      )
      .get(rowid);
    return row ? { label: row.value, sealed: row.secret_sealed } : null;
  }

  /**
   * Registers an authenticator app with its sealed secret, replacing any the
   * user had (one authenticator per user: a new phone replaces the old one).
   */
  registerAuthenticator(rowid: number, label: string, sealed: string, now: number): void {
    this.#db.prepare("DELETE FROM auth_methods WHERE user_rowid = ? AND kind = 'authenticatorApp'").run(rowid);
    this.#db
      .prepare(
        "INSERT INTO auth_methods (user_rowid, kind, value, answer_hash, secret_sealed, created_at) VALUES (?, 'authenticatorApp', ?, NULL, ?, ?)",
      )
      .run(rowid, label, sealed, now);
  }

  /**
   * Inserts users (init, the sample): each user row at once, since its rowid is needed right
   * away, but roles and methods a hundred rows a statement (RowBatch). Call flush() after the
   * last user, inside the same transaction.
   */
  bulkWriter(): { insert(user: NewUser, passwordHash: string | null): number; flush(): void } {
    const roles = new RowBatch(this.#db, 'INSERT INTO role_assignments (user_rowid, role)', 2);
    const methods = new RowBatch(this.#db, 'INSERT INTO auth_methods (user_rowid, kind, value, answer_hash, created_at)', 5);
    return {
      insert: (user, passwordHash) => {
        const rowid = this.#insertRow(user, passwordHash);
        const created = Date.parse(user.createdAt);
        for (const role of user.roles) roles.add(rowid, role);
        for (const method of user.authMethods) methods.add(rowid, method.kind, method.value, null, created);
        return rowid;
      },
      flush: () => {
        roles.flush();
        methods.flush();
      },
    };
  }

  /** The user's own row and its search keys; roles and methods are the caller's. */
  #insertRow(user: NewUser, passwordHash: string | null): number {
    const iso = (t: string | null) => (t === null ? null : Date.parse(t));
    const createdAt = Date.parse(user.createdAt);
    const { lastInsertRowid } = this.#insert.run(
      user.id, user.upn, user.displayName, user.givenName, user.surname, user.mail, user.mobilePhone, user.businessPhone,
      user.department, user.jobTitle, user.source, user.userType, user.guestHome, domainOfUpn(user.upn), user.adminCount,
      user.enabled ? 1 : 0, passwordHash, iso(user.passwordLastSet), user.forceChangeNextSignIn ? 1 : 0,
      user.passwordNeverExpires ? 1 : 0, user.failedAttempts, iso(user.lockedUntil), user.lockoutCount, createdAt, createdAt,
      sortName(user.displayName),
    );
    this.#searchIndex.index(lastInsertRowid, user);
    return Number(lastInsertRowid);
  }

  setPassword(rowid: number, write: PasswordWrite, now: number): void {
    this.#setPassword.run({
      rowid,
      hash: write.hash,
      forceChange: write.forceChangeNextSignIn ? 1 : 0,
      expiresAt: write.tempPasswordExpiresAt,
      now,
    });
    this.#onSecretWrite();
  }

  rehash(rowid: number, hash: string): void {
    this.#rehash.run(hash, rowid);
    this.#onSecretWrite();
  }

  setLockout(rowid: number, state: LockoutState, now: number): void {
    this.#setLockout.run({
      rowid,
      failedAttempts: state.failedAttempts,
      lockedUntil: state.lockedUntil,
      lockoutCount: state.lockoutCount,
      digests: JSON.stringify(state.recentBadDigests),
      now,
    });
  }
}

/** The columns search checks typed words against (search.ts, search-filtered.ts). */
export type SearchableRow = Pick<
  UserRow,
  'display_name' | 'given_name' | 'surname' | 'upn' | 'mail' | 'department' | 'job_title' | 'mobile_phone' | 'business_phone'
>;

/** A row's searchable fields, as search-keys.ts names them. */
export function searchableOf(row: SearchableRow): SearchableUser {
  return {
    displayName: row.display_name,
    givenName: row.given_name,
    surname: row.surname,
    upn: row.upn,
    mail: row.mail,
    department: row.department,
    jobTitle: row.job_title,
    mobilePhone: row.mobile_phone,
    businessPhone: row.business_phone,
  };
}
