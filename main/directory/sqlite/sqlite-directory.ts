import type { PasswordHashing } from '../../domain/password-hashing';
import { CLEARED_LOCKOUT } from '../../domain/lockout';
import { DomainError } from '../../domain/errors';
import type { Secret } from '../../domain/secret';
import type { AuditDraft, DirectoryUser, SearchPage, SearchResults } from '../../domain/types';
import type {
  AdministratorContact,
  ContactPoints,
  DirectoryCapabilities,
  DirectoryKind,
  DirectoryTransaction,
  DirectoryView,
  PasswordOptions,
  PreparedPassword,
  UserDirectory,
  UserRef,
} from '../directory';
import type { AccountsUnit, EmbeddedAccounts, StoredAccount } from '../embedded-accounts';
import { contactPointsOf } from '../contact-methods';
import { SearchWorkerClient } from './search-worker-client';
import type { DirectoryStore } from './store';
import { toPublicUser, type UserRecord } from './users-repo';
import { RoleHoldersRepo } from './role-holders-repo';
import { MAX_NOTIFIED_ADMINISTRATORS } from '../administrators';
import { ROLES } from '../../domain/roles';
import type { UserFilter } from '../../domain/user-filter';

/** The embedded directory prepares a password by hashing it (scrypt, off the event loop). */
class HashedPassword implements PreparedPassword {
  readonly preparedFor = 'sqlite';
  constructor(readonly hash: string) {}
}

export interface SqliteDirectoryOptions {
  /**
   * Search on a worker thread with its own read-only connection (the app), so
   * a search never holds up a reset or a sign-in, nor they a search. Off for
   * the CLI: one search per process, where starting a thread only adds time.
   * An in-memory directory always searches in-process (a thread cannot open it).
   */
  searchInWorker?: boolean;
}

/**
 * The embedded file: Entra-like users (synced copies beside cloud ones) whose
 * passwords it checks itself, in the operator's own file.
 */
const EMBEDDED_CAPABILITIES: DirectoryCapabilities = Object.freeze({
  syncedFromOnPremises: true,
  reportsFirstUse: true,
  readableByFileOwner: true,
});

/**
 * The embedded directory: users in the local SQLite file, each change and its
 * audit in one transaction. Every agent sees it alike, so `as` ignores the
 * credential and the directory is its own view.
 */
export class SqliteUserDirectory implements UserDirectory, DirectoryView {
  readonly kind: DirectoryKind = 'embedded';
  readonly capabilities = EMBEDDED_CAPABILITIES;
  readonly #store: DirectoryStore;
  readonly #hasher: PasswordHashing;
  readonly #searchWorker: SearchWorkerClient | null;
  #roleHolders: RoleHoldersRepo | undefined;

  constructor(store: DirectoryStore, hasher: PasswordHashing, options: SqliteDirectoryOptions = {}) {
    this.#store = store;
    this.#hasher = hasher;
    this.#searchWorker =
      options.searchInWorker && !store.db.memory ? new SearchWorkerClient(store.path, store.clock) : null;
  }

  get location(): string {
    return this.#store.path;
  }

  as(): DirectoryView {
    return this;
  }

  async getUser(ref: UserRef): Promise<DirectoryUser | null> {
    const record = this.#store.findUser(ref);
    return record ? toPublicUser(record) : null;
  }

