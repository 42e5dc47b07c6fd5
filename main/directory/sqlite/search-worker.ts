/**
 * The search thread: its own read-only connection to the directory file, the
 * same UserSearch main would run, one request at a time. Searching here keeps
 * the thread that answers IPC free, so a reset or a sign-in never waits behind
 * a search (WAL: this reader never blocks main's writes, nor they it).
 *
 * Started by search-worker-client.ts; bundled to dist/electron/search-worker.cjs.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { UserSearch } from './search';
import { replicaTables } from './search-tables';
import type { SearchWorkerData, WorkerAnswer, WorkerRequest } from './search-worker-protocol';

const port = parentPort;
if (!port) throw new Error('search-worker runs as a worker thread');

const { path } = workerData as SearchWorkerData;
// Read-only: this thread can never change the directory. Main opened (and
// migrated) the file first; `timeout` is the busy timeout, as main's.
const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: 5000 });
const search = new UserSearch(db);
/** One search per replica asked for, its statements prepared once. */
const replicas = new Map<number, UserSearch>();
let ran = 0;

function searchOf(replicaId: number | undefined): UserSearch {
  if (replicaId === undefined) return search;
  let found = replicas.get(replicaId);
  if (!found) {
    found = new UserSearch(db, replicaTables(replicaId));
    replicas.set(replicaId, found);
  }
  return found;
}

port.on('message', (request: WorkerRequest) => {
  port.postMessage(answer(request));
});

function answer(request: WorkerRequest): WorkerAnswer {
  if (request.kind === 'stats') return { kind: 'stats', id: request.id, stats: { ran, threadId } };
  try {
    ran++;
    return { kind: 'results', id: request.id, results: searchOf(request.replicaId).search(request.query, request.page, request.now, request.filter) };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return { kind: 'failed', id: request.id, sqliteCode: typeof code === 'string' ? code : null };
  }
}
