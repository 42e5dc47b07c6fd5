/**
 * Issue 17, item 8: an audit event's detail. A reset with the password the
 * dialog's Generate made says "Password generated: Yes" (main recognises its
 * own suggestion; it used to audit it as typed); a caller nobody verified
 * reads "Caller verified: No", not a double negative; closing the detail, by
 * Escape or Close, puts the focus back on the row that opened it.
 */
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';
import { AuditPage } from '../pages/AuditPage';
import { ResetDialog } from '../pages/ResetDialog';

const MEGAN = EX.syncedManaged;

test('a reset with the generated password says "Password generated: Yes"; an edited one "No"; the caller "Caller verified: No"', async ({ app, sample }) => {
  const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
  for (const edit of [false, true]) {
    const users = await openUser(app.page, MEGAN, 'Megan Bowen');
    await users.resetButton.click();
    const dialog = new ResetDialog(app.page);
    const generated = await dialog.generate();
    await dialog.confirm(edit ? { password: `${generated}7` } : {});
    await expect(dialog.password).toBeVisible();
    await dialog.close();
  }

  await shell.openAudit();
  const audit = new AuditPage(app.page);
  await audit.loaded();
  await audit.filter({ target: 'megan.bowen', action: 'Password reset' });
  await expect(audit.rows()).toHaveCount(2);
  // Newest first: the edited one, then the one kept as generated.
  await audit.open(audit.rows().nth(1));
  const kept = await audit.facts();
  expect(kept).toMatchObject({ 'Password generated': 'Yes', 'Caller verified': 'No' });
  expect(Object.keys(kept)).not.toContain('Caller not verified');
  await expectAccessible(app.page, 'audit event detail');
  await audit.closeDetail();

  await audit.open(audit.rows().nth(0));
  expect(await audit.facts()).toMatchObject({ 'Password generated': 'No', 'Caller verified': 'No' });
  await audit.closeDetail();
});

test('closing the detail by Escape or Close puts the focus back on the row that opened it', async ({ app, sample }) => {
  const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
  await shell.openAudit();
  const audit = new AuditPage(app.page);
  await audit.loaded();
  // Sign-ins are there already (this one at least); make three rows to choose from.
  await expect(audit.rows().first()).toBeVisible();
  const rows = audit.rows();

  const ways = [
    { open: 'button', close: 'escape' },
    { open: 'row', close: 'button' },
    { open: 'keyboard', close: 'escape' },
    { open: 'keyboard', close: 'button' },
  ] as const;
  for (const [i, way] of ways.entries()) {
    const row = rows.nth(i % Math.max(1, await rows.count()));
    await audit.open(row, way.open);
    await audit.closeDetail(way.close);
    await expect(audit.rowButton(row), `opened by ${way.open}, closed by ${way.close}`).toBeFocused();
  }
});
