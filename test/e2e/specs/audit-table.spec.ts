/**
 * Issue 17, item 8: the audit table and its filters. The header is whole
 * above the rows, scrolled or not (it was squeezed to nothing and the rows
 * went under where it should be); a time is on one line; nothing scrolls
 * sideways down to the minimum window (720×520), where a long UPN is cut
 * with an ellipsis and whole in its tooltip; From and To narrow the list and
 * the export, which is in the screen's words with one column per fact.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, signInAgent } from '../flows';
import { AuditPage } from '../pages/AuditPage';
import { WINDOW } from '../pages/layout';

const GUEST = 'lee.gu_fabrikam.com#EXT#@contoso.onmicrosoft.com';
const SIZES = [
  { ...WINDOW.default, name: 'default' },
  { ...WINDOW.minimum, name: 'minimum' },
] as const;
/** The window's zone, and the one the events' days are made in. */
const ZONE = 'Europe/Paris';

/**
 * The desk's zone for main too: on the Chromium target main runs in this
 * process, whose Date follows TZ (read again when it changes). In Electron
 * the window and main share the OS's.
 */
function deskZone(): () => void {
  const before = process.env.TZ;
  process.env.TZ = ZONE;
  return () => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  };
}

/** Resets of a guest and of members, one a minute from `start`, every fourth refused; appended in one transaction. */
function resetsIn(db: string, count: number, start: number): void {
  const store = DirectoryStore.open(db);
  try {
    store.transaction(() => {
      for (let i = 0; i < count; i++) {
        const refused = i % 4 === 0;
        store.audit.append(
          {
            actorId: null,
            actorUpn: AGENTS.helpdesk,
            targetId: null,
            targetUpn: i % 3 === 0 ? GUEST : `member${i}@contoso.com`,
            action: 'password.reset',
            result: refused ? 'failure' : 'success',
            errorCode: refused ? 'EXTERNAL_AUTHORITY' : null,
            detail: refused ? null : JSON.stringify({ generated: true, forceChangeNextSignIn: true, unlocked: false, callerUnverified: true }),
          },
          start + i * 60_000,
        );
      }
    });
  } finally {
    store.close();
  }
}

/** A wall-clock time in Paris in November (UTC+01:00: summer time ended on Oct 25), whatever the machine's zone. */
const parisNovember = (day: string, hour: number, minute: number) =>
  Date.parse(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+01:00`);

test('the header is whole above the rows, times on one line, nothing sideways, at the default and the minimum size', async ({ launch, sample }) => {
  const db = sample.copy();
  resetsIn(db, 200, Date.now() - 3 * 86_400_000);
  const app = await launch({ db, timezoneId: ZONE });
  const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
  await shell.openAudit();
  const audit = new AuditPage(app.page);
  await audit.loaded();

  for (const size of SIZES) {
    await app.page.setViewportSize(size);
    await audit.body.evaluate((body) => body.scrollTo({ top: 0 }));
    for (const scrolled of [0, 100]) {
      await audit.body.evaluate((body, top) => body.scrollTo({ top }), scrolled);
      expect(await audit.headerLayout(), `${size.name}, scrolled ${scrolled}px`).toEqual({ height: 48, clipped: false, overBody: false });
    }
    await expect(audit.headerRow.getByRole('columnheader')).toHaveText(['Time', 'What happened', 'Target', 'Agent']);
    for (const header of await audit.headerRow.getByRole('columnheader').all()) {
      expect(await audit.layoutOf(header), `${size.name}: header cell`).toEqual({ lines: 1, clipped: false });
    }
    expect(await audit.scrollsSideways(), `${size.name}: no horizontal scrollbar`).toBe(false);
    // Still virtualised: the body is the window's height, not its 200 rows' (only those in view are rendered).
    expect(await audit.rows().count(), `${size.name}: rows rendered`).toBeLessThanOrEqual(30);

    // Each time rendered on one line, not cut.
    const times = audit.rows().locator('[role="cell"]:first-child');
    for (const time of (await times.all()).slice(0, 6)) {
      await expect(time).toHaveText(/\d:\d\d/);
      expect(await audit.layoutOf(time), `${size.name}: ${await time.textContent()}`).toEqual({ lines: 1, clipped: false });
    }

    // A UPN too long for its column: one line, cut with an ellipsis, whole in its tooltip and its text.
    const guest = audit.row({ hasText: GUEST }).first().getByRole('cell').nth(2);
    await expect(guest).toHaveText(GUEST);
    await expect(guest).toHaveAttribute('title', GUEST);
    expect((await audit.layoutOf(guest)).lines).toBe(1);
    await expectAccessible(app.page, `audit (${size.name} size)`);

    // Its detail: the UPN whole, wrapped after a dot or an @ where it must, never cut.
    await audit.open(audit.row({ hasText: GUEST }).first());
    const target = audit.detail.locator('dt:text-is("Target") + dd');
    await expect(target).toHaveText(GUEST);
    expect((await audit.layoutOf(target)).clipped, `${size.name}: the detail's UPN`).toBe(false);
    await expectAccessible(app.page, `audit event detail (${size.name} size)`);
    await audit.closeDetail();
  }
});

