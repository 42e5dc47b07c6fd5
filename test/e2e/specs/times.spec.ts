/**
 * Issue 17, item 9: one way of writing a time in the app, from the OS locale
 * and time zone (here the window's: en-GB in Kolkata, UTC+05:30). The code's
 * "valid until" and "verified at" in the pane, the message's time in the
 * outbox, the events' in the audit, the reset result's expiry and the
 * temporary password's issue time all read as the locale's medium date and
 * short time ("7 Dec 2026, 20:15"); the pane's used to say "valid until
 * 02:52 PM" while the outbox said "2:42 PM".
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { keychainSkip } from '../../support/keychain';
import { expect, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';
import { PROJECT_ROOT } from '../launch';
import { AuditPage } from '../pages/AuditPage';
import { codeIn, OutboxPage } from '../pages/outbox';
import { ResetDialog } from '../pages/ResetDialog';
import { ShellPage } from '../pages/ShellPage';
import { TemporaryPasswordsPage } from '../pages/temporary-passwords';
import { VerifyCallerPanel } from '../pages/verification';

const ADELE = 'adele.vance@contoso.com';
const LOCALE = 'en-GB';
const ZONE = 'Asia/Kolkata';
const MINUTE = 60_000;
/** en-GB's medium date and short time: "7 Dec 2026, 20:15" (a 24-hour clock, the day first). */
const EN_GB_TIME = /^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}$/;

/**
 * How the window's locale and zone write each minute from `from` to `to`
 * (shifted by `offset`): a time the app shows for something that happened in
 * that span must be one of them, to the letter. Asked of the page's own Intl.
 */
async function writtenBetween(page: Page, from: number, to: number, offset = 0): Promise<string[]> {
  return page.evaluate(
    ({ from, to, offset }) => {
      const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
      const out: string[] = [];
      for (let t = Math.floor(from / 60_000) * 60_000; t <= to; t += 60_000) out.push(format.format(t + offset));
      return out;
    },
    { from, to, offset },
  );
}

test('the same way in the pane, the outbox, the audit, the reset result and the temporary passwords: the OS locale\'s', async ({ launch, sample }) => {
  const noKeychain = await keychainSkip('e2e times (the sample outbox needs the keychain)');
  test.skip(noKeychain !== null, noKeychain ?? '');
  const db = sample.copy();
  // Temporary passwords that expire after 7 days, so the reset result says when.
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'resetdesk.mjs'), 'tenant', 'set', 'temporaryPasswordLifetimeDays', '7', '--as', AGENTS.global, '--db', db], {
    env: { ...process.env, RESETDESK_AGENT_PASSWORD: sample.passwordOf(AGENTS.global) },
    stdio: 'pipe',
  });
  const app = await launch({ db, locale: LOCALE, timezoneId: ZONE });
  const page = app.page;
  await signInAgent(page, sample, AGENTS.helpdesk);
  const shown: Record<string, string> = {};

  // The pane: the code's "valid until" (10 minutes after it was sent).
  const sentFrom = Date.now();
  await openUser(page, ADELE, 'Adele Vance');
  const panel = new VerifyCallerPanel(page);
  await panel.sendEmailCode();
  const sentTo = Date.now();
  shown.validUntil = /\(valid until (.+)\)\.?$/.exec((await panel.sentNote.textContent()) ?? '')?.[1] ?? '';
  expect(await writtenBetween(page, sentFrom, sentTo, 10 * MINUTE)).toContain(shown.validUntil);

  // The outbox: when the code's message arrived.
  const mail = await new OutboxPage(page).waitForMessage({ subjectContains: 'verification code', channel: 'email' });
  shown.outbox = mail.when;
  expect(await writtenBetween(page, sentFrom, Date.now())).toContain(shown.outbox);

  // The pane again: when the caller was verified.
  await new ShellPage(page).openUsers();
  const users = await openUser(page, ADELE, 'Adele Vance');
  const checkedFrom = Date.now();
  await panel.checkEmailCode(codeIn(mail.text));
  await expect(panel.verifiedLines).toBeVisible();
  shown.verifiedAt = /^Caller verified by email code at (.+) \(valid 10 min\)$/.exec((await panel.verifiedLines.textContent()) ?? '')?.[1] ?? '';
  expect(await writtenBetween(page, checkedFrom, Date.now())).toContain(shown.verifiedAt);

  // The reset result: when the temporary password expires (7 days on).
  const resetFrom = Date.now();
  await users.resetButton.click();
  const dialog = new ResetDialog(page);
  await dialog.confirm();
  await expect(dialog.password).toBeVisible();
  const resetTo = Date.now();
  shown.expires = /This temporary password expires (.+)\.$/.exec((await dialog.dialog.getByText(/^This temporary password expires /).textContent()) ?? '')?.[1] ?? '';
  expect(await writtenBetween(page, resetFrom, resetTo, 7 * 24 * 60 * MINUTE)).toContain(shown.expires);
  await dialog.close();

  // The temporary passwords: when it was issued.
  const temporary = new TemporaryPasswordsPage(page);
  await temporary.open();
  shown.issued = ((await (await temporary.cell('Adele Vance', 'Issued')).textContent()) ?? '').trim();
  expect(await writtenBetween(page, resetFrom, resetTo)).toContain(shown.issued);

  // The audit: the code's sending, in the table and in the event's detail.
  await new ShellPage(page).openAudit();
  const audit = new AuditPage(page);
  await audit.loaded();
  await audit.filter({ target: 'adele', action: 'Verification code sent' });
  const row = audit.rows().first();
  shown.auditRow = ((await row.getByRole('cell').first().textContent()) ?? '').trim();
  expect(await writtenBetween(page, sentFrom, sentTo)).toContain(shown.auditRow);
  await audit.open(row);
  shown.auditDetail = (await audit.facts()).Time ?? '';
  expect(shown.auditDetail).toBe(shown.auditRow);
  await audit.closeDetail();

  // One format everywhere: the locale's, in the window's zone.
  for (const [where, text] of Object.entries(shown)) expect(text, where).toMatch(EN_GB_TIME);
});
