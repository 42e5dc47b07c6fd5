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
import type { LocalStore, TenantUpdate } from '../../domain/local-store';
import type { AuditDraft } from '../../domain/types';

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
  #local: LocalStore | undefined;

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
    const run = async (): Promise<T> => {
      if (this.db.inTransaction) throw new Error('an asynchronous transaction inside another transaction');
      this.#asyncOpen = true;
      this.#secretReplaced = false;
      try {
        this.db.exec('BEGIN IMMEDIATE');
        const result = await work();
        this.db.exec('COMMIT'); // where a full disk usually shows: the WAL grows at commit
        if (this.#secretReplaced) this.#scrubWal();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw translateLocalFileError(error, this.path);
      } finally {
        this.#asyncOpen = false;
        this.#secretReplaced = false;
      }
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** The local file as every directory shares it: tenant settings and the audit trail. */
  get local(): LocalStore {
    this.#local ??= {
      path: this.path,
      clock: this.clock,
      tenant: this.tenant,
      audit: {
        // An append from outside a unit must not join a unit that is open (awaiting a
        // step) and roll back with it: then it waits its turn as a unit of its own.
        append: (draft, at) => {
          if (!this.#asyncOpen) return this.audit.append(draft, at);
          void this.transactAsync(async () => this.audit.append(draft, at));
        },
        list: (query) => this.audit.list(query),
        count: (filter, cap) => this.audit.count(filter, cap),
        each: (filter) => this.audit.each(filter),
        intend: (draft, at, lease) => {
          if (this.#asyncOpen) throw new Error('an intent is recorded before the remote change, outside any unit');
          return this.audit.intend(draft, at, lease);
        },
        // Like append, never joined to a unit that is open: then it waits its turn, and still answers who won.
        settle: (draft, at) => (this.#asyncOpen ? this.transactAsync(() => this.audit.settle(draft, at)) : this.audit.settle(draft, at)),
        openIntents: () => this.audit.openIntents(),
      },
      profiles: this.profiles,
      passwordHistory: {
        recent: (userId, limit) => this.passwordHistory.recent(userId, limit),
        currentHash: (userId) => this.passwordHistory.currentHash(userId),
        // Its own unit, queued behind any that is open (the insert and the prune commit together).
        add: (userId, hash, setAt, keep) => this.transactAsync(async () => this.passwordHistory.add(userId, hash, setAt, keep)),
      },
      appSettings: this.appSettings,
      outbox: {
        // Its own unit, queued: a message arrives whenever a sender sends, whatever unit is open.
        add: (record, bound) => this.transactAsync(async () => this.outbox.add(record, bound)),
        list: (bound) => this.outbox.list(bound),
      },
      temporaryPasswords: {
        // Joins the unit that is open: the engine issues inside the embedded reset's own transaction.
        issue: (entry) => this.temporaryPasswords.issue(entry),
        latest: (targetId) => this.temporaryPasswords.latest(targetId),
        open: (page) => this.temporaryPasswords.open(page),
        countOpen: () => this.temporaryPasswords.countOpen(),
        openTargetIds: (max) => this.temporaryPasswords.openTargetIds(max),
        // Observations from outside any unit (an LDAP user read): like audit.append, never
        // joined to a unit that happens to be open; the embedded sign-in marks through its own unit.
        markFirstUse: (targetId, at) => {
          if (!this.#asyncOpen) return this.temporaryPasswords.markFirstUse(targetId, at);
          void this.transactAsync(async () => this.temporaryPasswords.markFirstUse(targetId, at));
          return true;
        },
        markChanged: (targetId, at) => {
          if (!this.#asyncOpen) return this.temporaryPasswords.markChanged(targetId, at);
          void this.transactAsync(async () => this.temporaryPasswords.markChanged(targetId, at));
          return true;
        },
      },
      verifications: {
        latest: (agentId, targetId, method) => this.verifications.latest(agentId, targetId, method),
        verifiedSince: (agentId, targetId, since) => this.verifications.verifiedSince(agentId, targetId, since),
        lastTotpSuccess: (targetId) => this.verifications.lastTotpSuccess(targetId),
        sentSince: (targetId, method, since) => this.verifications.sentSince(targetId, method, since),
        // A unit of its own, queued: a check's state change and its audit commit together.
        unit: (work) =>
          this.transactAsync(async () => {
            const repo = this.verifications;
            return work({
              now: this.clock(),
              latest: (a, t, m) => repo.latest(a, t, m),
              verifiedSince: (a, t, since) => repo.verifiedSince(a, t, since),
              lastTotpSuccess: (t) => repo.lastTotpSuccess(t),
              sentSince: (t, m, since) => repo.sentSince(t, m, since),
              supersede: (a, t, m) => repo.supersede(a, t, m),
              insert: (challenge) => repo.insert(challenge),
              update: (id, change) => repo.update(id, change),
              withdraw: (id) => repo.withdraw(id),
              audit: (draft) => this.audit.append(draft, this.clock()),
            });
          }),
        // The IMMEDIATE transaction is the lock; it always commits (a write of this process
        // that joined it meanwhile is kept), and the work's own failure is thrown after.
        serialise: async (work) => {
          const settled = await this.transactAsync(() => work().then((value) => ({ value }), (error: unknown) => ({ error })));
          if ('error' in settled) throw settled.error;
          return settled.value;
        },
      },
      updateTenant: (update: TenantUpdate, audit: AuditDraft) =>
        this.transactAsync(async () => {
          const now = this.clock();
          this.audit.append(audit, now);
          this.tenant.update(update, now);
        }),
      close: () => this.close(),
    };
    return this.#local;
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
