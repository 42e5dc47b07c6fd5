import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { SAMPLE_EXAMPLES } from '../../../main/app/sample/sample';
import { tempDir } from '../../support/fixtures';

/**
 * What a careless or hostile user can hand the CLI (issue 7): paths that are not
 * directories, a failed init, a closed pipe, scripts testing exit codes, odd
 * numbers and oversized names. The real bin in a child process, real files.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'resetdesk.mjs');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.RESETDESK_DB;
  if (!options.env?.RESETDESK_AGENT_PASSWORD) delete env.RESETDESK_AGENT_PASSWORD;
  const run = spawnSync(process.execPath, [BIN, ...args], { input: options.input ?? '', env, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The one-line error a command printed on stderr, and its code. */
function errorOf(run: Run): { code: string; line: string } {
  assert.notEqual(run.status, 0, `expected a failure; stdout: ${run.stdout}`);
  const lines = run.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one line on stderr, got: ${run.stderr}`);
  const code = /\[([A-Z_]+)\]$/.exec(lines[0]!)?.[1] ?? '';
  return { code, line: lines[0]! };
}

const tables = (path: string) => {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
};

describe('the CLI refuses what is not a Resetdesk directory, and changes nothing', () => {
  const dir = tempDir('resetdesk-hardening-');
  const directory = join(dir.path, 'directory.sqlite');
  let agentPassword = '';
  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.mjs')), 'dist/cli.mjs is missing: run `npm run build` first');
    const init = cli(['init', '--db', directory, '--sample', '40', '--json']);
    assert.equal(init.status, 0, init.stderr);
    agentPassword = JSON.parse(init.stdout).accounts.find((a: { upn: string }) => a.upn === 'helpdesk.admin@contoso.com').password;
  });
  after(() => dir.cleanup());

  it("another application's database is neither migrated nor written", () => {
    const other = join(dir.path, 'notes.db');
    const db = new BetterSqlite3(other);
    db.exec('CREATE TABLE notes(x)');
    db.close();
    const before = readFileSync(other);
    for (const args of [['users', 'search'], ['tenant', 'show'], ['audit', 'list']]) {
      const { code, line } = errorOf(cli([...args, '--db', other]));
      assert.equal(code, 'NOT_A_DIRECTORY');
      assert.match(line, /notes\.db/, 'the error names the file');
    }
    assert.deepEqual(tables(other), ['notes']);
    assert.ok(readFileSync(other).equals(before), 'not a byte changed (no WAL switch, no audit rows)');
    assert.deepEqual(readdirSync(dir.path).filter((f) => f.startsWith('notes.db-')), [], 'no -wal, -shm or -journal beside it');
  });

  it('an empty file, a text file and a folder are named as not a directory', () => {
    const empty = join(dir.path, 'empty.db');
    writeFileSync(empty, '');
    const text = join(dir.path, 'notes.txt');
    writeFileSync(text, 'groceries: milk\n');
    const folder = join(dir.path, 'folder');
    mkdirSync(folder);
    for (const path of [empty, text, folder]) {
      assert.equal(errorOf(cli(['users', 'search', '--db', path])).code, 'NOT_A_DIRECTORY', path);
    }
    assert.equal(statSync(empty).size, 0, 'the empty file stays empty');
    assert.equal(readFileSync(text, 'utf8'), 'groceries: milk\n');
  });

  it('/dev/null is refused without creating /dev/null-journal', () => {
    // Only the bug this guards makes that file; one left by an older build is garbage.
    rmSync('/dev/null-journal', { force: true });
    const run = cli(['users', 'search', '--db', '/dev/null']);
    assert.equal(errorOf(run).code, 'NOT_A_DIRECTORY');
    assert.equal(existsSync('/dev/null-journal'), false);
    assert.equal(existsSync('/dev/null-wal'), false);
  });

  it('a truncated directory is named as damaged', () => {
    const cut = join(dir.path, 'cut.sqlite');
    copyFileSync(directory, cut);
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    assert.equal(errorOf(cli(['users', 'search', '--db', cut])).code, 'DIRECTORY_DAMAGED');
  });

  it('a read-only file or folder is named as such', () => {
    const roFile = join(dir.path, 'readonly.sqlite');
    copyFileSync(directory, roFile);
    chmodSync(roFile, 0o444);
    assert.equal(errorOf(cli(['users', 'search', '--db', roFile])).code, 'DIRECTORY_READ_ONLY');

    const roFolder = join(dir.path, 'locked-folder');
    mkdirSync(roFolder);
    copyFileSync(directory, join(roFolder, 'directory.sqlite'));
    chmodSync(roFolder, 0o555);
    try {
      assert.equal(errorOf(cli(['users', 'search', '--db', join(roFolder, 'directory.sqlite')])).code, 'DIRECTORY_READ_ONLY');
    } finally {
      chmodSync(roFolder, 0o755);
    }
  });

  it('a failed init leaves no file, so the next init works', () => {
    const path = join(dir.path, 'fresh', 'i.db');
    assert.equal(errorOf(cli(['init', '--db', path, '--tenant', '', '--domain', 'x.com'])).code, 'INVALID_INPUT');
    assert.equal(existsSync(path), false);
    assert.equal(existsSync(join(dir.path, 'fresh')), false, 'not even the folder it would have made');
    const again = cli(['init', '--db', path, '--tenant', 'Fabrikam', '--domain', 'fabrikam.com', '--json']);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).tenant, 'Fabrikam');
    assert.deepEqual(readdirSync(join(dir.path, 'fresh')).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  });

  it('init on an existing directory says where it is and how to use another', () => {
    const { code, line } = errorOf(cli(['init', '--db', directory]));
    assert.equal(code, 'DIRECTORY_EXISTS');
    assert.ok(line.includes(directory), line);
    assert.match(line, /--db/);
  });

  it('init refuses the tenant and domain names the app refuses', () => {
    const path = join(dir.path, 'names.db');
    assert.equal(errorOf(cli(['init', '--db', path, '--tenant', 'A', '--domain', 'admin@-a.1'])).code, 'INVALID_INPUT');
    assert.equal(errorOf(cli(['init', '--db', path, '--tenant', 'x'.repeat(65), '--domain', 'a.com'])).code, 'INVALID_INPUT');
    assert.equal(existsSync(path), false);
  });

  it('a reader that stops early gets no stack trace', () => {
    // head -c 0 exits at once, long before node has started: every write meets a closed pipe.
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" users search --db "${directory}" --json --limit 1000 | head -c 0`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.stderr, '', 'nothing on stderr');
    assert.equal(run.status, 141, 'the exit status of a tool ended by SIGPIPE');
  });

  it('every error is one line: negative numbers, an empty --db=, an oversized --as', () => {
    for (const args of [
      ['users', 'search', '--limit', '-1', '--db', directory],
      ['users', 'search', '--offset', '-5', '--db', directory],
      ['init', '--seed', '-1', '--db', join(dir.path, 'seed.db')],
      ['users', 'search', '--db='],
      ['users', 'search', '--bogus', '--db', directory],
    ]) {
      assert.equal(errorOf(cli(args)).code, 'INVALID_INPUT', args.join(' '));
    }
    assert.match(errorOf(cli(['users', 'search', '--limit', '-1', '--db', directory])).line, /--limit must be a whole number/);
  });

  it('--as is checked before it reaches the audit trail', () => {
    const huge = `${'a'.repeat(100_000)}@contoso.com`;
    const run = cli(['account', 'unlock', 'adele.vance@contoso.com', '--db', directory, '--as', huge], {
      env: { RESETDESK_AGENT_PASSWORD: 'whatever' },
    });
    assert.equal(errorOf(run).code, 'INVALID_INPUT');
    const db = new BetterSqlite3(directory, { readonly: true });
    const longest = db.prepare('SELECT max(length(actor_upn)) AS n FROM audit_events').get() as { n: number | null };
    db.close();
    assert.ok((longest.n ?? 0) < 300, 'no oversized actor was stored');
  });

  it('signin exits non-zero for every answer but ok, keeping the JSON result', () => {
    const wrong = cli(['signin', 'helpdesk.admin@contoso.com', '--db', directory, '--json'], { input: 'not-the-password\n' });
    assert.equal(JSON.parse(wrong.stdout).result, 'invalid_credentials');
    assert.equal(wrong.status, 3);
    const right = cli(['signin', 'helpdesk.admin@contoso.com', '--db', directory, '--json'], { input: `${agentPassword}\n` });
    assert.equal(JSON.parse(right.stdout).result, 'ok');
    assert.equal(right.status, 0);
  });

  it('a typed password is set without being printed back', () => {
    const env = { RESETDESK_AGENT_PASSWORD: agentPassword };
    // A synced user of a managed domain: the agent types the password (writeback is on in the sample).
    const upn = SAMPLE_EXAMPLES.syncedManaged;
    for (const json of [false, true]) {
      // Another one each time: the tenant's history refuses the password just set.
      const typed = `Typed-By-Agent-42${json ? 'j' : 't'}`;
      const run = cli(
        ['password', 'reset', upn, '--db', directory, '--as', 'helpdesk.admin@contoso.com', '--password-stdin', ...(json ? ['--json'] : [])],
        { input: `${typed}\n`, env },
      );
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout.includes(typed), false, `the typed password is not echoed (${json ? 'json' : 'text'})`);
      assert.match(run.stdout, json ? /"upn"/ : /set/);
    }
  });
});
