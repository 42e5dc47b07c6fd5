import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

  it('refuses with FILE_NOT_SAVED where it cannot write, and leaves the old file alone', { skip: !posix || process.getuid?.() === 0 }, () => {
    const dir = tempDir();
    try {
      const target = join(dir.path, 'accounts.csv');
      writeFileSync(target, 'old');
      chmodSync(dir.path, 0o500);
      assert.throws(() => writePrivateFile(target, 'new'), { code: 'FILE_NOT_SAVED' });
      chmodSync(dir.path, 0o700);
      assert.equal(readFileSync(target, 'utf8'), 'old');
      assert.deepEqual(readdirSync(dir.path), ['accounts.csv']);
    } finally {
      chmodSync(dir.path, 0o700);
      dir.cleanup();
    }
  });
});
