/**
 * Issue 16 J in the window: an agent is offered only the screens their roles
 * may use (main refuses the rest anyway, test/integration/ipc/access.test.ts):
 * no Audit screen for whoever may not read it, no Users screen for a reports
 * reader, the Directories screen read-only for a Global Reader, and for a role
 * that opens nothing, a page saying so.
 */
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, signInAgent } from '../flows';
import { AuditPage } from '../pages/AuditPage';
import { DirectoriesPage } from '../pages/DirectoriesPage';
import { ShellPage } from '../pages/ShellPage';
import { SignInPage } from '../pages/SignInPage';

test('a Helpdesk Administrator gets Users, Temporary passwords, Audit and the sample outbox, not Directories', async ({ launch, sample }) => {
  const app = await launch({ db: sample.copy() });
  const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
  await expect(shell.tabList).toHaveText(['Users', 'Temporary passwords', 'Audit', 'Outbox']);
});

test('a Reports Reader gets the Audit screen only, and starts there', async ({ launch, sample }) => {
  const app = await launch({ db: sample.copy() });
  const shell = await signInAgent(app.page, sample, 'reports.reader@contoso.com');
  await expect(shell.tabList).toHaveText(['Audit']);
  await expect(shell.auditTab).toHaveAttribute('aria-selected', 'true');
  await new AuditPage(app.page).loaded();
  await expect(shell.statusBar.getByRole('button', { name: 'Sample outbox' })).toHaveCount(0);
});

test('a Global Reader reads the directory connections but is not offered to change them', async ({ launch, sample }) => {
  const app = await launch({ db: sample.copy() });
  const shell = await signInAgent(app.page, sample, 'global.reader@contoso.com');
  await expect(shell.tabList).toHaveText(['Users', 'Temporary passwords', 'Audit', 'Directories']);
  await shell.openDirectories();
  const directories = new DirectoriesPage(app.page);
  await directories.loaded();
  await expect(app.page.getByText(/^In use: the embedded directory/)).toBeVisible();
  await expect(directories.addButton).toBeDisabled();
  await expect(directories.readOnlyNote).toBeVisible();
  await expectAccessible(app.page, 'directories (read only)');
});

test('a Directory Readers agent is told their roles open nothing here, and can sign out', async ({ launch, sample }) => {
  const app = await launch({ db: sample.copy() });
  await new SignInPage(app.page).signIn('directory.reader@contoso.com', sample.passwordOf('directory.reader@contoso.com'));
  const shell = new ShellPage(app.page);
  await expect(shell.noAccess).toBeVisible();
  await expect(shell.main).toContainText('Your roles (Directory Readers) give no access in Resetdesk.');
  await expect(shell.tabs).toHaveCount(0);
  await expectAccessible(app.page, 'no access');
  await shell.signOutButton.click();
  await expect(new SignInPage(app.page).heading).toBeVisible();
});
