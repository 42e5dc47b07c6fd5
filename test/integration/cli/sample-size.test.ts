/**
 * Issue 16, item 11: the sample needs its agents and example users, so the
 * smallest sample is that many users (SAMPLE_SIZE.min, derived from the
 * sample's own plan), and the CLI and the IPC contract read that one bound:
 * one user fewer is refused up front, naming the range, and makes nothing;
 * the minimum is made, with no generated user.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { SAMPLE_AGENT_ROLES, SAMPLE_EXAMPLES } from '../../../main/domain/sample-size';
import { runInProcess } from '../../support/cli-process';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { createApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import { SAMPLE_SIZE } from '../../../main/domain/validation';
import { FAST_HASHER, tempDir } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { codeOf, value } from '../../support/ipc-result';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';

const ORIGIN = 'app://resetdesk/index.html';
const MIN = SAMPLE_SIZE.min;

function usersIn(db: string): number {
  const store = DirectoryStore.open(db);
  try {
    return store.users.count();
  } finally {
    store.close();
  }
}

describe('the smallest sample: the CLI and IPC take SAMPLE_SIZE.min and refuse one fewer', () => {
  it('is the agents and the example users, and nothing else', () => {
    assert.equal(MIN, SAMPLE_AGENT_ROLES.length + Object.keys(SAMPLE_EXAMPLES).length);
    assert.equal(MIN, 30, 'one agent for each of the 17 roles and 13 example users');
  });

  it('resetdesk init --sample', async () => {
    const dir = tempDir('resetdesk-sample-size-');
    try {
      const cli = async (size: number, db: string) => {
        const run = await runInProcess(['init', '--sample', String(size), '--db', db, '--json'], { hasher: FAST_HASHER });
        return { status: run.status, out: run.json };
      };
      const tooSmall = join(dir.path, 'too-small', 'directory.sqlite');
      const refused = await cli(MIN - 1, tooSmall);
      assert.equal(refused.status, 2);
      assert.deepEqual(refused.out.error, { code: 'INVALID_INPUT', message: `The request is not valid. --sample must be a whole number from ${MIN} to 1000000.` });
      assert.equal(existsSync(join(dir.path, 'too-small')), false, 'refused before anything is made');
      const smallest = join(dir.path, 'smallest.sqlite');
      const made = await cli(MIN, smallest);
      assert.equal(made.status, 0);
      assert.equal(made.out.users, MIN);
      assert.equal(usersIn(smallest), MIN);
    } finally {
      dir.cleanup();
    }
  });

  it("the first run's createDirectory", async () => {
    const dir = tempDir('resetdesk-sample-size-ipc-');
    const db = join(dir.path, 'directory.sqlite');
    const host = await DirectoryHost.open(db, { hasher: FAST_HASHER, searchInWorker: false });
    const app = createIpcApp({ host, clipboard: new MemoryClipboard(), files: new FolderFileSaver(dir.path), clock: () => Date.now(), isTrustedSender: (url) => url === ORIGIN });
    const api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
    try {
      const refused = await api.createDirectory({ kind: 'sample', size: MIN - 1 });
      assert.equal(codeOf(refused), 'INVALID_INPUT');
      assert.ok(!refused.ok && refused.error.message.endsWith('Check: size.'), JSON.stringify(refused));
      assert.equal(existsSync(db), false);
      const { accounts } = value(await api.createDirectory({ kind: 'sample', size: MIN }));
      assert.equal(accounts.length, SAMPLE_AGENT_ROLES.length);
      assert.equal(host.location, db);
      assert.equal(usersIn(db), MIN);
    } finally {
      await app.shutdown();
      await host.close();
      dir.cleanup();
    }
  });
});
