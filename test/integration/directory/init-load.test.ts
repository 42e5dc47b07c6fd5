/**
 * init builds the sample in a private temporary file with the fast settings of
 * private-load.ts (no journal, secondary indexes dropped during the load). What
 * lands at the path must be indistinguishable from a directory made the slow
 * way: WAL mode, every index of the schema, every user, method and membership.
 */
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../../main/directory/sqlite/database';
import { initDirectory } from '../../../main/app/init-directory';
import { buildSampleTenant } from '../../../main/app/sample/sample';
import { manualClock } from '../../../main/domain/clock';
import { FAST_HASHER, tempDir } from '../../support/fixtures';

const SIZE = 300;
const SEED = 4;
const dir = tempDir();
const path = join(dir.path, 'directory.sqlite');
let db: BetterSqlite3.Database;

/** The two bytes of the SQLite header that say WAL (2) or rollback journal (1) to every later opener. */
function headerJournalBytes(file: string): [number, number] {
  const header = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  return [header[18] ?? 0, header[19] ?? 0];
}

const indexesOf = (database: BetterSqlite3.Database) =>
  database.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();

before(async () => {
  const clock = manualClock(Date.parse('2026-03-01T12:00:00Z'));
  const { store } = await initDirectory(path, { kind: 'sample', size: SIZE, seed: SEED }, { hasher: FAST_HASHER, clock });
  store.close();
  db = new BetterSqlite3(path, { readonly: true });
});
after(() => {
  db.close();
  dir.cleanup();
});

describe('a directory loaded by init --sample', () => {
  it('is in WAL mode in the file itself, like every directory openDatabase makes', () => {
    assert.deepEqual(headerJournalBytes(path), [2, 2]);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  });

  it('has every index of the schema, rebuilt after the load', () => {
    const fresh = openDatabase(join(dir.path, 'fresh.sqlite'), { create: true });
    try {
      assert.deepEqual(indexesOf(db), indexesOf(fresh));
    } finally {
      fresh.close();
    }
    // The rebuilt indexes are used: a lookup by mail reads the index, not the table.
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT rowid FROM users WHERE mail = 'adele.vance@contoso.com'").all() as { detail: string }[];
    assert.match(plan.map((p) => p.detail).join(' '), /USING (COVERING )?INDEX users_mail/);
  });

  it('holds every user, method and group membership the sample made, consistently', () => {
    const { users } = buildSampleTenant({ size: SIZE, seed: SEED, now: new Date('2026-03-01T12:00:00Z') });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    assert.equal(count('SELECT count(*) AS n FROM users'), SIZE);
    assert.equal(count('SELECT count(*) AS n FROM auth_methods'), users.reduce((n, u) => n + u.authMethods.length, 0));
    assert.equal(count('SELECT count(*) AS n FROM group_members'), users.reduce((n, u) => n + u.groups.length, 0));
    const groupsOf = db.prepare(
      'SELECT g.name FROM group_members m JOIN groups g ON g.id = m.group_id JOIN users u ON u.rowid = m.user_rowid WHERE u.upn = ? ORDER BY g.name',
    );
    for (const user of users.slice(0, 40)) {
      assert.deepEqual((groupsOf.all(user.upn) as { name: string }[]).map((r) => r.name), [...user.groups].sort(), user.upn);
    }
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.deepEqual(db.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
  });

  it('leaves nothing behind when the load fails halfway, so the next init works', async () => {
    const folder = join(dir.path, 'failing');
    mkdirSync(folder);
    const target = join(folder, 'directory.sqlite');
    let calls = 0;
    // The first reading dates the sample; the second, inside the load's transaction, fails.
    const clock = () => {
      if (++calls === 2) throw new Error('clock failed mid-load');
      return Date.parse('2026-03-01T12:00:00Z');
    };
    await assert.rejects(initDirectory(target, { kind: 'sample', size: SIZE, seed: SEED }, { hasher: FAST_HASHER, clock }), /mid-load/);
    assert.equal(existsSync(target), false);
    assert.deepEqual(readdirSync(folder), [], 'no temporary file, journal or WAL left');
    const { store } = await initDirectory(target, { kind: 'sample', size: SIZE, seed: SEED }, { hasher: FAST_HASHER });
    assert.equal(store.users.count(), SIZE);
    store.close();
  });
});
