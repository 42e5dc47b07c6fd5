/**
 * Main's side of the search thread (search-worker.ts). Searches never queue
 * behind each other: at most one runs and one waits; a newer search takes the
 * waiting one's place, and the one it replaced is answered SEARCH_SUPERSEDED
 * without running (the agent has typed on: nobody wants that answer). So a
 * slow typist's `c`, `co`, `col` costs at most the search running when `col`
 * came, plus `col`.
 *
 * The thread is started on the first search, restarted by the next search
 * after it died, and ended by close().
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import type { Clock } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { localFileErrorOf } from './local-file-errors';
import type { SearchPage, SearchResults } from '../../domain/types';
import type { UserFilter } from '../../domain/user-filter';
import type { SearchWorkerData, SearchWorkerStats, WorkerAnswer, WorkerRequest } from './search-worker-protocol';

interface Job {
  replicaId: number | undefined;
  query: string;
  page: SearchPage;
  filter: UserFilter | undefined;
  resolve(results: SearchResults): void;
  reject(error: unknown): void;
}

interface StatsWaiter {
  resolve(stats: SearchWorkerStats): void;
  reject(error: unknown): void;
}

export class SearchWorkerClient {
  readonly #data: SearchWorkerData;
  readonly #clock: Clock;
  #worker: Worker | null = null;
  #running: { id: number; job: Job } | null = null;
  #waiting: Job | null = null;
  readonly #stats = new Map<number, StatsWaiter>();
  #nextId = 1;
  #closed = false;

  constructor(path: string, clock: Clock) {
    this.#data = { path };
    this.#clock = clock;
  }

  /** `replicaId`: a replica of a real directory in the same file (replica-store.ts) instead of the embedded users. */
  search(query: string, page: SearchPage, filter?: UserFilter, replicaId?: number): Promise<SearchResults> {
    if (this.#closed) return Promise.reject(new Error('the search thread is closed'));
    return new Promise((resolve, reject) => {
      const job: Job = { replicaId, query, page, filter, resolve, reject };
      if (this.#running) {
        this.#waiting?.reject(new DomainError('SEARCH_SUPERSEDED'));
        this.#waiting = job;
      } else {
        this.#run(job);
      }
    });
  }

  /** What the thread has run, and which thread it is (diagnostics; tests). */
  stats(): Promise<SearchWorkerStats> {
    if (this.#closed) return Promise.reject(new Error('the search thread is closed'));
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      this.#stats.set(id, { resolve, reject });
      this.#post({ kind: 'stats', id });
    });
  }

  /**
   * Ends the thread now (a search in flight is answered with an error); the
   * next search starts a new one. close() is stop() for good.
   */
  async stop(): Promise<void> {
    await this.#worker?.terminate();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#waiting?.reject(new Error('the search thread is closed'));
    this.#waiting = null;
    await this.stop();
  }

  #run(job: Job): void {
    const id = this.#nextId++;
    this.#running = { id, job };
    this.#post({
      kind: 'search',
      id,
      query: job.query,
      page: job.page,
      now: this.#clock(),
      ...(job.filter ? { filter: job.filter } : {}),
      ...(job.replicaId !== undefined ? { replicaId: job.replicaId } : {}),
    });
  }

  #post(request: WorkerRequest): void {
    this.#ensureWorker().postMessage(request);
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const { url, execArgv } = workerEntry(import.meta.url, './search-worker.ts', 'search-worker.cjs');
    const worker = new Worker(url, { workerData: this.#data, ...(execArgv ? { execArgv } : {}) });
    worker.on('message', (answer: WorkerAnswer) => this.#answered(answer));
    // An uncaught error (e.g. the file could not be opened) is followed by 'exit'; keep only its SQLite code.
    let sqliteCode: string | null = null;
    worker.on('error', (error: unknown) => {
      const code = (error as { code?: unknown } | null)?.code;
      sqliteCode = typeof code === 'string' ? code : null;
    });
    worker.on('exit', () => this.#died(worker, sqliteCode));
    this.#worker = worker;
    return worker;
  }

  #answered(answer: WorkerAnswer): void {
    if (answer.kind === 'stats') {
      this.#stats.get(answer.id)?.resolve(answer.stats);
      this.#stats.delete(answer.id);
      return;
    }
    const running = this.#running;
    if (!running || running.id !== answer.id) return;
    this.#running = null;
    if (answer.kind === 'results') running.job.resolve(answer.results);
    else running.job.reject(this.#failure(answer.sqliteCode));
    this.#next();
  }

  /** The thread ended (crashed, was stopped or closed): fail what it held; the waiting search starts a new one. */
  #died(worker: Worker, sqliteCode: string | null): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    const gone = sqliteCode ? this.#failure(sqliteCode) : new Error('the search thread stopped');
    this.#running?.job.reject(gone);
    this.#running = null;
    for (const waiter of this.#stats.values()) waiter.reject(gone);
    this.#stats.clear();
    this.#next();
  }

  /**
   * A failed search as a boundary shows it: the local file's failures by name
   * (a file main opened that no longer reads as a database is damaged; a disk
   * error), anything else INTERNAL.
   */
  #failure(sqliteCode: string | null): Error {
    if (sqliteCode === 'SQLITE_NOTADB') return new DomainError('DIRECTORY_DAMAGED', `(${this.#data.path})`);
    return (sqliteCode && localFileErrorOf(sqliteCode, this.#data.path)) || new Error(`search failed${sqliteCode ? ` (${sqliteCode})` : ''}`);
  }

  #next(): void {
    const job = this.#waiting;
    this.#waiting = null;
    if (job && !this.#closed) this.#run(job);
  }
}
