/**
 * Searching on a worker thread (search-worker-client.ts over search-worker.ts):
 * over a real directory file, the same answers as the in-process UserSearch,
 * from another thread; a search replaced while it waited is never run; a dead
 * thread is replaced by the next search; closing the directory ends it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId as mainThreadId, Worker } from 'node:worker_threads';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { SqliteUserDirectory } from '../../../main/directory/sqlite/sqlite-directory';
import type { SearchResults } from '../../../main/domain/types';
import { SearchWorkerClient } from '../../../main/directory/sqlite/search-worker-client';
import type { WorkerAnswer } from '../../../main/directory/sqlite/search-worker-protocol';
import { DomainError } from '../../../main/domain/errors';
import { CLEARED_LOCKOUT } from '../../../main/domain/lockout';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PAGE = { limit: 25, offset: 0 };
/** Prefixes, names, addresses, phones, departments, several words, nothing, punctuation. */
const QUERIES = ['', 'a', 'ad', 'adel', 'adele vance', EX.cloudMember, 'MEGAN.BOWEN@corp', 'sales', 'eng', '+1 425', '0123', 'sofia engineering', 'zzzz', '***'];

describe('search on a worker thread', () => {
  let fx: SampleFixture;
  let worker: SqliteUserDirectory;
  before(async () => {
    fx = await sampleDirectory({ size: 300, seed: 5 });
    worker = new SqliteUserDirectory(fx.store, FAST_HASHER, { searchInWorker: true });
  });
  after(async () => {
    await worker.close();
    fx.close();
  });
  const inProcess = (query: string, page = PAGE): SearchResults => fx.store.search.search(query, page, fx.clock());

  it('answers exactly what the in-process search answers, from another thread', async () => {
    for (const query of QUERIES) {
      for (const page of [PAGE, { limit: 7, offset: 3 }]) {
        assert.deepEqual(await worker.searchUsers(query, page), inProcess(query, page), `"${query}" ${JSON.stringify(page)}`);
      }
    }
    const stats = await worker.searchWorker!.stats();
    assert.notEqual(stats.threadId, mainThreadId, 'searched off the thread that answers IPC');
    assert.equal(stats.ran, QUERIES.length * 2);
  });

  it("shows lockout as of main's clock, and sees main's writes at once", async () => {
    const locked = async () => (await worker.searchUsers(EX.locked, PAGE)).users[0]!;
    assert.equal((await locked()).locked, true);
    fx.clock.advance(2 * 3600_000); // past the sample's lockout, on the test's manual clock only
    assert.equal((await locked()).locked, false, "the thread used main's clock, not its own");
    fx.clock.advance(-2 * 3600_000);
    assert.equal((await locked()).locked, true);
    fx.store.transaction(() => fx.store.users.setLockout(fx.store.findUser({ upn: EX.locked })!.rowid, CLEARED_LOCKOUT, fx.clock()));
    assert.equal((await locked()).locked, false, 'the unlock main just committed');
  });

  it('a search replaced while it waited is answered SEARCH_SUPERSEDED and never run', { timeout: 30_000 }, async () => {
    const client = worker.searchWorker!;
    const ranBefore = (await client.stats()).ran;
    // A slow typist's "c", "co", "col": "c" runs, "co" waits, "col" takes its place.
    const c = worker.searchUsers('c', PAGE);
    const co = worker.searchUsers('co', PAGE);
    const col = worker.searchUsers('col', PAGE);
    await assert.rejects(co, (error) => error instanceof DomainError && error.code === 'SEARCH_SUPERSEDED');
    assert.deepEqual(await c, inProcess('c'));
    assert.deepEqual(await col, inProcess('col'));
    assert.equal((await client.stats()).ran - ranBefore, 2, '"co" never reached the thread');
  });

  it('a thread killed holding a search is replaced by the next search', { timeout: 30_000 }, async () => {
    const client = new SearchWorkerClient(fx.dbPath, fx.clock);
    try {
      const first = (await client.stats()).threadId;
      const held = client.search('adel', PAGE);
      await client.stop(); // the thread dies with the search in it (or just after answering it)
      // Never left hanging: failed with the thread, or answered right if it won the race.
      const outcome = await held.then(
        (results) => results,
        (error: unknown) => error,
      );
      if (!(outcome instanceof Error)) assert.deepEqual(outcome, inProcess('adel'));
      assert.deepEqual(await client.search('adel', PAGE), inProcess('adel'));
      const second = await client.stats();
      assert.notEqual(second.threadId, first, 'a new thread');
      assert.equal(second.ran, 1);
    } finally {
      await client.close();
    }
  });

  it('a file the thread cannot read as a directory is reported DIRECTORY_DAMAGED, not a bare failure', { timeout: 30_000 }, async () => {
    const notADirectory = path.join(path.dirname(fx.dbPath), 'notes.txt');
    writeFileSync(notADirectory, 'not a database, just text\n'.repeat(200));
    const client = new SearchWorkerClient(notADirectory, fx.clock);
    try {
      await assert.rejects(client.search('a', PAGE), (error) => error instanceof DomainError && error.code === 'DIRECTORY_DAMAGED');
    } finally {
      await client.close();
    }
  });

  it('after close, searching is refused instead of starting a thread', async () => {
    const client = new SearchWorkerClient(fx.dbPath, fx.clock);
    await client.search('a', PAGE);
    await client.close();
    await assert.rejects(client.search('a', PAGE));
  });
});

