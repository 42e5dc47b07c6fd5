import { ERROR_MESSAGES } from '../../../main/errors';
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, signInAgent } from '../flows';
import { SignInPage } from '../pages/SignInPage';

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

test('a wrong password is refused with Entra\'s words and nothing opens', async ({ app, sample }) => {
  const signIn = new SignInPage(app.page);
  await signIn.signIn(AGENTS.helpdesk, `${sample.passwordOf(AGENTS.helpdesk)}x`);
  await expect(signIn.error).toHaveText(ERROR_MESSAGES.AUTH_FAILED);
  await expect(signIn.heading).toBeVisible();
});