test('From and To narrow the list and the export to those days (the window\'s zone), both included; a reversed range says so', async ({ launch, sample }) => {
  const db = sample.copy();
  // Four events a day, Nov 2 to Nov 5 in Paris, at 00:30, 08:30, 16:30 and 23:30.
  const store = DirectoryStore.open(db);
  store.transaction(() => {
    for (const day of ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']) {
      for (const hour of [0, 8, 16, 23]) {
        store.audit.append(
          { actorId: null, actorUpn: AGENTS.helpdesk, targetId: null, targetUpn: `day${day.slice(-2)}@contoso.com`, action: 'account.unlock', result: 'success', errorCode: null, detail: JSON.stringify({ wasLocked: true, callerVerifiedBy: ['sms'] }) },
          parisNovember(day, hour, 30),
        );
      }
    }
  });
  store.close();
  const saveDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-audit-range-'));
  const restoreZone = deskZone();
  try {
    const app = await launch({ db, saveDir, timezoneId: ZONE });
    const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
    await shell.openAudit();
    const audit = new AuditPage(app.page);
    await audit.loaded();

    await audit.filter({ target: 'day', from: '2026-11-03', to: '2026-11-04' });
    await expect(audit.count).toHaveText('8 events');
    await expect(audit.rows().filter({ hasNotText: /day0[34]@contoso\.com/ })).toHaveCount(0);
    await audit.filter({ from: '', to: '2026-11-02' });
    await expect(audit.count).toHaveText('4 events');
    await audit.filter({ from: '2026-11-05', to: '' });
    await expect(audit.count).toHaveText('4 events');

    // The same range in the export: the screen's words, one column per fact, times with Paris's offset.
    await audit.filter({ from: '2026-11-04', to: '2026-11-04' });
    await expect(audit.count).toHaveText('4 events');
    const file = await audit.exportCsv();
    const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(header).toBe('Event number,Time,What happened,Action,Result,Outcome of event,Reason,Error code,Target,Agent,Detail,Was locked,Caller verified by');
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line).toMatch(/^\d+,2026-11-04T(00|08|16|23):30:00\+01:00,Account unlocked,Account unlock,Succeeded,,,,day04@contoso\.com,helpdesk\.admin@contoso\.com,Was locked: Yes; Caller verified by: SMS code,Yes,SMS code$/);
    }

    await audit.filter({ from: '2026-11-05', to: '2026-11-03' });
    await expect(audit.error).toContainText('The From date is after the To date.');
    await expect(audit.rows()).toHaveCount(0);
  } finally {
    restoreZone();
    rmSync(saveDir, { recursive: true, force: true });
  }
});
