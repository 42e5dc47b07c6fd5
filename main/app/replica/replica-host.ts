/**
 * Main's side of a profile's replica while an agent is signed in: starts the
 * sync thread (sync-worker.ts) with how to bind, asks it for a sync now and
 * every `intervalMs` after (so a change made in the directory is found within
 * a minute), waits out a failure's backoff (recorded in the store, so the app
 * and the CLI agree on it), and says where things stand (status()). Stopped
 * when the session ends: the thread and the password it held are gone.
 *
 * Nothing here waits for the directory: the window's thread only posts
 * messages and reads one row of state.
 */
import { Worker } from 'node:worker_threads';
import type { FeedProgress } from '../../directory/replica-feed';
import type { LdapProfile } from '../../directory/ldap/profile';
import type { ReplicaStore } from '../../directory/sqlite/replica-store';
import { workerEntry } from '../../directory/worker-entry';
import { failureStatusOf, type ReplicaStatus } from '../../domain/replica-status';
import { retryAfterMs, type SyncOptions, type SyncReport } from './replica-sync';
import type { SyncAnswer, SyncRequest, SyncWorkerData } from './sync-protocol';

/** How often the replica is brought up to date while an agent is signed in. */
export const SYNC_EVERY_MS = 30_000;

export interface ReplicaHostOptions {
  dbPath: string;
  profile: LdapProfile;
  /** Main's connection: state reads only (the thread writes). */
  replicas: ReplicaStore;
  clock: () => number;
  intervalMs?: number;
}

interface Waiter {
  resolve(report: SyncReport): void;
  reject(error: Error): void;
}

export class ReplicaHost {
  readonly #options: ReplicaHostOptions;
  #worker: Worker | null = null;
  /** How the thread binds, kept while the session lasts: a thread that died is started again for the next sync. */
  #bind: { dn: string; password: string } | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: { id: number; waiters: Waiter[] } | null = null;
  #progress: FeedProgress | null = null;
  #nextId = 1;
  /** Syncs the thread has run since start() (diagnostics; tests). */
  syncs = 0;

  constructor(options: ReplicaHostOptions) {
    this.#options = options;
  }

  get profile(): string {
    return this.#options.profile.name;
  }

  /** Starts the thread bound as `bind` and a sync now (or when a failure's backoff ends). */
  start(bind: { dn: string; password: string }): void {
    this.stop();
    this.#bind = bind;
    this.#schedule(this.#dueIn());
  }

  /** Ends the thread and the schedule, and forgets the bind (the session ended). A sync under way is dropped; the store keeps what it wrote. */
  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#bind = null;
    const worker = this.#worker;
    this.#worker = null;
    this.#fail(new Error('the replica sync stopped'));
    void worker?.terminate();
  }

  /** A sync now, or the one running if there is one; resolves with what it did. */
  syncNow(options: SyncOptions = {}): Promise<SyncReport> {
    if (!this.#bind) return Promise.reject(new Error('the replica sync is not running'));
    if (this.#running) {
      return new Promise((resolve, reject) => this.#running!.waiters.push({ resolve, reject }));
    }
    return new Promise((resolve, reject) => this.#run(options, [{ resolve, reject }]));
  }

  status(): ReplicaStatus {
    const { replicas } = this.#options;
    const profile = this.profile;
    const live = replicas.live(profile);
    const failure = replicas.failure(profile);
    const base = {
      directory: profile,
      users: live?.users ?? null,
      syncedAt: live?.syncedAt ? new Date(live.syncedAt).toISOString() : null,
      read: null,
      estimate: null,
      failure: failure ? failureStatusOf(failure.code, failure.detail, failure.retryAt) : null,
    };
    if (this.#progress && this.#running) {
      return { ...base, state: 'reading', read: this.#progress.read, estimate: this.#progress.estimate, failure: null };
    }
    if (failure) return { ...base, state: 'failed' };
    return { ...base, state: live ? 'ready' : 'none' };
  }

  /** When the next sync is due: now, or when the last failure's backoff ends. */
  #dueIn(): number {
    const failure = this.#options.replicas.failure(this.profile);
    return failure ? Math.max(0, failure.retryAt - this.#options.clock()) : 0;
  }

  #schedule(ms: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#bind && !this.#running) this.#run({}, []);
    }, ms);
    this.#timer.unref();
  }

  #run(options: SyncOptions, waiters: Waiter[]): void {
    const id = this.#nextId++;
    this.#running = { id, waiters };
    this.#progress = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#ensureWorker(this.#bind!).postMessage({ kind: 'sync', id, options } satisfies SyncRequest);
  }

  #ensureWorker(bind: { dn: string; password: string }): Worker {
    if (this.#worker) return this.#worker;
    const data: SyncWorkerData = { dbPath: this.#options.dbPath, profile: this.#options.profile, bind };
    const { url, execArgv } = workerEntry(import.meta.url, './sync-worker.ts', 'replica-sync-worker.cjs');
    const worker = new Worker(url, { workerData: data, ...(execArgv ? { execArgv } : {}) });
    worker.unref();
    worker.on('message', (answer: SyncAnswer) => this.#answered(answer));
    worker.on('error', () => undefined); // followed by 'exit'
    worker.on('exit', () => this.#died(worker));
    this.#worker = worker;
    return worker;
  }

  #answered(answer: SyncAnswer): void {
    const running = this.#running;
    if (!running || running.id !== answer.id) return;
    if (answer.kind === 'progress') {
      this.#progress = answer.progress;
      return;
    }
    this.#running = null;
    this.#progress = null;
    this.syncs++;
    if (answer.kind === 'synced') {
      for (const waiter of running.waiters) waiter.resolve(answer.report);
      this.#schedule(this.#options.intervalMs ?? SYNC_EVERY_MS);
    } else {
      const error = new Error(`replica sync failed: ${answer.code}`);
      for (const waiter of running.waiters) waiter.reject(error);
      this.#schedule(this.#dueIn());
    }
  }

  /** The thread ended without being asked (it could not open the file, it crashed): recorded as a failure, tried again after the backoff. */
  #died(worker: Worker): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    const { replicas, clock } = this.#options;
    const now = clock();
    replicas.fail(this.profile, 'DIRECTORY_ERROR', 'The directory copy stopped unexpectedly.', now, (failures) => now + retryAfterMs(failures));
    this.#fail(new Error('the replica sync thread stopped'));
    if (this.#bind) this.#schedule(this.#dueIn());
  }

  #fail(error: Error): void {
    const running = this.#running;
    this.#running = null;
    this.#progress = null;
    for (const waiter of running?.waiters ?? []) waiter.reject(error);
  }
}
