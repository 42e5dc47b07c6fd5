import type { Database } from 'better-sqlite3';
import type { Clock } from '../../clock';
import { systemClock } from '../../clock';
import { AuditRepo } from './audit-repo';
import { openDatabase, type OpenDatabaseOptions } from './database';
import { UserSearch } from './search';
import { GroupsRepo } from './groups-repo';
import { TenantRepo } from './tenant-repo';
import { UsersRepo, type UserRecord } from './users-repo';
import type { UserRef } from '../directory';

/**
 * The local SQLite file: the embedded directory, tenant settings and the audit
 * trail. All SQL lives in the repos it holds; this class only opens, closes and
 * runs transactions.
 */
export class DirectoryStore {
  readonly db: Database;
  readonly path: string;
  readonly clock: Clock;
  readonly tenant: TenantRepo;
  readonly users: UsersRepo;
  readonly groups: GroupsRepo;
  readonly audit: AuditRepo;
  readonly search: UserSearch;
  /** A password hash was replaced in the transaction now running. */
  #secretReplaced = false;

  private constructor(db: Database, path: string, clock: Clock) {
    this.db = db;
    this.path = path;
    this.clock = clock;
    this.tenant = new TenantRepo(db);
    this.users = new UsersRepo(db, () => (this.#secretReplaced = true));
    this.groups = new GroupsRepo(db);
    this.audit = new AuditRepo(db);
    this.search = new UserSearch(db);
  }

  static open(path: string, options: OpenDatabaseOptions & { clock?: Clock } = {}): DirectoryStore {
    return new DirectoryStore(openDatabase(path, options), path, options.clock ?? systemClock);
  }

  /** Runs `work` in one IMMEDIATE transaction: it takes the write lock up front, so
   *  a read-decide-write sequence cannot interleave with another writer. */
  transaction<T>(work: () => T): T {
    if (this.db.inTransaction) return this.db.transaction(work)(); // nested: a savepoint; the outer one scrubs
    this.#secretReplaced = false;
    try {
      const result = this.db.transaction(work).immediate();
      if (this.#secretReplaced) this.#scrubWal();
      return result;
    } finally {
      this.#secretReplaced = false;
    }
  }

  /**
   * secure_delete zeroes the old hash in the database file, but the WAL still
   * holds earlier copies of the page until it is rewritten. After a transaction
   * that replaced a hash, copy the WAL into the file and truncate it to zero
   * bytes. Passwords change at human pace, so the extra fsync is cheap. When a
   * reader in another process holds an old snapshot past the busy timeout,
   * SQLite reports the checkpoint busy instead of truncating, and the next
   * scrub finishes it.
   */
  #scrubWal(): void {
    if (this.db.memory) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  findUser(ref: UserRef, now = this.clock()): UserRecord | undefined {
    return 'upn' in ref ? this.users.byUpn(ref.upn, now) : this.users.byId(ref.id, now);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
