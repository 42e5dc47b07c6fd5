/**
 * The audit screen's calls over IPC on a real SQLite file: listAudit filters
 * by parts of UPNs as typed and counts the matches; exportAudit writes the
 * same filtered events as CSV to the chosen file, readable by its owner only.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import { FAST_HASHER, sampleDirectory, tempDir, type SampleFixture } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { codeOf, value, shown } from '../../support/ipc-result';

const ORIGIN = 'app://resetdesk/index.html';
const HELPDESK = 'helpdesk.admin@contoso.com';

/** The CSV's rows as cell arrays (the cells used here hold no quotes, commas or line breaks). */
const rowsOf = (csv: string) => csv.trimEnd().split('\r\n').map((line) => line.split(','));

describe('IPC: the audit list and its CSV export', () => {
  let fx: SampleFixture;
  let files: FolderFileSaver;
  let saved: ReturnType<typeof tempDir>;
  let api: ResetdeskApi;
  let temporaryPasswords: string[];

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
    saved = tempDir('resetdesk-saved-');
    files = new FolderFileSaver(saved.path);
    const app = createIpcApp({
      host: DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock }),
      clipboard: new MemoryClipboard(),
      clock: fx.clock,
      files,
      isTrustedSender: (url) => url === ORIGIN,
    });
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
    value(await api.signIn({ upn: HELPDESK, password: fx.passwordOf(HELPDESK).reveal() }));
    temporaryPasswords = [];
    for (const upn of [EX.cloudMember, EX.locked]) {
      const [user] = value(await api.searchUsers({ query: upn })).users;
      temporaryPasswords.push(shown(value(await api.resetPassword({ userId: user!.id }))).temporaryPassword);
    }
    // An event whose UPN a spreadsheet would run as a formula (someone typed it at a sign-in).
    fx.store.audit.append(
      { actorId: null, actorUpn: null, targetId: null, targetUpn: '=HYPERLINK("x")@contoso.com', action: 'signin', result: 'failure', errorCode: 'USER_NOT_FOUND' },
      fx.clock(),
    );
  });
  after(() => {
    fx.close();
    saved.cleanup();
  });

  it('lists the events whose target contains the typed text, any case, with their count', async () => {
    const part = EX.cloudMember.split('@')[0]!.slice(0, 5).toUpperCase();
    const page = value(await api.listAudit({ target: part }));
    assert.ok(page.events.length > 0);
    assert.ok(page.events.every((e) => e.targetUpn?.toLowerCase().includes(part.toLowerCase())), 'only matching targets');
    assert.equal(page.total, page.events.length);
    assert.equal(page.totalCapped, false);
    assert.deepEqual(value(await api.listAudit({ target: '%' })).events, [], 'LIKE wildcards are taken literally');
    const paged = value(await api.listAudit({ limit: 1, offset: 1 }));
    assert.equal(paged.events.length, 1);
    assert.ok(paged.total > 1, 'the count is of all matches, not of the page');
  });

  it('exports the filtered events to a 0600 CSV file, without any password', async () => {
    const answer = value(await api.exportAudit({ target: EX.cloudMember, action: 'password.reset' }));
    assert.ok(answer.saved);
    assert.equal(answer.events, 1);
    if (process.platform !== 'win32') assert.equal(statSync(answer.path).mode & 0o777, 0o600);
    const csv = readFileSync(answer.path, 'utf8');
    const [header, ...rows] = rowsOf(csv);
    assert.deepEqual(header!.slice(0, 11), ['Event number', 'Time', 'What happened', 'Action', 'Result', 'Outcome of event', 'Reason', 'Error code', 'Target', 'Agent', 'Detail']);
    assert.equal(rows.length, 1);
    const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    assert.deepEqual([row['What happened'], row['Result'], row['Target'], row['Agent']], ['Password reset', 'Succeeded', EX.cloudMember, HELPDESK]);
    assert.equal(row['Password generated'], 'Yes');
    for (const password of [...temporaryPasswords, fx.passwordOf(HELPDESK).reveal()]) {
      assert.ok(!csv.includes(password), 'no password in the export');
    }
  });

  it('filters the list and the export by a date range, both ends included; a reversed one is INVALID_INPUT', async () => {
    const now = fx.clock();
    const iso = (ms: number) => new Date(ms).toISOString();
    const within = value(await api.listAudit({ target: EX.cloudMember, from: iso(now - 1000), to: iso(now) }));
    assert.ok(within.events.length > 0 && within.events.every((e) => Date.parse(e.at) <= now && Date.parse(e.at) >= now - 1000));
    assert.equal(value(await api.listAudit({ target: EX.cloudMember, from: iso(now + 1) })).total, 0);
    const exported = value(await api.exportAudit({ target: EX.cloudMember, from: iso(now - 1000), to: iso(now) }));
    assert.ok(exported.saved);
    assert.equal(exported.events, within.total);
    assert.equal(codeOf(await api.listAudit({ from: iso(now), to: iso(now - 1) })), 'INVALID_INPUT');
    assert.equal(codeOf(await api.exportAudit({ from: '2026-12-07' })), 'INVALID_INPUT', 'a day alone: the window sends instants');
  });

  it('guards a cell that would run as a formula', async () => {
    const answer = value(await api.exportAudit({ target: '=hyperlink' }));
    assert.ok(answer.saved);
    const csv = readFileSync(answer.path, 'utf8');
    assert.match(csv, /"'=HYPERLINK\(""x""\)@contoso\.com"/);
  });

  it('counts up to 100,000 and says "more than" only past it', async () => {
    const bulk = (i: number) => fx.store.audit.append(
      { actorId: null, actorUpn: null, targetId: null, targetUpn: `bulk${i}@contoso.com`, action: 'signin', result: 'success', errorCode: null },
      fx.clock() - 1000,
    );
    fx.store.transaction(() => {
      for (let i = 0; i < 100_000; i++) bulk(i);
    });
    assert.deepEqual(
      (({ total, totalCapped }) => ({ total, totalCapped }))(value(await api.listAudit({ target: 'bulk', limit: 1 }))),
      { total: 100_000, totalCapped: false },
    );
    bulk(100_000);
    assert.deepEqual(
      (({ total, totalCapped }) => ({ total, totalCapped }))(value(await api.listAudit({ target: 'bulk', limit: 1 }))),
      { total: 100_000, totalCapped: true },
    );
  });

  it('writes nothing when the agent cancels the save dialog', async () => {
    files.cancelNext();
    assert.deepEqual(value(await api.exportAudit({})), { saved: false });
  });
});
