/**
 * Issue 16, F: the local file holds the agents' scrypt hashes, the sample
 * outbox's private key and the code HMACs, so no other account may read it or
 * write to it. Under umask 022 (which gave 0755 and 0644 before) every way of
 * making it, `init`, `directory add` on a fresh install and the app's first
 * run, leaves its folders 0700 and the file, its -wal and its -shm 0600. A file
 * an older version left readable is tightened when opened; a file or folder
 * others can write to is refused (LOCAL_FILE_UNSAFE) and left untouched.
 * POSIX only: on Windows the profile folder's ACL protects the file.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { initDirectory } from '../../../main/app/init-directory';
import { manualClock } from '../../../main/domain/clock';
import { assertPrivate } from '../../../main/directory/sqlite/file-check';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { DomainError } from '../../../main/domain/errors';
import { createApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import { runBin } from '../../support/cli-process';
import { FAST_HASHER, tempDir } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { codeOf, value } from '../../support/ipc-result';

const posix = process.platform !== 'win32';
const ORIGIN = 'app://resetdesk/index.html';
const modeOf = (path: string) => statSync(path).mode & 0o777;
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A local file made in this process (the CLI's init is proven above; this one hashes fast). */
async function made(file: string): Promise<void> {
  const { store } = await initDirectory(file, { kind: 'sample', size: 40, seed: 1 }, { hasher: FAST_HASHER });
  store.close();
}

/** The one-line refusal's code, from a CLI run. */
function refusalCode(run: { status: number | null; stderr: string }): string {
  assert.notEqual(run.status, 0, run.stderr);
  const lines = run.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, run.stderr);
  return /\[([A-Z_]+)\]$/.exec(lines[0]!)?.[1] ?? '';
}

/** The file and its folders are private, and so are the -wal and -shm a connection makes. */
function assertPrivateLayout(file: string, folders: string[]): void {
  for (const folder of folders) assert.equal(modeOf(folder), 0o700, `${folder} is 0700`);
  assert.equal(modeOf(file), 0o600, `${file} is 0600`);
  const store = DirectoryStore.open(file);
  try {
    store.tenant.get();
    for (const suffix of ['-wal', '-shm']) {
      assert.ok(existsSync(file + suffix), `an open connection has ${suffix}`);
      assert.equal(modeOf(file + suffix), 0o600, `${suffix} is 0600`);
    }
  } finally {
    store.close();
  }
}

