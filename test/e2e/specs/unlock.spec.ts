import { expect, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';

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
});
