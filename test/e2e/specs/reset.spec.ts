import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';
import { ResetDialog } from '../pages/ResetDialog';
import { ShellPage } from '../pages/ShellPage';
import { SignInPage } from '../pages/SignInPage';

test('reset a cloud user, copy the temporary password, and the user must change it at sign-in', async ({
  app,
  sample,
}) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  await expect(users.resetButton).toBeEnabled();
  await users.resetButton.click();

  const dialog = new ResetDialog(app.page);
  await dialog.expectOpenFor('Adele Vance');
  await expect(dialog.generatedNote).toBeVisible();
  await expect(dialog.requireChange).toBeChecked();
  await dialog.confirm();

  const temporary = await dialog.temporaryPassword();
  expect(temporary).toMatch(/^\S{16}$/);
  expect(await dialog.readout()).toHaveLength(16);
  await expectAccessible(app.page, 'reset dialog (temporary password)');

  await dialog.copy();
  expect(await app.readClipboard()).toBe(temporary);

  await dialog.close();
  await expect(app.page.getByText(temporary)).toHaveCount(0);
  await expect(users.field('Must change password at next sign-in')).toHaveText('Yes');
  // The pane's recent activity says it in words, with the agent's UPN whole.
  // The reset's own row: the notifications sent after it come later, as rows of their own.
  const [latest] = await users.activityRows().filter({ hasText: 'Password reset' }).all();
  await expect(latest!.getByRole('cell').nth(1)).toHaveText('Password reset');
  await expect(latest!.getByRole('cell').nth(2)).toHaveText('helpdesk.admin@contoso.com');
  const upnCell = await latest!.getByRole('cell').nth(2).boundingBox();
  const oneLine = await latest!.getByRole('cell').nth(1).boundingBox(); // "Password reset" fits on one line
  expect(upnCell!.height, 'the UPN is not broken over two lines').toBeLessThanOrEqual(oneLine!.height + 1);

  // The user signs in with it and is taken through the change first.
  await new ShellPage(app.page).signOut();
  const signIn = new SignInPage(app.page);
  await signIn.signIn('adele.vance@contoso.com', temporary);
  await expect(signIn.changeHeading).toBeVisible();
  await expectAccessible(app.page, 'change password');
  await signIn.changePassword(temporary, 'Adele-Own-Passw0rd');
  const shell = new ShellPage(app.page);
  await shell.expectSignedIn('adele.vance@contoso.com');
  // Signed in as herself, with no admin role: Resetdesk has nothing to show her (main refuses her every read).
  await expect(shell.noAccess).toBeVisible();
});

test('an on-premises user gets a typed password, checked against the policy as it is typed', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'megan.bowen@corp.contoso.com', 'Megan Bowen');
  await users.resetButton.click();

  const dialog = new ResetDialog(app.page);
  await dialog.newPassword.fill('short');
  await expect(dialog.confirmButton).toBeDisabled();
  await dialog.newPassword.fill('Typed-Kq7x-Passw0rd');
  await expect(dialog.confirmButton).toBeEnabled();
  await dialog.confirm();
  expect(await dialog.temporaryPassword()).toBe('Typed-Kq7x-Passw0rd');
  await dialog.close();
});
