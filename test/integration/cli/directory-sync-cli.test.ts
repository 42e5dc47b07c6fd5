/**
 * Issue 18 through the real bin, against the real Samba AD DC and slapd:
 * `resetdesk directory sync NAME --as AGENT` makes the local copy (every
 * seeded user read) and then brings it up to date by the changes (a user
 * added with the server's own admin tools: "added 1"); `users search` answers
 * from the copy once there is one, and says how fresh it is (text) and where
 * it answered from (--json, each user's foundIn), with the state filters too;
 * before, it asks the server and says a sync makes a copy. `directory test`
 * reports whether the agent may page through every user; on slapd's default
 * size limit (the size-limited suffix) both say DIRECTORY_READ_LIMITED with
 * the setting to change, until the limit is lifted for the helpdesk.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { ROOT, runBin, type CliRun } from '../../support/cli-process';
import { tempDir } from '../../support/fixtures';
import { sambaAdmin, slapdAdmin, type DirectoryAdmin } from '../../support/directory-admin';
import { ERROR_MESSAGES } from '../../../main/domain/errors';
import { holdServersForThisFile, liftSizeLimit, loadServers, restoreSizeLimit, serversOrSkip, type Kind, type Servers } from '../directory/ldap/servers';

holdServersForThisFile();

const BIN = join(ROOT, 'bin', 'resetdesk.mjs');
const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
const upns = (run: CliRun) => (run.json as { upn: string }[]).map((u) => u.upn.toLowerCase());

function adminOf(servers: Servers, kind: Kind): DirectoryAdmin {
  return kind === 'ad' ? sambaAdmin(servers.ad.domain) : slapdAdmin(servers.openldap);
}

for (const kind of ['ad', 'openldap'] as const satisfies Kind[]) {
  describe(`directory sync and users search from the local copy: ${kind}`, () => {
    const servers = loadServers();
    const side = servers?.[kind];
    const dir = tempDir(`resetdesk-sync-${kind}-`);
    const db = join(dir.path, 'local.sqlite');
    const cli = (args: string[], as?: string, password = side?.userPassword) =>
      runBin([...args, '--db', db, ...(as ? ['--as', as] : [])], as ? { agentPassword: password! } : {});
    const asHelpdesk = (...args: string[]) => cli([...args, '--directory', 'corp'], side!.users.helpdesk!);
    const ready = (t: TestContext) => {
      if (!serversOrSkip(t)) return false;
      assert.ok(existsSync(join(ROOT, 'dist', 'cli.mjs')), 'dist/cli.mjs is missing: run `npm run build` first');
      return true;
    };

    it('before a sync: search asks the server and says directory sync makes a copy', (t) => {
      if (!ready(t)) return;
      const groups = Object.entries(side!.roleGroups).flatMap(([dn, role]) => ['--role-group', `${dn}=${role}`]);
      const add = cli(['directory', 'add', 'corp', '--type', kind, ...side!.urls.flatMap((u) => ['--url', u]), '--base', side!.baseDn, '--users-dn', side!.usersDn, '--ca', servers!.ca, ...groups]);
      assert.equal(add.status, 0, add.stdout + add.stderr);

      const text = asHelpdesk('users', 'search', 'ade');
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /Adele Vance/);
      assert.match(text.stdout, new RegExp(`\\nAsked the server: corp has no local copy yet \\(resetdesk directory sync corp --as ${side!.users.helpdesk!.replace(/\./g, '\\.')} makes one\\)\\.\\n$`));
      const json = asHelpdesk('users', 'search', 'ade', '--json');
      assert.ok(json.json.length > 0);
      assert.deepEqual(json.json[0].foundIn, { source: 'server', directory: 'corp', failure: null });
    });

    it('only an agent who may search its users syncs it: a user with no role is refused, nothing is made', (t) => {
      if (!ready(t)) return;
      const refused = cli(['directory', 'sync', 'corp', '--json'], side!.users.plain!);
      assert.equal(refused.status, 1, refused.stdout);
      assert.equal(refused.json.error.code, 'ROLE_REQUIRED', refused.stdout);
      const noAgent = cli(['directory', 'sync', 'corp']);
      assert.equal(noAgent.status, 2);
      assert.match(noAgent.stderr, /--as AGENT_UPN.*\[INVALID_INPUT\]\n$/);
      assert.match(asHelpdesk('users', 'search', 'ade').stdout, /no local copy yet/, 'still no copy');
    });

    it('the first sync reads every seeded user; search then answers from the copy, filters included, and says how fresh', (t) => {
      if (!ready(t)) return;
      const everyone = upns(asHelpdesk('users', 'search', '', '--limit', '1000', '--json'));
      assert.ok(everyone.length > 20);

      const sync = cli(['directory', 'sync', 'corp', '--json'], side!.users.helpdesk!);
      assert.equal(sync.status, 0, sync.stdout + sync.stderr);
      assert.deepEqual(Object.keys(sync.json), ['directory', 'kind', 'read', 'added', 'changed', 'removed', 'users', 'ms', 'why']);
      assert.deepEqual(
        { ...sync.json, ms: 0 },
        { directory: 'corp', kind: 'full', read: everyone.length, added: everyone.length, changed: 0, removed: 0, users: everyone.length, ms: 0, why: 'first' },
      );
      assert.equal(sync.stderr, '', 'no progress line when stderr is not a terminal');

      const fromCopy = asHelpdesk('users', 'search', '', '--limit', '1000', '--json');
      assert.deepEqual(new Set(upns(fromCopy)), new Set(everyone), 'the copy holds whom the server lists');
      const foundIn = fromCopy.json[0].foundIn;
      assert.deepEqual({ ...foundIn, syncedAt: null }, { source: 'replica', directory: 'corp', users: everyone.length, syncedAt: null });
      assert.ok(Math.abs(Date.parse(foundIn.syncedAt) - Date.now()) < 10 * 60_000, foundIn.syncedAt);

      const text = asHelpdesk('users', 'search', 'ade');
      const count = everyone.length.toLocaleString('en-US');
      assert.match(
        text.stdout,
        new RegExp(`\\nFrom the local copy of corp \\(${count} users\\), brought up to date (just now|\\d+ seconds ago)\\. resetdesk directory sync corp --as \\S+ brings it up to date\\.\\n$`),
      );
      assert.match(text.stdout, /Adele Vance/);

      const locked = asHelpdesk('users', 'search', '--locked', '--json');
      assert.ok(upns(locked).includes(side!.users.locked!), locked.stdout);
      assert.ok(locked.json.every((u: { locked: boolean; foundIn: { source: string } }) => u.locked && u.foundIn.source === 'replica'));
      assert.deepEqual(upns(asHelpdesk('users', 'search', 'adele', '--locked', '--json')), []);
    });

    it('a user added with the admin tools is found after a second sync, which reports "added 1"', (t) => {
      if (!ready(t)) return;
      const admin = adminOf(servers!, kind);
      const name = 'zeb.replica';
      admin.removeIfThere(name);
      t.after(() => admin.removeIfThere(name));
      const added = admin.addUser(name, 'Zebulon', 'Replicaton');

      assert.deepEqual(upns(asHelpdesk('users', 'search', 'zebulon', '--json')), [], 'the copy does not hold them yet');
      const sync = cli(['directory', 'sync', 'corp'], side!.users.helpdesk!);
      assert.equal(sync.status, 0, sync.stderr);
      assert.match(sync.stdout, /^Synced corp \(the changes since the last sync\): read \d+, added 1, changed \d+, removed 0\.\n/);
      assert.match(sync.stdout, /\nThe local copy of corp holds [\d,]+ users\. Took [\d.]+ (ms|s)\.\n$/);
      const found = asHelpdesk('users', 'search', 'zebulon', '--json');
      assert.deepEqual(upns(found), [added.upn.toLowerCase()]);
      assert.equal(found.json[0].foundIn.source, 'replica');

      const full = cli(['directory', 'sync', 'corp', '--full', '--json'], side!.users.helpdesk!);
      assert.equal(full.status, 0, full.stdout);
      assert.deepEqual([full.json.kind, full.json.why, full.json.added, full.json.removed], ['full', 'asked', 0, 0]);
      assert.equal(full.json.read, full.json.users);
    });

    it('on a terminal, a full read shows its progress on stderr, then clears the line', (t) => {
      if (!ready(t)) return;
      // script(1) runs the bin on a pseudo-terminal: what a person at a shell sees (stdout and stderr together).
      const command = [process.execPath, BIN, 'directory', 'sync', 'corp', '--full', '--db', db, '--as', side!.users.helpdesk!].map(shellQuote).join(' ');
      const run = spawnSync('script', ['-qec', command, '/dev/null'], {
        env: { ...process.env, RESETDESK_DB: '', RESETDESK_AGENT_PASSWORD: side!.userPassword },
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.equal(run.status, 0, run.stdout);
      // ESC [K (erase to the end of the line) written as ~ so the pattern holds no control character.
      const shown = run.stdout.replaceAll('\u001b[K', '~');
      assert.match(shown, /^(\rReading the directory: [\d,]+ (users so far|of about [\d,]+ users)~)+\r~Synced corp \(everything read again, asked with --full\)/);
    });

    it('directory test: the agent may page through every user', (t) => {
      if (!ready(t)) return;
      const test = cli(['directory', 'test', 'corp', '--json'], side!.users.helpdesk!);
      assert.equal(test.status, 0, test.stdout);
      const step = test.json.steps.find((s: { step: string }) => s.step === 'page through every user');
      assert.equal(step?.ok, true, test.stdout);
      assert.match(step.detail, /^all [\d,]+ users, page by page$/);
      dir.cleanup();
    });
  });
}

describe('directory sync on a size-limited slapd (its default 500, more users than that)', () => {
  const servers = loadServers();
  const side = servers?.limited;
  const dir = tempDir('resetdesk-sync-limited-');
  const db = join(dir.path, 'local.sqlite');
  const asHelpdesk = (...args: string[]) => runBin([...args, '--db', db, '--as', side!.users.helpdesk!], { agentPassword: side!.userPassword });

  it('sync fails with DIRECTORY_READ_LIMITED and the setting, in one line; test says so; search asks the server', (t) => {
    if (!serversOrSkip(t)) return;
    const groups = Object.entries(side!.roleGroups).flatMap(([dn, role]) => ['--role-group', `${dn}=${role}`]);
    const add = runBin(['directory', 'add', 'limited', '--type', 'openldap', ...side!.urls.flatMap((u) => ['--url', u]), '--base', side!.baseDn, '--users-dn', side!.usersDn, '--upn-attribute', 'mail', '--ca', servers!.ca, ...groups, '--db', db]);
    assert.equal(add.status, 0, add.stdout + add.stderr);

    const json = asHelpdesk('directory', 'sync', 'limited', '--json');
    assert.equal(json.status, 1, json.stdout);
    assert.equal(json.json.error.code, 'DIRECTORY_READ_LIMITED');
    assert.ok(json.json.error.message.startsWith(ERROR_MESSAGES.DIRECTORY_READ_LIMITED), json.stdout);
    assert.match(json.json.error.message, /olcLimits.*size\.prtotal=unlimited/);
    const text = asHelpdesk('directory', 'sync', 'limited');
    assert.equal(text.status, 1);
    assert.equal(text.stdout, '');
    assert.match(text.stderr, /^resetdesk: The directory refused to list every user .*size\.prtotal=unlimited.* \[DIRECTORY_READ_LIMITED\]\n$/);

    const test = asHelpdesk('directory', 'test', 'limited', '--json');
    assert.equal(test.status, 1, 'a step failed');
    const steps = test.json.steps as { step: string; ok: boolean; detail: string }[];
    const page = steps.find((s) => s.step === 'page through every user')!;
    assert.equal(page.ok, false);
    assert.equal(page.detail, json.json.error.message, "the feed's words, as the sync says them");
    assert.deepEqual(steps.filter((s) => !s.ok).map((s) => s.step), ['page through every user'], 'the rest passes: bind, search, roles');
    const testText = asHelpdesk('directory', 'test', 'limited');
    assert.match(testText.stdout, /^FAIL {2}page through every user: The directory refused to list every user .*size\.prtotal=unlimited.*\n/m);

    // No --directory: the one directory add made the active one on this fresh install.
    const search = asHelpdesk('users', 'search', 'tara');
    assert.equal(search.status, 0, search.stderr);
    assert.match(search.stdout, /Tara Anderson/);
    assert.match(search.stdout, /\nAsked the server: the local copy of limited could not be made \[DIRECTORY_READ_LIMITED\] \(resetdesk directory test limited --as \S+ says why\)\.\n$/);
  });

  it('once the limit is lifted for the helpdesk, test passes and sync reads every user', (t) => {
    if (!serversOrSkip(t)) return;
    liftSizeLimit();
    try {
      const test = asHelpdesk('directory', 'test', 'limited', '--json');
      assert.equal(test.status, 0, test.stdout);
      const count = side!.userCount!;
      assert.equal(test.json.steps.find((s: { step: string }) => s.step === 'page through every user').detail, `all ${count} users, page by page`);
      const sync = asHelpdesk('directory', 'sync', 'limited', '--json');
      assert.equal(sync.status, 0, sync.stdout);
      assert.deepEqual([sync.json.kind, sync.json.read, sync.json.users], ['full', count, count]);
      assert.match(asHelpdesk('users', 'search', 'tara', '--directory', 'limited').stdout, new RegExp(`\\nFrom the local copy of limited \\(${count} users\\)`));
    } finally {
      restoreSizeLimit();
      dir.cleanup();
    }
  });
});
