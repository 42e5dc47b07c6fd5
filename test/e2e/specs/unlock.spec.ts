import { expect, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';
import { OutboxPage } from '../pages/outbox';

test('unlock a locked user: enabled only while locked, result shown in place', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  await expect(users.field('Lockout')).toHaveText('Not locked');
  await expect(users.unlockButton).toBeDisabled();

  await openUser(app.page, 'johanna.lorenz@contoso.com', 'Johanna Lorenz');
  await expect(users.field('Lockout')).toContainText('Locked until');
  await expect(users.unlockButton).toBeEnabled();
  await users.unlock();
  await expect(users.unlockStatus).toHaveText('Account unlocked.');
  await expect(users.field('Lockout')).toHaveText('Not locked');
  await expect(users.unlockButton).toBeDisabled();
  await expect(users.option(/Johanna Lorenz/).getByText('Locked', { exact: true })).toHaveCount(0);

  // Entra's notice: the pane says where it went, and it really arrived.
  const notices = app.page.getByRole('list', { name: 'Notifications' });
  await expect(notices.getByRole('listitem').first()).toHaveText(/^User notified by email at j•••@/);
  const mail = await new OutboxPage(app.page).waitForMessage({ to: 'johanna.lorenz@contoso.com', subjectContains: 'account was unlocked' });
  expect(mail.text).toContain('(helpdesk.admin@contoso.com)');
});
