import type { PasswordHasher } from '../reset/hashing';
import { CLEARED_LOCKOUT } from '../reset/lockout';
import type { Secret } from '../reset/secret';
import type { AuditDraft } from './audit-repo';
import type {
  DirectoryTransaction,
  PasswordOptions,
  PreparedPassword,
  UserDirectory,
  UserRef,
} from './directory';
import type { SearchPage, SearchResults } from './search';
import type { DirectoryStore } from './store';
import type { DirectoryUser } from './types';
import { toPublicUser } from './users-repo';

/** The embedded directory prepares a password by hashing it (scrypt, off the event loop). */
class HashedPassword implements PreparedPassword {
  readonly preparedFor = 'sqlite';
  constructor(readonly hash: string) {}
}

/** UserDirectory over the local SQLite file: changes and audit share one transaction. */
export class SqliteUserDirectory implements UserDirectory {
  readonly #store: DirectoryStore;
  readonly #hasher: PasswordHasher;

  constructor(store: DirectoryStore, hasher: PasswordHasher) {
    this.#store = store;
    this.#hasher = hasher;
  }

  get location(): string {
    return this.#store.path;
  }

  async getUser(ref: UserRef): Promise<DirectoryUser | null> {
    const record = this.#store.findUser(ref);
    return record ? toPublicUser(record) : null;
  }

  async searchUsers(query: string, page: SearchPage): Promise<SearchResults> {
    return this.#store.search.search(query, page, this.#store.clock());
  }

  async preparePassword(password: Secret): Promise<PreparedPassword> {
    return new HashedPassword(await this.#hasher.hash(password.reveal()));
  }

  async transact<T>(ref: UserRef, work: (tx: DirectoryTransaction) => T): Promise<T> {
    const store = this.#store;
    return store.transaction(() => {
      const now = store.clock();
      const record = store.findUser(ref, now);
      const tx: DirectoryTransaction = {
        now,
        tenant: store.tenant.get(),
        target: record ? toPublicUser(record) : null,
        accountOf(userId) {
          const agent = store.users.byId(userId, now);
          return agent ? { enabled: agent.enabled, locked: agent.locked, roles: agent.roles } : null;
        },
        setPassword(password: PreparedPassword, options: PasswordOptions) {
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
        unlock() {
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
