/**
 * Issue 16 J in the CLI, through the real bin on a real sample file: an agent
 * who signs in (--as) reads only what their roles may, as in the app
 * (main/reset/read-rights.ts); without --as the file's owner reads their own
 * embedded file, as before.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROLES } from '../../../main/domain/roles';
import { tempDir } from '../../support/fixtures';
import { ROOT, runBin, type CliRun } from '../../support/cli-process';

/** Each reading command and the right it needs. */
const READS: [string[], 'U' | 'A' | 'S' | 'D'][] = [
  [['users', 'search', 'ade'], 'U'],
  [['users', 'show', 'adele.vance@contoso.com'], 'U'],
  [['temp-passwords'], 'U'],
  [['audit', 'list'], 'A'],
  [['tenant', 'show'], 'S'],
  [['tenant', 'banned', 'list'], 'S'],
  [['delivery', 'show'], 'S'],
  [['directory', 'list'], 'D'],
];

/** What each role reads: U users, A audit, S settings, D connection profiles (written out, not read from the module). */
const ROLE_READS: [string, string][] = [
  [ROLES.helpdeskAdministrator, 'UAS-'],
  [ROLES.globalAdministrator, 'UASD'],
  [ROLES.globalReader, 'UASD'],
  [ROLES.reportsReader, '-AS-'],
  [ROLES.securityReader, '-AS-'],
  [ROLES.directoryReaders, '----'],
  [ROLES.groupsAdministrator, '----'],
];

describe('resetdesk: what an agent signed in with --as may read', () => {
  const dir = tempDir('resetdesk-cli-reads-');
  const db = join(dir.path, 'directory.sqlite');
  let accounts: { upn: string; roles: string[]; password: string }[] = [];
  const agentWith = (role: string) => accounts.find((a) => a.roles.length === 1 && a.roles[0] === role)!;
  const cli = (args: string[], as?: { upn: string; password: string }): CliRun =>
    runBin([...args, '--db', db, '--json', ...(as ? ['--as', as.upn] : [])], as ? { agentPassword: as.password } : {});

  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.mjs')), 'dist/cli.mjs is missing: run `npm run build` first');
    const init = cli(['init', '--sample', '40', '--seed', '3']);
    assert.equal(init.status, 0, init.stderr);
    accounts = init.json.accounts;
  });
  after(() => dir.cleanup());

  for (const [role, reads] of ROLE_READS) {
    it(`${role} reads ${reads.replace(/-/g, '') || 'nothing'}`, () => {
      for (const [args, right] of READS) {
        const run = cli(args, agentWith(role));
        if ('UASD'.split('').some((letter, i) => letter === right && reads[i] === letter)) {
          assert.equal(run.status, 0, `${role}: ${args.join(' ')}: ${run.stdout}${run.stderr}`);
        } else {
          assert.equal(run.json?.error?.code, 'ROLE_REQUIRED', `${role}: ${args.join(' ')}: ${run.stdout}${run.stderr}`);
          assert.equal(run.status, 1);
          assert.match(run.json.error.message, /needs one of these roles: .*Global Administrator/);
        }
      }
    });
  }

  it('without --as the owner of the embedded file reads it (their own file, theirs alone)', () => {
    // temp-passwords has always asked for an agent (it names who reset whom).
    for (const [args] of READS.filter(([args]) => args[0] !== 'temp-passwords')) {
      const run = cli(args);
      assert.equal(run.status, 0, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
    }
  });
});
