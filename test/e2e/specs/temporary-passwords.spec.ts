import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, resetPassword, signInAgent } from '../flows';
import { TemporaryPasswordsPage, temporaryPasswordSection } from '../pages/temporary-passwords';
import { UsersPage } from '../pages/UsersPage';

// A non-admin target: caller verification (required for administrators) is not what this spec is about.
const TARGET = { upn: 'adele.vance@contoso.com', name: 'Adele Vance' };

test('a reset shows its temporary password in the pane as issued; the follow-up view lists the user and opens them', async ({
  app,
  sample,
}) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const before = await openUser(app.page, TARGET.upn, TARGET.name);
  await expect(temporaryPasswordSection(before.pane)).toHaveCount(0);

  const { dialog } = await resetPassword(app.page, TARGET.upn, TARGET.name, { copy: false });
  await dialog.close();

  const users = new UsersPage(app.page);
  const life = temporaryPasswordSection(users.pane);
  await expect(life).toBeVisible();
  // The helpdesk agent of the sample is Patti Fernandez; the password was read out from the screen.
  await expect(life).toContainText(/Issued .+ by Patti Fernandez \(shown on screen\)/);
  await expect(life).toContainText('Not used yet · never expires');
  await expect(life).toContainText('Not changed yet');
  await expectAccessible(app.page, 'user pane with a temporary password');

  const view = new TemporaryPasswordsPage(app.page);
  await view.open();
  await expect(view.heading).toBeVisible();
  await expect(view.count).toHaveText('1 temporary password not yet changed');
  await expect(view.row(TARGET.name)).toHaveCount(1);
  await expect(await view.cell(TARGET.name, 'Age')).toHaveText('Today');
  await expect(await view.cell(TARGET.name, 'By')).toHaveText('Patti Fernandez');
  await expect(await view.cell(TARGET.name, 'State')).toHaveText('Not used yet');
  await expectAccessible(app.page, 'temporary passwords not yet changed');

  await view.openUser(TARGET.name);
  await expect(app.page.getByRole('tab', { name: 'Users' })).toHaveAttribute('aria-selected', 'true');
  await expect(users.heading()).toHaveText(TARGET.name);
  await expect(temporaryPasswordSection(users.pane)).toContainText('Not used yet');
});
