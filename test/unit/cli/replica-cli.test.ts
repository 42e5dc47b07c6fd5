/**
 * `resetdesk directory sync` and `users search` on a local replica (issue 18):
 * the arguments (--full, NAME, --as), the report in text and JSON (stable
 * keys), how fresh a copy is, the progress line, and the help.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCli } from '../../../main/cli/args';
import { agoText, durationText, searchSourceText, syncJson, syncProgressText, syncText } from '../../../main/cli/replica-format';
import { USAGE } from '../../../main/cli/run';
import { runInMemory } from '../../support/cli-in-memory';
import type { SyncReport } from '../../../main/app/replica/replica-sync';

const run = runInMemory;

const FIRST: SyncReport = { kind: 'full', read: 12345, added: 12345, changed: 0, removed: 0, users: 12345, ms: 4210, why: 'first' };
const CHANGES: SyncReport = { kind: 'changes', read: 3, added: 1, changed: 1, removed: 1, users: 12345, ms: 380 };

describe('directory sync: arguments', () => {
  it('takes NAME, --full and --as; --full is a flag', () => {
    const args = parseCli(['directory', 'sync', 'corp', '--full', '--as', 'hd@corp.example', '--json']);
    assert.deepEqual(args.positionals, ['directory', 'sync', 'corp']);
    assert.equal(args.options.full, true);
    assert.equal(args.options.as, 'hd@corp.example');
    assert.equal(parseCli(['directory', 'sync', 'corp']).options.full, undefined);
    assert.throws(() => parseCli(['directory', 'sync', 'corp', '--full=yes']), /INVALID_INPUT|does not take an argument/);
  });

  it('without NAME: one line, exit 2, before anything is opened', async () => {
    const { status, stdout, stderr } = await run('directory', 'sync', '--db', '/nonexistent/local.sqlite');
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'resetdesk: The request is not valid. Missing the directory name. [INVALID_INPUT]\n');
  });

  it('is in the usage and in its own help', async () => {
    assert.match(USAGE, /^ {2}directory sync NAME \[--full\] --as AGENT /m);
    const help = await run('help', 'directory', 'sync');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /directory sync NAME \[--full\] --as AGENT/);
    assert.match(help.stdout, /--json: \{kind, read, added, changed, removed, users,\s+ms, why\}/);
    assert.doesNotMatch(help.stdout, /directory add/, 'only its own part');
    assert.match((await run('help', 'directory', 'test')).stdout, /paging through every user/);
  });
});

describe('directory sync: the report', () => {
  it('--json: the same keys every time, why null for changes', () => {
    const keys = ['directory', 'kind', 'read', 'added', 'changed', 'removed', 'users', 'ms', 'why'];
    assert.deepEqual(Object.keys(syncJson('corp', FIRST)), keys);
    assert.deepEqual(Object.keys(syncJson('corp', CHANGES)), keys);
    assert.deepEqual(syncJson('corp', CHANGES), { directory: 'corp', kind: 'changes', read: 3, added: 1, changed: 1, removed: 1, users: 12345, ms: 380, why: null });
    assert.equal(syncJson('corp', FIRST).why, 'first');
  });

  it('text: what was read, added, changed and removed, the users in the copy, the time taken', () => {
    assert.equal(
      syncText('corp', FIRST),
      'Synced corp (everything read again, the first sync: there was no local copy): read 12,345, added 12,345, changed 0, removed 0.\n' +
        'The local copy of corp holds 12,345 users. Took 4.2 s.\n',
    );
    assert.equal(
      syncText('corp', CHANGES),
      'Synced corp (the changes since the last sync): read 3, added 1, changed 1, removed 1.\nThe local copy of corp holds 12,345 users. Took 380 ms.\n',
    );
    assert.match(syncText('corp', { ...FIRST, why: 'asked' }), /\(everything read again, asked with --full\)/);
    assert.match(syncText('corp', { ...FIRST, why: 'the DC answering is another one' }), /\(everything read again, the DC answering is another one\)/);
    assert.match(syncText('corp', { ...CHANGES, users: 1 }), /holds 1 user\./);
  });

  it('durations: ms, seconds with one decimal, minutes and seconds', () => {
    assert.deepEqual([0, 999, 1000, 1420, 59_949, 125_000].map(durationText), ['0 ms', '999 ms', '1.0 s', '1.4 s', '59.9 s', '2 min 5 s']);
  });

  it('progress: the status bar\'s words, with the estimate when there is one', () => {
    assert.equal(syncProgressText('corp', { read: 42000, estimate: null }), 'Reading the directory: 42,000 users so far');
    assert.equal(syncProgressText('corp', { read: 42000, estimate: 312345 }), 'Reading the directory: 42,000 of about 310,000 users');
    // Never "of about" fewer than are read already (the estimate rounded to two digits).
    assert.equal(syncProgressText('corp', { read: 313, estimate: 314 }), 'Reading the directory: 313 users so far');
    assert.equal(syncProgressText('corp', { read: 300, estimate: 314 }), 'Reading the directory: 300 of about 310 users');
  });
});

describe('users search on a real directory: where it answered from', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  const at = (msAgo: number) => new Date(now - msAgo).toISOString();

  it('from the local copy: its size and how fresh, and the command that brings it up to date', () => {
    assert.equal(
      searchSourceText({ source: 'replica', directory: 'corp', users: 12345, syncedAt: at(3 * 60_000 + 20_000) }, 'hd@corp.example', now),
      'From the local copy of corp (12,345 users), brought up to date 3 minutes ago. resetdesk directory sync corp --as hd@corp.example brings it up to date.\n',
    );
  });

  it('from the server: a hint that directory sync makes a copy, or that it could not', () => {
    assert.equal(
      searchSourceText({ source: 'server', directory: 'corp', failure: null }, 'hd@corp.example', now),
      'Asked the server: corp has no local copy yet (resetdesk directory sync corp --as hd@corp.example makes one).\n',
    );
    assert.equal(
      searchSourceText({ source: 'server', directory: 'corp', failure: 'DIRECTORY_READ_LIMITED' }, 'hd@corp.example', now),
      'Asked the server: the local copy of corp could not be made [DIRECTORY_READ_LIMITED] (resetdesk directory test corp --as hd@corp.example says why).\n',
    );
  });

  it('how long ago, in the largest whole unit', () => {
    const cases: [number, string][] = [
      [0, 'just now'],
      [4_999, 'just now'],
      [5_000, '5 seconds ago'],
      [59_999, '59 seconds ago'],
      [60_000, '1 minute ago'],
      [3 * 60_000 + 59_000, '3 minutes ago'],
      [60 * 60_000, '1 hour ago'],
      [47 * 3600_000, '47 hours ago'],
      [48 * 3600_000, '2 days ago'],
      [-10_000, 'just now'],
    ];
    for (const [ms, words] of cases) assert.equal(agoText(ms), words, String(ms));
  });
});
