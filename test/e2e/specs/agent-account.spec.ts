import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, disableAccount, openUser, signInAgent } from '../flows';
import { SignInPage } from '../pages/SignInPage';
import { UnlockDialog } from '../pages/UnlockDialog';

test('an agent disabled in the directory while signed in is signed out at the next change, and told why', async ({
  launch,
  sample,
}) => {
  const db = sample.copy();
  const app = await launch({ db });
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'johanna.lorenz@contoso.com', 'Johanna Lorenz');
  await expect(users.unlockButton).toBeEnabled();

  disableAccount(db, AGENTS.helpdesk);
  await users.unlockButton.click();
  // Johanna's caller is not verified (recommended for her): the agent confirms, and main finds the agent disabled.
  await new UnlockDialog(app.page).confirmButton.click();

  const signIn = new SignInPage(app.page);
  await expect(signIn.heading).toBeVisible();
  await expect(
    app.page.getByText('You have been signed out: your own account can no longer act in this directory. It was disabled.', {
      exact: true,
    }),
  ).toBeVisible();
  await expectAccessible(app.page, 'sign-in (own account disabled)');

  // The same agent cannot come back while the account stays disabled.
  await signIn.signIn(AGENTS.helpdesk, sample.passwordOf(AGENTS.helpdesk));
  await expect(signIn.error).toContainText('Your account has been disabled.');
});
