import { expect, test } from '../fixtures';
import { AGENTS, resetPassword, signInAgent } from '../flows';
import { SignInPage } from '../pages/SignInPage';
import { heldTime, holdsTime, passClipboardDelay, timerOptions } from '../timers';

test('the copied temporary password is cleared from the clipboard after the timeout', async ({ launch, sample, target }) => {
  // Held time (see ../timers.ts): the clear comes when the spec lets its delay pass, not while the copy is checked.
  const app = await launch(timerOptions(target));
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const { dialog, temporary } = await resetPassword(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  if (holdsTime(app)) expect(await app.readClipboard()).toBe(temporary);
  await passClipboardDelay(app);
  await dialog.waitForCleared();
  expect(await app.readClipboard()).toBe('');
});

test('signing out clears the copied temporary password from the clipboard', async ({ launch, sample, target }) => {
  const app = await launch(heldTime(target));
  const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
  const { dialog, temporary } = await resetPassword(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  await dialog.close();
  expect(await app.readClipboard()).toBe(temporary);

  await shell.signOut();
  await expect(new SignInPage(app.page).heading).toBeVisible();
  await expect.poll(() => app.readClipboard()).toBe('');
});