describe('the local file is its owner\'s alone (umask 022)', { skip: posix ? false : 'POSIX modes: on Windows the profile folder\'s ACL protects the file' }, () => {
  const dir = tempDir('resetdesk-perms-');
  let previousUmask = 0;
  before(() => {
    previousUmask = process.umask(0o022); // the children inherit it
  });
  after(() => {
    process.umask(previousUmask);
    dir.cleanup();
  });

  it('init makes its folders 0700 and the file, -wal and -shm 0600', () => {
    const home = join(dir.path, 'init-home');
    mkdirSync(home, { mode: 0o755 });
    const file = join(home, 'config', 'Resetdesk', 'directory.sqlite');
    const init = runBin(['init', '--db', file, '--sample', '40']);
    assert.equal(init.status, 0, init.stderr);
    assertPrivateLayout(file, [join(home, 'config'), join(home, 'config', 'Resetdesk')]);
    assert.equal(modeOf(home), 0o755, 'a folder that was there is left as it is');
  });

  it('the default data folder, from $XDG_CONFIG_HOME, is made 0700 too', () => {
    const config = join(dir.path, 'xdg');
    const run = runBin(['init', '--sample', '40'], { env: { XDG_CONFIG_HOME: config } });
    assert.equal(run.status, 0, run.stderr);
    assertPrivateLayout(join(config, 'Resetdesk', 'directory.sqlite'), [config, join(config, 'Resetdesk')]);
  });

  it('directory add on a fresh install makes the local file the same way', () => {
    const file = join(dir.path, 'add', 'Resetdesk', 'local.sqlite');
    const add = runBin(['directory', 'add', 'corp', '--type', 'ad', '--url', 'ldaps://dc1.corp.example:636', '--base', 'DC=corp,DC=example', '--db', file]);
    assert.equal(add.status, 0, add.stderr);
    assertPrivateLayout(file, [join(dir.path, 'add'), join(dir.path, 'add', 'Resetdesk')]);
  });

  it("the app's first run (IPC createDirectory) too, and what it saves is 0600", async () => {
    const file = join(dir.path, 'app', 'Resetdesk', 'directory.sqlite');
    const host = await DirectoryHost.open(file, { hasher: FAST_HASHER, clock: manualClock(), searchInWorker: false });
    const saves = join(dir.path, 'app-saves');
    mkdirSync(saves, { mode: 0o755 });
    const app = createIpcApp({ host, clipboard: new MemoryClipboard(), files: new FolderFileSaver(saves), clock: () => Date.now(), isTrustedSender: (url) => url === ORIGIN });
    const api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
    try {
      value(await api.createDirectory({ kind: 'sample', size: 40 }));
      assert.equal(modeOf(file), 0o600);
      assert.equal(modeOf(file + '-wal'), 0o600, 'the host holds the file open: its WAL');
      assert.equal(modeOf(file + '-shm'), 0o600);
      for (const folder of [join(dir.path, 'app'), join(dir.path, 'app', 'Resetdesk')]) assert.equal(modeOf(folder), 0o700);
      const saved = value(await api.saveFirstRunAccounts({}));
      assert.ok(saved.saved);
      assert.equal(modeOf(saved.path), 0o600, 'the first-run passwords file');
    } finally {
      await app.shutdown();
      await host.close();
    }
  });

  it('a file an older version left readable (0644, its -wal and -shm too) is tightened to 0600 when opened', async () => {
    const file = join(dir.path, 'old', 'directory.sqlite');
    await made(file);
    chmodSync(join(dir.path, 'old'), 0o755);
    chmodSync(file, 0o644);
    writeFileSync(file + '-wal', '', { mode: 0o644 }); // as a killed process of an older version left them
    writeFileSync(file + '-shm', '', { mode: 0o644 });
    const search = runBin(['users', 'search', 'adele', '--db', file, '--json']);
    assert.equal(search.status, 0, search.stderr);
    assert.equal(modeOf(file), 0o600);
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) assert.equal(modeOf(file + suffix), 0o600, suffix);
  });

  describe('a file or folder another account can write to is refused, and left untouched', () => {
    const folder = join(dir.path, 'shared');
    const file = join(folder, 'directory.sqlite');
    before(() => made(file));

    const untouched = async (mode: number, change: () => void, undo: () => void) => {
      change();
      const before = { digest: digest(file), mode: modeOf(file), entries: readdirSync(folder).sort() };
      try {
        const run = runBin(['users', 'search', 'adele', '--db', file]);
        assert.equal(refusalCode(run), 'LOCAL_FILE_UNSAFE');
        assert.match(run.stderr, /chmod 600/);
        await assert.rejects(DirectoryHost.open(file, { hasher: FAST_HASHER }), (e: unknown) => e instanceof DomainError && e.code === 'LOCAL_FILE_UNSAFE', 'the app does not start on it');
        assert.deepEqual(
          { digest: digest(file), mode: modeOf(file), entries: readdirSync(folder).sort() },
          before,
          `${mode.toString(8)}: nothing touched, no -wal or -shm made`,
        );
      } finally {
        undo();
      }
    };

    for (const mode of [0o666, 0o664, 0o646]) {
      it(`the file at ${mode.toString(8)}`, () => untouched(mode, () => chmodSync(file, mode), () => chmodSync(file, 0o600)));
    }
    for (const mode of [0o777, 0o775, 0o1777]) {
      it(`its folder at ${mode.toString(8)}`, () => untouched(mode, () => chmodSync(folder, mode), () => chmodSync(folder, 0o700)));
    }
    it('a -wal beside it that others can write (a planted log)', async () => {
      const plant = () => {
        writeFileSync(file + '-wal', '');
        chmodSync(file + '-wal', 0o666);
      };
      await untouched(0o666, plant, () => rmSync(file + '-wal'));
    });

    it('init into a folder others can write to makes nothing', () => {
      const open = join(dir.path, 'open-folder');
      mkdirSync(open);
      chmodSync(open, 0o777);
      const run = runBin(['init', '--db', join(open, 'directory.sqlite'), '--sample', '40']);
      assert.equal(refusalCode(run), 'LOCAL_FILE_UNSAFE');
      assert.deepEqual(readdirSync(open), []);
    });
  });
});

describe('on Windows modes do not apply: nothing is refused or changed for them', () => {
  it('assertPrivate with platform win32 lets a 0666 file through as it is', { skip: posix ? false : 'needs POSIX modes to set one up' }, () => {
    const dir = tempDir('resetdesk-perms-win-');
    try {
      const file = join(dir.path, 'directory.sqlite');
      writeFileSync(file, 'x');
      chmodSync(file, 0o666);
      assertPrivate(file, 'win32');
      assert.equal(modeOf(file), 0o666);
      assert.throws(() => assertPrivate(file, 'linux'), (e: unknown) => e instanceof DomainError && e.code === 'LOCAL_FILE_UNSAFE');
    } finally {
      dir.cleanup();
    }
  });
});

describe('the first run refuses a folder others can write to', { skip: posix ? false : 'POSIX modes' }, () => {
  it('createDirectory answers LOCAL_FILE_UNSAFE and makes nothing', async () => {
    const dir = tempDir('resetdesk-perms-ipc-');
    const folder = join(dir.path, 'open');
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    const host = await DirectoryHost.open(join(folder, 'directory.sqlite'), { hasher: FAST_HASHER, searchInWorker: false });
    const app = createIpcApp({ host, clipboard: new MemoryClipboard(), files: new FolderFileSaver(dir.path), clock: () => Date.now(), isTrustedSender: (url) => url === ORIGIN });
    const api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
    try {
      assert.equal(codeOf(await api.createDirectory({ kind: 'sample', size: 40 })), 'LOCAL_FILE_UNSAFE');
      assert.deepEqual(readdirSync(folder), []);
    } finally {
      await app.shutdown();
      await host.close();
      dir.cleanup();
    }
  });
});