  async contactPoints(ref: UserRef): Promise<ContactPoints | null> {
    const record = this.#store.findUser(ref);
    if (!record) return null;
    return { ...contactPointsOf(record, record.authMethods), authenticator: this.#store.users.authenticatorOf(record.rowid) };
  }

  /** A new authenticator app, its secret already sealed (UserDirectory.registerAuthenticator: the embedded file keeps such secrets). */
  async registerAuthenticator(ref: UserRef, label: string, sealed: string): Promise<void> {
    await this.#store.transactAsync(async () => {
      const record = this.#store.findUser(ref);
      if (!record) throw new DomainError('USER_NOT_FOUND');
      this.#store.users.registerAuthenticator(record.rowid, label, sealed, this.#store.clock());
    });
  }

  async globalAdministrators(): Promise<AdministratorContact[]> {
    this.#roleHolders ??= new RoleHoldersRepo(this.#store.db);
    return this.#roleHolders.enabledHolders(ROLES.globalAdministrator, MAX_NOTIFIED_ADMINISTRATORS);
  }

  /** With a search thread, a search replaced by a newer one before it ran rejects with SEARCH_SUPERSEDED. */
  async searchUsers(query: string, page: SearchPage, filter?: UserFilter): Promise<SearchResults> {
    if (this.#searchWorker) return this.#searchWorker.search(query, page, filter);
    return this.#store.search.search(query, page, this.#store.clock(), filter);
  }

  /** The search thread, when there is one (diagnostics and tests). */
  get searchWorker(): SearchWorkerClient | null {
    return this.#searchWorker;
  }

  /** Ends the search thread; the store is closed by its owner. */
  async close(): Promise<void> {
    await this.#searchWorker?.close();
  }

  async preparePassword(password: Secret): Promise<PreparedPassword> {
    return new HashedPassword(await this.#hasher.hash(password.reveal()));
  }

  transact<T>(ref: UserRef, work: (tx: DirectoryTransaction) => Promise<T>): Promise<T> {
    const store = this.#store;
    return store.transactAsync(() => {
      const now = store.clock();
      const record = store.findUser(ref, now);
      const tx: DirectoryTransaction = {
        now,
        tenant: store.tenant.get(),
        target: record ? toPublicUser(record) : null,
        async accountOf(userId) {
          const agent = store.users.byId(userId, now);
          return agent ? { enabled: agent.enabled, locked: agent.locked, roles: agent.roles } : null;
        },
        async setPassword(password: PreparedPassword, options: PasswordOptions) {
          if (!record) throw new Error('setPassword without a target');
          if (!(password instanceof HashedPassword)) throw new Error('password was not prepared by this directory');
          store.users.setPassword(
            record.rowid,
            {
              hash: password.hash,
              forceChangeNextSignIn: options.forceChangeNextSignIn,
              tempPasswordExpiresAt: options.expiresAt,
            },
            now,
          );
        },
        async unlock() {
          if (!record) throw new Error('unlock without a target');
          store.users.setLockout(record.rowid, CLEARED_LOCKOUT, now);
        },
        audit(draft: AuditDraft) {
          store.audit.append(draft, now);
        },
      };
      return work(tx);
    });
  }
}

/** A user record as the sign-in port shows it; the record itself stays behind for the writes. */
class RecordAccount implements StoredAccount {
  constructor(readonly record: UserRecord) {}
  get user(): DirectoryUser {
    return toPublicUser(this.record);
  }
  get passwordHash() {
    return this.record.passwordHash;
  }
  get tempPasswordExpiresAt() {
    return this.record.tempPasswordExpiresAt;
  }
  get lockedUntilMs() {
    return this.record.lockedUntilMs;
  }
  get recentBadDigests() {
    return this.record.recentBadDigests;
  }
}

const rowidOf = (account: StoredAccount): number => {
  if (!(account instanceof RecordAccount)) throw new Error('account was not read from this directory');
  return account.record.rowid;
};

/** The embedded accounts over the local file, for main/reset/signin.ts. */
export function embeddedAccounts(store: DirectoryStore): EmbeddedAccounts {
  return {
    read(upn) {
      const record = store.findUser({ upn });
      return record && new RecordAccount(record);
    },
    tenant: () => store.tenant.get(),
    transact<T>(work: (unit: AccountsUnit) => T): Promise<T> {
      return store.transactAsync(async () => {
        const now = store.clock();
        return work({
          now,
          tenant: store.tenant.get(),
          account(upn) {
            const record = store.findUser({ upn }, now);
            return record && new RecordAccount(record);
          },
          setLockout: (account, state) => store.users.setLockout(rowidOf(account), state, now),
          setPassword: (account, password) => store.users.setPassword(rowidOf(account), password, now),
          rehash: (account, hash) => store.users.rehash(rowidOf(account), hash),
          temporaryPasswordUsed: (account) => void store.temporaryPasswords.markFirstUse(account.user.id, now),
          temporaryPasswordReplaced: (account) => void store.temporaryPasswords.markChanged(account.user.id, now),
          audit: (draft) => store.audit.append(draft, now),
        });
      });
    },
  };
}

/**
 * The embedded directory's current hash of a user (null when the file does not
 * hold the user), for the history rule: the directory's own knowledge, handed
 * to the password check by the embedded composition, never a store port.
 */
export function embeddedCurrentHash(store: DirectoryStore): (userId: string) => Promise<string | null> {
  return (userId) => new Promise((resolve) => resolve(store.passwordHistory.currentHash(userId)));
}
