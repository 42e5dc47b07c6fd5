import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import type { Actor } from '../../../main/reset/engine';
import { ROLES } from '../../../main/domain/roles';
import { updateTenant } from '../../../main/app/services';
import { sampleDirectory, secret, type SampleFixture } from '../../support/fixtures';

/**
 * A superseded password hash must not stay readable in the file's free space or
 * in its write-ahead log (issue 7, item 8). The raw bytes of both files are
 * searched for every hash the user ever had, after a checkpoint as SQLite's own
 * auto-checkpoint would run it.
 */
describe('superseded password hashes leave no trace in the file or its WAL', () => {
  let fx: SampleFixture;
  let global: Actor;
  before(async () => {
    fx = await sampleDirectory({ size: 60 });
    global = await fx.agent(ROLES.globalAdministrator);
  });
  after(() => fx.close());

  const hashOf = (upn: string) =>
    (fx.store.db.prepare('SELECT password_hash AS h FROM users WHERE upn = ?').get(upn) as { h: string }).h;
  /** The key part of a PHC string: unique to that hash. */
  const keyOf = (phc: string) => phc.slice(phc.lastIndexOf('$') + 1);
  const bytesOf = (path: string) => (existsSync(path) ? readFileSync(path).toString('latin1') : '');

  it('after resets that grow and shrink the row, and a change by the user', async () => {
    const upn = EX.cloudMember;
    const superseded: string[] = [];
    // Lifetime on, then off: the row's size changes, so SQLite moves the cell
    // and frees the old one instead of overwriting it in place.
    for (const lifetime of [30, null, 7, null]) {
      await updateTenant(fx.services, global, { temporaryPasswordLifetimeDays: lifetime });
      const outcome = await fx.services.engine.resetPassword(global, { target: { upn } });
      superseded.push(hashOf(upn));
      if (lifetime === null) {
        await fx.services.signIn.changePassword(upn, outcome.temporaryPassword, secret(`Own-Passw0rd-${superseded.length}`));
        superseded.push(hashOf(upn));
      }
    }
    const current = superseded.pop()!;

    // Another connection checkpoints as SQLite's auto-checkpoint does (PASSIVE: copies, does not truncate).
    const other = new BetterSqlite3(fx.dbPath);
    other.pragma('wal_checkpoint(PASSIVE)');
    other.close();

    const file = bytesOf(fx.dbPath);
    const wal = bytesOf(`${fx.dbPath}-wal`);
    assert.ok(file.includes(keyOf(current)), 'the current hash is in the file (the search itself works)');
    for (const old of superseded) {
      assert.equal(file.includes(keyOf(old)), false, 'no superseded hash in the database file');
      assert.equal(wal.includes(keyOf(old)), false, 'no superseded hash in the WAL');
    }
  });
});
