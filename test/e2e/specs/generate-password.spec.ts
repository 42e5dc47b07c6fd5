/**
 * On-premises users get a password the agent types (Entra: the admin creates
 * it); "Generate" fills one that meets the tenant's policy and reads well over
 * the phone, which the agent keeps or edits.
 */
import { DEFAULT_PASSWORD_POLICY } from '../../../main/domain/types';
import { LOOK_ALIKES } from '../../../main/reset/generator';
import { checkPasswordPolicy } from '../../../main/domain/password-policy';
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';
import { ResetDialog } from '../pages/ResetDialog';

test('Generate fills a compliant, phone-friendly password, and the reset sets it', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'megan.bowen@corp.contoso.com', 'Megan Bowen');
  await users.resetButton.click();

  const dialog = new ResetDialog(app.page);
  await dialog.expectOpenFor('Megan Bowen');
  await expect(dialog.confirmButton).toBeDisabled();
  const generated = await dialog.generate();

  // The sample tenant keeps Entra's default policy.
  expect(checkPasswordPolicy(generated, DEFAULT_PASSWORD_POLICY)).toEqual([]);
  expect([...generated].filter((c) => LOOK_ALIKES.includes(c))).toEqual([]);
  await expect(dialog.policyChecklist.getByRole('listitem').filter({ hasText: 'Not met' })).toHaveCount(0);
  await expect(dialog.confirmButton).toBeEnabled();
  await expectAccessible(app.page, 'reset dialog (generated password)');

  await dialog.confirm();
  expect(await dialog.temporaryPassword()).toBe(generated);
  await dialog.close();
});

test('the generated password is the agent\'s to edit, checked like any typed one', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'megan.bowen@corp.contoso.com', 'Megan Bowen');
  await users.resetButton.click();

  const dialog = new ResetDialog(app.page);
  const first = await dialog.generate();
  const second = await dialog.generate();
  expect(second).not.toBe(first);

  await dialog.newPassword.fill(second.slice(0, 6));
  await expect(dialog.generatedPasswordNote).toBeHidden();
  await expect(dialog.confirmButton).toBeDisabled();

  await dialog.newPassword.fill(`${second}#`);
  await expect(dialog.confirmButton).toBeEnabled();
  await dialog.confirm();
  expect(await dialog.temporaryPassword()).toBe(`${second}#`);
  await dialog.close();
});
