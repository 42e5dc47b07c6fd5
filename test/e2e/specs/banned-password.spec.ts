/**
 * Entra's banned-password check in the reset dialog (Chromium target, the
 * sample tenant "Contoso"): an on-premises user's typed password is checked
 * by main as it is typed, and the reason shows before any click, naming the
 * tenant's word, never the password. Megan Bowen holds no admin role, so the
 * caller-verification rule only warns for her.
 */
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';
import { ResetDialog } from '../pages/ResetDialog';
import { ShellPage } from '../pages/ShellPage';
import { SignInPage } from '../pages/SignInPage';

test('a typed Contoso2024! is refused live with its reason, and Reset stays refused', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'megan.bowen@corp.contoso.com', 'Megan Bowen');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await dialog.expectOpenFor('Megan Bowen');

  await dialog.newPassword.fill('Contoso2024!');
  // The policy's own rules are all met: only the banned check refuses it.
  await expect(dialog.policyChecklist.getByRole('listitem').filter({ hasText: 'Not met' })).toHaveCount(0);
  await expect(dialog.bannedCheck).toContainText('Refused');
  await expect(dialog.bannedCheck).toContainText('contoso');
  await expect(dialog.bannedCheck).not.toContainText('Contoso2024');
  await expect(dialog.confirmButton).toBeDisabled();
  await expectAccessible(app.page, 'reset dialog (banned password refused)');
  // Enter does not submit it either.
  await dialog.newPassword.press('Enter');
  await expect(dialog.password).toBeHidden();

  // Her own name is refused too, in words.
  await dialog.newPassword.fill('Megan#Bowen7');
  await expect(dialog.bannedCheck).toContainText('It contains your name.');
  await expect(dialog.confirmButton).toBeDisabled();

  // A password of her own passes and the reset goes through.
  await dialog.newPassword.fill('Kd7#pQ2vLm9x');
  await expect(dialog.bannedCheck).toContainText('Not a banned');
  await expect(dialog.confirmButton).toBeEnabled();
  await dialog.confirm();
  expect(await dialog.temporaryPassword()).toBe('Kd7#pQ2vLm9x');
  await dialog.close();
});

test('the must-change screen checks the new password live too, with the reason', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await dialog.confirm();
  const temporary = await dialog.temporaryPassword();
  await dialog.close();
  await new ShellPage(app.page).signOut();

  const signIn = new SignInPage(app.page);
  await signIn.signIn('adele.vance@contoso.com', temporary);
  await expect(signIn.changeHeading).toBeVisible();
  await signIn.currentPassword.fill(temporary);
  await signIn.newPassword.fill('Contoso2024!');
  await signIn.confirmPassword.fill('Contoso2024!');
  await expect(signIn.bannedCheck).toContainText("It contains your organisation's name: contoso.");
  await expect(signIn.changeButton).toBeDisabled();
  await signIn.newPassword.fill('Adele#Vance1');
  await signIn.confirmPassword.fill('Adele#Vance1');
  await expect(signIn.bannedCheck).toContainText('It contains your name.');
  await expect(signIn.changeButton).toBeDisabled();
  await signIn.changePassword(temporary, 'Rt4!wZ8nHs2q');
  await new ShellPage(app.page).expectSignedIn('adele.vance@contoso.com');
});
