/**
 * Issue 16, L: SQLite's failures of the local file, by name. A full disk is
 * LOCAL_FILE_FULL (proven for real in test/integration/local-file/full-disk.test.ts);
 * an I/O error on a disk with room is LOCAL_FILE_IO: a real one cannot be
 * made here without a failing device, so this is the mapping of its codes.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { localFileErrorOf, translateLocalFileError } from '../../../main/directory/sqlite/local-file-errors';
import { DomainError } from '../../../main/domain/errors';

const PATH = join(tmpdir(), 'directory.sqlite'); // a disk with room

test('each failure of the local file has its own code and one line saying nothing was changed', () => {
  const cases: [string, string][] = [
    ['SQLITE_FULL', 'LOCAL_FILE_FULL'],
    ['ENOSPC', 'LOCAL_FILE_FULL'],
    ['SQLITE_IOERR', 'LOCAL_FILE_IO'],
    ['SQLITE_IOERR_WRITE', 'LOCAL_FILE_IO'],
    ['SQLITE_IOERR_FSYNC', 'LOCAL_FILE_IO'],
    ['SQLITE_IOERR_SHMSIZE', 'LOCAL_FILE_IO'],
    ['EIO', 'LOCAL_FILE_IO'],
    ['SQLITE_CORRUPT', 'DIRECTORY_DAMAGED'],
    ['SQLITE_READONLY_DBMOVED', 'DIRECTORY_READ_ONLY'],
  ];
  for (const [code, expected] of cases) {
    const error = localFileErrorOf(code, PATH);
    assert.equal(error?.code, expected, code);
    assert.doesNotMatch(error!.message, /[\r\n]/);
    if (expected.startsWith('LOCAL_FILE')) assert.match(error!.message, /Nothing was changed \(.*directory\.sqlite\)\.$/);
  }
});

test('anything else passes through as it is (a bug stays INTERNAL at the boundary)', () => {
  assert.equal(localFileErrorOf('SQLITE_CONSTRAINT_UNIQUE', PATH), null);
  assert.equal(localFileErrorOf('SQLITE_BUSY', PATH), null);
  const bug = Object.assign(new Error('no such column'), { code: 'SQLITE_ERROR' });
  assert.equal(translateLocalFileError(bug, PATH), bug);
  const refusal = new DomainError('USER_NOT_FOUND');
  assert.equal(translateLocalFileError(refusal, PATH), refusal);
  const full = translateLocalFileError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), PATH);
  assert.ok(full instanceof DomainError && full.code === 'LOCAL_FILE_FULL');
});
