/**
 * `resetdesk --version`, `-V`, `help [COMMAND]` and the refusal of an unknown
 * option (issue 16, item 4): runCli itself, its output captured.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { COMMANDS } from '../../../main/cli/commands';
import { USAGE } from '../../../main/cli/run';
import { runInMemory } from '../../support/cli-in-memory';

const PACKAGE_VERSION: string = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;

const run = runInMemory;

test('--version and -V print "resetdesk <version>" from package.json and exit 0', async () => {
  for (const flag of ['--version', '-V']) {
    assert.deepEqual(await run(flag), { status: 0, stdout: `resetdesk ${PACKAGE_VERSION}\n`, stderr: '' }, flag);
  }
  assert.deepEqual(JSON.parse((await run('--version', '--json')).stdout), { version: PACKAGE_VERSION });
});

test('-v is an unknown option, said in one line whose quotes all close', async () => {
  const { status, stdout, stderr } = await run('-v');
  assert.equal(status, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^resetdesk: .*Unknown option -v: the version is --version or -V\..*\[INVALID_INPUT\]\n$/);
  assert.equal(stderr.trimEnd().split('\n').length, 1);
  for (const quote of ['"', "'"]) assert.equal(stderr.split(quote).length % 2, 1, `every ${quote} is closed: ${stderr}`);
  const other = await run('users', 'search', '--nope');
  assert.match(other.stderr, /Unknown option\. Run resetdesk help/);
  assert.equal(other.stderr.split('"').length % 2, 1, other.stderr);
});

test('help and --help print the whole usage; no command at all does too', async () => {
  for (const argv of [['help'], ['--help'], ['-h'], []]) {
    assert.deepEqual(await run(...argv), { status: 0, stdout: USAGE, stderr: '' }, argv.join(' '));
  }
});

test('help COMMAND prints that command only, and COMMAND --help the same', async () => {
  const reset = await run('help', 'password', 'reset');
  assert.equal(reset.status, 0);
  assert.match(reset.stdout, /^ {2}password reset UPN --as AGENT/m);
  assert.doesNotMatch(reset.stdout, /password change|users search|audit list/);
  assert.match(reset.stdout, /^Options:$/m, 'the options every command takes come with it');
  assert.equal((await run('password', 'reset', 'adele@contoso.com', '--help')).stdout, reset.stdout);

  const group = (await run('help', 'password')).stdout;
  assert.match(group, /password reset/);
  assert.match(group, /password change/);
  assert.doesNotMatch(group, /account unlock/);
  // An entry naming two commands belongs to both; its deeper-indented lines come with it.
  assert.match((await run('help', 'directory', 'remove')).stdout, /directory list \| directory remove NAME/);
  assert.match((await run('help', 'directory', 'add')).stdout, /--upn-attribute ATTR/);
  assert.match((await run('signin', 'adele@contoso.com', '--help')).stdout, /^ {2}signin UPN/m);
});

test('every command has its part of the usage', async () => {
  for (const name of Object.keys(COMMANDS)) {
    const { status, stdout } = await run('help', ...name.split(' '));
    assert.equal(status, 0, name);
    const entries = stdout.split('\n').filter((line) => /^ {2}\S/.test(line));
    assert.ok(entries.some((line) => line.trim().split(' | ').some((head) => head.startsWith(name))), `help ${name}:\n${stdout}`);
  }
});

test('help of an unknown command is INVALID_INPUT, exit 2, without repeating it', async () => {
  for (const argv of [['help', 'nosuch'], ['help', 'password', 'nosuch'], ['password', 'nosuch', '--help']]) {
    const { status, stdout, stderr } = await run(...argv);
    assert.equal(status, 2, argv.join(' '));
    assert.equal(stdout, '');
    assert.match(stderr, /Unknown command\. Run resetdesk help for the list\. \[INVALID_INPUT\]/);
  }
  const json = await run('help', 'nosuch', '--json');
  assert.equal(JSON.parse(json.stdout).error.code, 'INVALID_INPUT');
});
