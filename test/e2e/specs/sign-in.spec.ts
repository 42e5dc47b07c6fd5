import { ERROR_MESSAGES } from '../../../main/domain/errors';
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, signInAgent } from '../flows';
import { ShellPage } from '../pages/ShellPage';
import { SignInPage } from '../pages/SignInPage';
import { UsersPage } from '../pages/UsersPage';

test('the Helpdesk Administrator signs in and the status bar says who, with what role, on which directory', async ({
  app,
  sample,
}) => {
  const signIn = new SignInPage(app.page);
  await expect(signIn.heading).toBeVisible();
  await expectAccessible(app.page, 'sign-in');

  const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
  await expect(shell.statusBar).toContainText('Helpdesk Administrator');
  await expect(shell.statusBar).toContainText(app.db);
  await expectAccessible(app.page, 'users (empty)');

  await shell.signOut();
  await expect(signIn.heading).toBeVisible();
});

test('a wrong password is refused with Entra\'s words, naming the directory it asked, and nothing opens', async ({ app, sample }) => {
  const signIn = new SignInPage(app.page);
  await signIn.signIn(AGENTS.helpdesk, `${sample.passwordOf(AGENTS.helpdesk)}x`);
  await expect(signIn.error).toHaveText(`${ERROR_MESSAGES.AUTH_FAILED} (asked: the embedded directory in ${app.db})`);
  await expect(signIn.heading).toBeVisible();
});

test('after sign-in the focus is in the user search: the agent types a name at once', async ({ app, sample }) => {
  const signIn = new SignInPage(app.page);
  await app.page.keyboard.type(AGENTS.helpdesk);
  await app.page.keyboard.press('Tab');
  await app.page.keyboard.type(sample.passwordOf(AGENTS.helpdesk));
  await app.page.keyboard.press('Enter');
  await new ShellPage(app.page).expectSignedIn(AGENTS.helpdesk);
  const users = new UsersPage(app.page);
  await expect(users.searchbox).toBeFocused();
  await app.page.keyboard.type('adele');
  await expect(app.page.getByRole('option', { name: /Adele Vance/ })).toBeVisible();
  await expect(signIn.heading).toBeHidden();
});

test('after sign-out the form is empty with the focus in the UPN, so the next agent signs in as themselves', async ({
  app,
  sample,
}) => {
  const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
  await shell.signOut();
  const signIn = new SignInPage(app.page);
  await expect(signIn.upn).toHaveValue('');
  await expect(signIn.upn).toBeFocused();
  await expect(signIn.someoneElseLink).toHaveCount(0);

  // The next agent types as they would at a fresh form: UPN, Tab, password, Enter.
  await app.page.keyboard.type(AGENTS.global);
  await app.page.keyboard.press('Tab');
  await app.page.keyboard.type(sample.passwordOf(AGENTS.global));
  await app.page.keyboard.press('Enter');
  await shell.expectSignedIn(AGENTS.global);
});
