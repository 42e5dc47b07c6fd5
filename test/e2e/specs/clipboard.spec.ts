import { expect, test } from '../fixtures';
import { AGENTS, resetPassword, signInAgent } from '../flows';
import { SignInPage } from '../pages/SignInPage';

test('the copied temporary password is cleared from the clipboard after the timeout', async ({ launch, sample }) => {
  const app = await launch({ clipboardClearSeconds: 2 });
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const { dialog, temporary } = await resetPassword(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  expect(await app.readClipboard()).toBe(temporary);
  await dialog.waitForCleared();
  expect(await app.readClipboard()).toBe('');
});

test('signing out clears the copied temporary password from the clipboard', async ({ app, sample }) => {
  const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
  const { dialog, temporary } = await resetPassword(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  await dialog.close();
  expect(await app.readClipboard()).toBe(temporary);

  await shell.signOut();
  await expect(new SignInPage(app.page).heading).toBeVisible();
  expect(await app.readClipboard()).toBe('');
});
