import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../domain/clock';
import { systemClock } from '../../domain/clock';
import { AuditRepo } from './audit-repo';
import { openDatabase, type OpenDatabaseOptions } from './database';
import { UserSearch } from './search';
import { GroupsRepo } from './groups-repo';
import { TenantRepo } from './tenant-repo';
import { ProfilesRepo } from './profiles-repo';
import { AppSettingsRepo } from './app-settings-repo';
import { OutboxRepo } from './outbox-repo';
import { TemporaryPasswordsRepo } from './temporary-passwords-repo';
import { VerificationsRepo } from './verifications-repo';
import { PasswordHistoryRepo } from './password-history-repo';
import { UsersRepo, type UserRecord } from './users-repo';
import { translateLocalFileError } from './local-file-errors';
import type { UserRef } from '../directory';
import type { Stores } from '../../domain/stores';
import { sqliteStores } from './sqlite-stores';

/**
 * The local SQLite file: the embedded directory, tenant settings and the audit
 * trail. All SQL lives in the repos it holds; this class only opens, closes and
 * runs transactions.
 *
 * No SQLite error leaves it raw: a full disk, an I/O error or a damaged file
 * comes out as its DomainError (local-file-errors.ts), after the transaction
 * it broke was rolled back, so nothing is half-written. Inside a transaction a
 * failing statement propagates as it is (SQLite may have rolled the whole
 * transaction back already); the transaction names it on its way out.
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
  readonly profiles: ProfilesRepo;
  readonly appSettings: AppSettingsRepo;
  readonly temporaryPasswords: TemporaryPasswordsRepo;
  readonly verifications: VerificationsRepo;
  readonly passwordHistory: PasswordHistoryRepo;
  readonly outbox: OutboxRepo;
  /** A password hash was replaced in the transaction now running. */
  #secretReplaced = false;
  /** The tail of the queue of asynchronous transactions (see transactAsync). */
  #queue: Promise<unknown> = Promise.resolve();
  #asyncOpen = false;
  #stores: Stores | undefined;
  /** The asynchronous transaction now open, as the async context of its own work knows it. */
  #openUnit: object | null = null;
  readonly #unitContext = new AsyncLocalStorage<object>();

  private constructor(db: Database, path: string, clock: Clock) {
    this.db = db;
    this.path = path;
    this.clock = clock;
    const named = <R extends object>(repo: R) => namingFailures(repo, db, path);
    this.tenant = named(new TenantRepo(db));
    this.users = named(new UsersRepo(db, () => (this.#secretReplaced = true)));
    this.groups = named(new GroupsRepo(db));
    this.audit = named(new AuditRepo(db));
    this.search = named(new UserSearch(db));
    this.profiles = named(new ProfilesRepo(db));
    this.appSettings = named(new AppSettingsRepo(db));
    this.temporaryPasswords = named(new TemporaryPasswordsRepo(db));
    this.verifications = named(new VerificationsRepo(db));
    this.passwordHistory = named(new PasswordHistoryRepo(db));
    this.outbox = named(new OutboxRepo(db));
  }

  static open(path: string, options: OpenDatabaseOptions & { clock?: Clock } = {}): DirectoryStore {
    return new DirectoryStore(openDatabase(path, options), path, options.clock ?? systemClock);
  }

  /** Runs `work` in one IMMEDIATE transaction: it takes the write lock up front, so
   *  a read-decide-write sequence cannot interleave with another writer. */
  transaction<T>(work: () => T): T {
    // A synchronous transaction would join the asynchronous one now open and commit or roll back with it.
    if (this.#asyncOpen) throw new Error('a synchronous transaction inside an asynchronous one');
    if (this.db.inTransaction) return this.db.transaction(work)(); // nested: a savepoint; the outer one scrubs
    this.#secretReplaced = false;
    try {
      const result = this.db.transaction(work).immediate(); // rolled back by better-sqlite3 on a throw
      if (this.#secretReplaced) this.#scrubWal();
      return result;
    } catch (error) {
      throw translateLocalFileError(error, this.path);
    } finally {
      this.#secretReplaced = false;
    }
  }

  /**
   * One IMMEDIATE transaction around asynchronous work (the reset engine's units
   * and sign-ins, whose steps are awaited through the provider-neutral
   * interfaces). better-sqlite3's transactions cannot span an await, so this
   * one is opened and closed by hand, and the units are queued: while one is
   * open no other unit of this connection runs, so nothing joins it by
   * accident. The work's awaits here are on steps the embedded directory does
   * synchronously, so the write lock is held for microseconds, as before.
   */
  transactAsync<T>(work: () => Promise<T>): Promise<T> {
    // Called from the open unit's own work (a port's step inside a reset), it is part of that unit:
    // queued behind it, it would wait for itself.
    if (this.insideUnit) return work();
    const run = async (): Promise<T> => {
      if (this.db.inTransaction) throw new Error('an asynchronous transaction inside another transaction');
      this.#asyncOpen = true;
      this.#secretReplaced = false;
      const unit = {};
      this.#openUnit = unit;
      try {
        this.db.exec('BEGIN IMMEDIATE');
        const result = await this.#unitContext.run(unit, work);
        this.db.exec('COMMIT'); // where a full disk usually shows: the WAL grows at commit
        if (this.#secretReplaced) this.#scrubWal();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw translateLocalFileError(error, this.path);
      } finally {
        this.#asyncOpen = false;
        this.#openUnit = null;
        this.#secretReplaced = false;
      }
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** The store ports over this file (sqlite-stores.ts), made once. */
  get stores(): Stores {
    this.#stores ??= sqliteStores({
      clock: this.clock,
      repos: this,
      units: {
        transactAsync: (work) => this.transactAsync(work),
        write: (work) => this.write(work),
        insideUnit: () => this.insideUnit,
      },
      close: async () => this.close(),
    });
    return this.#stores;
  }

  /**
   * True when the caller is the open unit's own work (any of its awaits): its
   * async context is that unit's. Work beside it (another handler's
   * continuation running while the unit awaits) is not, even on the same
   * connection, so it never slips into the unit and rolls back with it.
   */
  get insideUnit(): boolean {
    return this.#openUnit !== null && this.#unitContext.getStore() === this.#openUnit;
  }

  /**
   * One write of a store port: inside the open unit it joins it; beside an
   * open unit it waits its turn as a unit of its own (queued); with none open
   * it runs now as its own IMMEDIATE transaction. A failure is a rejection.
   */
  write<T>(work: () => T): Promise<T> {
    if (this.insideUnit) return new Promise<T>((resolve) => resolve(work()));
    if (!this.#asyncOpen) return new Promise<T>((resolve) => resolve(this.transaction(work)));
    return this.transactAsync(async () => work());
  }

  /**
   * secure_delete zeroes the old hash in the database file, but the WAL still
   * holds earlier copies of the page until it is rewritten. After a transaction
   * that replaced a hash, copy the WAL into the file and truncate it to zero
   * bytes. Passwords change at human pace, so the extra fsync is cheap. When a
   * reader in another process holds an old snapshot past the busy timeout,
   * SQLite reports the checkpoint busy instead of truncating, and the next
   * scrub finishes it. It runs after the commit, so it must not fail the
   * change: a checkpoint the disk has no room for (or cannot write) is left
   * to the next scrub too.
   */
  #scrubWal(): void {
    if (this.db.memory) return;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      if (translateLocalFileError(error, this.path) === error) throw error;
    }
  }

  findUser(ref: UserRef, now = this.clock()): UserRecord | undefined {
    return 'upn' in ref ? this.users.byUpn(ref.upn, now) : this.users.byId(ref.id, now);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * The repo, its calls made outside any transaction answering the local file's
 * failures as DomainErrors (a statement on its own is its own transaction, and
 * SQLite undid it). Inside a transaction the error is left to the transaction,
 * which rolls back first. Iterators (an audit export) are named as they are read.
 */
function namingFailures<R extends object>(repo: R, db: Database, path: string): R {
  const named = <T>(outside: boolean, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      throw outside ? translateLocalFileError(error, path) : error;
    }
  };
  return new Proxy(repo, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        // Decided before the call: a failing statement may end the transaction it ran in.
        const outside = !db.inTransaction;
        const result = named(outside, () => value.apply(target, args) as unknown);
        // A repo method asynchronous in its type only (the audit's settle) fails as a rejection.
        if (result instanceof Promise) return outside ? result.catch((error: unknown) => Promise.reject(translateLocalFileError(error, path))) : result;
        if (!isIterator(result)) return result;
        return (function* () {
          try {
            for (let step = named(outside, () => result.next()); !step.done; step = named(outside, () => result.next())) yield step.value;
          } finally {
            result.return?.(); // a reader that stops early frees the statement
          }
        })();
      };
    },
  });
}

function isIterator(value: unknown): value is Iterator<unknown> & Iterable<unknown> {
  return typeof (value as { next?: unknown } | null)?.next === 'function' && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
}
