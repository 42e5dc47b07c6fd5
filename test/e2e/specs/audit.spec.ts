import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';
import { AuditPage } from '../pages/AuditPage';
import { ResetDialog } from '../pages/ResetDialog';

test('the audit screen lists what the agent did, filterable by target and action', async ({ app, sample }) => {
  const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await dialog.confirm();
  await dialog.temporaryPassword();
  await dialog.close();
  await openUser(app.page, 'johanna.lorenz@contoso.com', 'Johanna Lorenz');
  await users.unlock();
  await expect(users.activityRows()).not.toHaveCount(0);

  await shell.openAudit();
  const audit = new AuditPage(app.page);
  await audit.loaded();
  await expectAccessible(app.page, 'audit');

  await audit.filter({ target: 'adele.vance@contoso.com' });
  const resets = await audit.rowValues();
  expect(resets).toContainEqual(
    expect.objectContaining({ agent: AGENTS.helpdesk, target: 'adele.vance@contoso.com', action: 'password.reset', result: 'success' }),
  );
  expect(resets.every((row) => row.target === 'adele.vance@contoso.com')).toBe(true);

  await audit.filter({ target: '', action: 'account.unlock' });
  const unlocks = await audit.rowValues();
  expect(unlocks).toContainEqual(
    expect.objectContaining({ agent: AGENTS.helpdesk, target: 'johanna.lorenz@contoso.com', action: 'account.unlock' }),
  );
  expect(unlocks.every((row) => row.action === 'account.unlock')).toBe(true);
});
