/**
 * The replica's sync thread: its own connection to the local file and its own
 * LDAP connection, one sync at a time as main asks (sync-worker-client.ts).
 * Reading a million users and writing their keys happens here, so the window's
 * thread never waits for it.
 *
 * Bundled to dist/electron/replica-sync-worker.cjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { ReplicaStore } from '../../directory/sqlite/replica-store';
import { DomainError } from '../../domain/errors';
import { openFeed } from './open-feed';
import { syncReplica } from './replica-sync';
import type { SyncAnswer, SyncRequest, SyncWorkerData } from './sync-protocol';

const port = parentPort;
if (!port) throw new Error('sync-worker runs as a worker thread');

const { dbPath, profile, bind } = workerData as SyncWorkerData;
// Main opened, checked and migrated the file first (as for the search thread); `timeout` is the busy timeout, as main's.
const db = new BetterSqlite3(dbPath, { fileMustExist: true, timeout: 5000 });
// Names and phone numbers only: freed pages of the replica need not be zeroed (main's connection zeroes its own).
db.pragma('secure_delete = OFF');
db.pragma('synchronous = NORMAL');
const replicas = new ReplicaStore(db);
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

port.on('message', (request: SyncRequest) => {
  void run(request).then((answer) => port.postMessage(answer));
});

async function run(request: SyncRequest): Promise<SyncAnswer> {
  const feed = openFeed(profile, bind);
  try {
    const report = await syncReplica(
      {
        profile: profile.name,
        store: replicas,
        feed,
        clock: Date.now,
        progress: (progress) => port!.postMessage({ kind: 'progress', id: request.id, progress } satisfies SyncAnswer),
        pause: breathe,
      },
      request.options,
    );
    return { kind: 'synced', id: request.id, report };
  } catch (error) {
    if (error instanceof DomainError) return { kind: 'failed', id: request.id, code: error.code, detail: error.detail ?? null };
    return { kind: 'failed', id: request.id, code: 'DIRECTORY_ERROR', detail: null };
  } finally {
    await feed.close().catch(() => undefined);
  }
}
