import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writePrivateFile } from '../../../main/ipc/file-saver';
import { tempDir } from '../../support/fixtures';

const posix = process.platform !== 'win32';

describe('writePrivateFile: a file only its owner can read, written whole or not at all', () => {
  it('writes the content with mode 0600, even over a readable file, leaving no temporary file', { skip: !posix }, () => {
    const dir = tempDir();
    try {
      const target = join(dir.path, 'accounts.csv');
      writeFileSync(target, 'old', { mode: 0o644 });
      writePrivateFile(target, 'new content');
      assert.equal(readFileSync(target, 'utf8'), 'new content');
      assert.equal(statSync(target).mode & 0o777, 0o600);
      assert.deepEqual(readdirSync(dir.path), ['accounts.csv']);
    } finally {
      dir.cleanup();
    }
  });

  // Root passes every permission check, so the places that cannot be written
  // are ones no one can write: under a regular file, or onto a folder.
  it('refuses with FILE_NOT_SAVED where it cannot write, and leaves what is there alone', () => {
    const dir = tempDir();
    try {
      const notAFolder = join(dir.path, 'notes.txt');
      writeFileSync(notAFolder, 'old');
      assert.throws(() => writePrivateFile(join(notAFolder, 'accounts.csv'), 'new'), { code: 'FILE_NOT_SAVED' });
      const folder = join(dir.path, 'accounts.csv');
      mkdirSync(folder);
      writeFileSync(join(folder, 'inside'), 'kept');
      assert.throws(() => writePrivateFile(folder, 'new'), { code: 'FILE_NOT_SAVED' });
      assert.equal(readFileSync(notAFolder, 'utf8'), 'old');
      assert.equal(readFileSync(join(folder, 'inside'), 'utf8'), 'kept');
      assert.deepEqual(readdirSync(dir.path).sort(), ['accounts.csv', 'notes.txt'], 'no temporary file left');
    } finally {
      dir.cleanup();
    }
  });
});
