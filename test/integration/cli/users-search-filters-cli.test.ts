/**
 * `resetdesk users search` with the app's state filters (issue 17, item 1):
 * --locked, --disabled, --guests, --admins, --temporary and --source
 * cloud|onPremises, alone, together and with text, through the real bin on a
 * real file; a bad value is one typed line (exit 2) and changes nothing.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { tempDir } from '../../support/fixtures';
import { runBin, type CliRun } from '../../support/cli-process';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HELPDESK = 'helpdesk.admin@contoso.com';

describe('resetdesk users search: state filters', () => {
  const dir = tempDir('resetdesk-cli-filters-');
  const db = join(dir.path, 'directory.sqlite');
  const cli = (...args: string[]): CliRun => runBin([...args, '--db', db, '--json']);
  const upns = (run: CliRun) => (run.json as { upn: string }[]).map((u) => u.upn);
  /** Straight from the file, in name order: what each filter must list. */
  const fromFile = (where: string) => {
    const file = new BetterSqlite3(db, { readonly: true });
    try {
      return file.prepare(`SELECT upn FROM users u WHERE ${where} ORDER BY sort_name, rowid`).pluck().all({ now: Date.now() }) as string[];
    } finally {
      file.close();
    }
  };

  let helpdeskPassword = '';
  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.mjs')), 'dist/cli.mjs is missing: run `npm run build` first');
    const init = cli('init', '--sample', '200', '--seed', '3');
    assert.equal(init.status, 0);
    helpdeskPassword = (init.json.accounts as { upn: string; password: string }[]).find((a) => a.upn === HELPDESK)!.password;
  });
  after(() => dir.cleanup());

  it('lists the users in each state by name, with no text', () => {
    const cases: [string[], string][] = [
      [['--locked'], 'u.locked_until > @now'],
      [['--disabled'], 'u.account_enabled = 0'],
      [['--guests'], "u.user_type = 'guest'"],
      [['--admins'], 'EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_rowid = u.rowid)'],
      [['--source', 'cloud'], "u.source = 'cloud'"],
      [['--source', 'onPremises'], "u.source = 'onPremises'"],
      [['--locked', '--source', 'onPremises'], "u.locked_until > @now AND u.source = 'onPremises'"],
    ];
    for (const [flags, where] of cases) {
      const run = cli('users', 'search', ...flags, '--limit', '200');
      assert.equal(run.status, 0, run.stderr);
      const expected = fromFile(where);
      assert.ok(expected.length > 0, flags.join(' '));
      assert.deepEqual(upns(run), expected, flags.join(' '));
    }
  });

  it('combines with the text, and says how many in words', () => {
    const locked = fromFile('u.locked_until > @now');
    const first = locked[0]!;
    assert.deepEqual(upns(cli('users', 'search', first, '--locked')), [first]);
    assert.deepEqual(upns(cli('users', 'search', first, '--disabled')), []);
    const text = runBin(['users', 'search', '--locked', '--limit', '2', '--db', db]);
    assert.match(text.stdout, new RegExp(`Showing 1–2 of ${locked.length}\\.\\n$`));
  });

  it('--temporary lists those whose temporary password is not yet changed', () => {
    assert.deepEqual(upns(cli('users', 'search', '--temporary')), [], 'none issued yet');
    const reset = runBin(['password', 'reset', EX.cloudMember, '--as', HELPDESK, '--db', db, '--json'], { agentPassword: helpdeskPassword });
    assert.equal(reset.status, 0, reset.stderr);
    assert.deepEqual(upns(cli('users', 'search', '--temporary')), [EX.cloudMember]);
    assert.deepEqual(upns(cli('users', 'search', 'adele', '--temporary', '--source', 'cloud')), [EX.cloudMember]);
    assert.deepEqual(upns(cli('users', 'search', 'adele', '--temporary', '--source', 'onPremises')), []);
  });

  it('refuses a bad value in one typed line, exit 2', () => {
    for (const args of [['--source', 'federated'], ['--source'], ['--locked=yes'], ['--guest']]) {
      const run = cli('users', 'search', ...args);
      assert.equal(run.status, 2, args.join(' '));
      assert.equal(run.json?.error?.code, 'INVALID_INPUT', args.join(' '));
      assert.equal(run.stdout.trim().split('\n').length, 1, 'one line');
    }
  });
});
