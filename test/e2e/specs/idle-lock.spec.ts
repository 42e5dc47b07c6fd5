import { ERROR_MESSAGES } from '../../../main/errors';
import { expect, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';
import { ResetDialog } from '../pages/ResetDialog';
import { SignInPage } from '../pages/SignInPage';

test('after the idle time the app locks, forgets the temporary password, and asks to sign in again', async ({
  launch,
  sample,
}) => {
  const app = await launch({ idleLockMinutes: 0.05 }); // 3 seconds
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await dialog.confirm();
  const temporary = await dialog.temporaryPassword();

  const signIn = new SignInPage(app.page);
  await expect(signIn.heading).toBeVisible({ timeout: 15_000 });
  await expect(app.page.getByText(ERROR_MESSAGES.SESSION_LOCKED)).toBeVisible();
  await expect(signIn.upn).toHaveValue(AGENTS.helpdesk);
  await expect(dialog.dialog).toBeHidden();
  await expect(app.page.getByText(temporary)).toHaveCount(0);
});