describe('the app host searches on a worker and closing it ends the thread', () => {
  it('a process that opens, searches and closes the directory exits by itself', { timeout: 60_000 }, async () => {
    const fx = await sampleDirectory({ size: 50 });
    fx.store.close(); // the child opens the file, as the app does
    try {
      // The child's only way to exit is that nothing (no thread) is left running.
      const script = [
        "import { DirectoryHost } from './main/app/directory-host.ts';",
        "import { PasswordHasher } from './main/reset/hashing.ts';",
        `const host = await DirectoryHost.open(${JSON.stringify(fx.dbPath)}, { hasher: new PasswordHasher() });`,
        "const { users } = await host.require().directory.as(null).searchUsers('adele', { limit: 5, offset: 0 });",
        'const stats = await host.require().directory.searchWorker.stats();',
        'await host.close();',
        'console.log(JSON.stringify({ upns: users.map((u) => u.upn), threadId: stats.threadId }));',
      ].join('\n');
      // `timeout` only guards against a hang (the failure this test exists for): the child is killed and the test fails.
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: root,
        timeout: 30_000,
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 0, `the process did not exit by itself (a thread left running?)\n${err}`);
      const answer = JSON.parse(out) as { upns: string[]; threadId: number };
      assert.ok(answer.upns.includes(EX.cloudMember));
      assert.notEqual(answer.threadId, 0, 'the host searched on a worker');
    } finally {
      fx.close();
    }
  });
});

describe('the built search worker (dist/electron/search-worker.cjs)', () => {
  it('answers like the in-process search', async (t) => {
    const bundle = path.join(root, 'dist/electron/search-worker.cjs');
    if (!existsSync(bundle)) {
      t.skip('dist/electron/search-worker.cjs is missing: run `npm run build` first');
      return;
    }
    const fx = await sampleDirectory({ size: 50 });
    const thread = new Worker(bundle, { workerData: { path: fx.dbPath } });
    try {
      const answer = new Promise<WorkerAnswer>((resolve, reject) => {
        thread.once('message', resolve);
        thread.once('error', reject);
      });
      thread.postMessage({ kind: 'search', id: 1, query: 'adele', page: PAGE, now: fx.clock() });
      assert.deepEqual(await answer, { kind: 'results', id: 1, results: fx.store.search.search('adele', PAGE, fx.clock()) });
    } finally {
      await thread.terminate();
      fx.close();
    }
  });
});
