/**
 * Issue 17, item 6 and the reset dialog at the window's minimum size: the
 * typed password can be shown and hidden (a toggle button, aria-pressed), the
 * policy's rules are said once (the live checklist), the note after Generate
 * follows where the password goes, and the NATO readout's toggle says Hide
 * when it is open. At 720×520 the caller warning's text stays in its box.
 */
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';
import { WINDOW, expectNoSideScroll, expectTextApart, settled } from '../pages/layout';
import { ResetDialog } from '../pages/ResetDialog';

const MEGAN = 'megan.bowen@corp.contoso.com'; // synced, managed domain: the agent types the password

test('the typed password: a show/hide toggle, the rules once, and a Generate note that follows the destination', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, MEGAN, 'Megan Bowen');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await dialog.expectOpenFor('Megan Bowen');

  // Show / hide: a toggle button; the field's type follows it.
  await dialog.newPassword.fill('Typed-by-hand 42');
  await expect(dialog.newPassword).toHaveAttribute('type', 'password');
  await expect(dialog.showPassword).toHaveAttribute('aria-pressed', 'false');
  await dialog.showPassword.click();
  await expect(dialog.showPassword).toHaveAttribute('aria-pressed', 'true');
  await expect(dialog.newPassword).toHaveAttribute('type', 'text');
  await expect(dialog.newPassword).toHaveValue('Typed-by-hand 42');
  await dialog.showPassword.click();
  await expect(dialog.newPassword).toHaveAttribute('type', 'password');

  // The rules once: the checklist, no hint repeating it.
  await expect(dialog.policyChecklist).toBeVisible();
  await expect(dialog.dialog.getByText(/at least 3 of/)).toHaveCount(1);
  await expect(dialog.dialog.getByText(/8 to 256 characters/)).toHaveCount(0);

  // Generate, shown on screen: the note says so.
  await dialog.generate();
  await expect(dialog.generatedPasswordNote).toHaveText(
    'Generated a password that meets the policy. Keep it or edit it; it is shown in full after the reset.',
  );
  // Sent by SMS: the note follows the choice, as the result will ("you will not see it").
  await dialog.sendTo('sms');
  await expect(dialog.generatedPasswordNote).toHaveText(
    /^Generated a password that meets the policy\. Keep it or edit it; after the reset it is sent by SMS to \+1 .+, and you will not see it\.$/,
  );
  await expect(dialog.generatedPasswordNote).not.toContainText('shown in full');
  await dialog.sendTo('email');
  await expect(dialog.generatedPasswordNote).toContainText(/after the reset it is sent by email to .•••@/);
  await settled(app.page);
  await expectAccessible(app.page, 'reset dialog, typed password (default size)');
  await app.page.setViewportSize(WINDOW.minimum);
  await expectNoSideScroll(app.page);
  await settled(app.page);
  await expectAccessible(app.page, 'reset dialog, typed password (minimum size)');
});

test('the NATO readout toggle says Show when closed and Hide when open, with aria-expanded', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await dialog.confirm();
  await expect(dialog.password).toBeVisible();

  await expect(dialog.readoutToggle).toHaveText('Show NATO readout');
  await expect(dialog.readoutToggle).toHaveAttribute('aria-expanded', 'false');
  await dialog.readoutToggle.click();
  await expect(dialog.readoutToggle).toHaveText('Hide NATO readout');
  await expect(dialog.readoutToggle).toHaveAttribute('aria-expanded', 'true');
  await expect(dialog.readoutList).toBeVisible();
  await app.page.setViewportSize(WINDOW.minimum);
  await expectNoSideScroll(app.page);
  await settled(app.page);
  await expectAccessible(app.page, 'reset result with the readout open (minimum size)');
  await dialog.readoutToggle.click();
  await expect(dialog.readoutToggle).toHaveText('Show NATO readout');
  await expect(dialog.readoutList).toBeHidden();
  await dialog.close();
});

test('at the minimum size the caller warning stays in its box, clear of "Temporary password"', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  await app.page.setViewportSize(WINDOW.minimum);
  for (const [upn, name] of [
    ['adele.vance@contoso.com', 'Adele Vance'],
    [MEGAN, 'Megan Bowen'],
  ] as const) {
    const users = await openUser(app.page, upn, name);
    await users.resetButton.click();
    const dialog = new ResetDialog(app.page);
    await dialog.expectOpenFor(name);
    if (upn === MEGAN) await dialog.generate(); // the note under the field takes room too
    await dialog.unverifiedWarning.scrollIntoViewIfNeeded();
    await expectTextApart(dialog.unverifiedWarning, dialog.destinationLabel);
    await expectNoSideScroll(app.page);
    await settled(app.page);
    await expectAccessible(app.page, `reset dialog for ${name} (minimum size)`);
    await dialog.cancel();
  }
});
