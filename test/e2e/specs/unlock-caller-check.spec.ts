/**
 * Issue 17, item 3: unlock follows the reset's caller check, on screen as in
 * main. Recommended and not done: the same warning as the reset dialog and a
 * confirmation (cancel changes nothing). Required and not done: the button is
 * disabled, described by the pane's refusal, and main refuses an unlock sent
 * straight to it. Off: one click, as before.
 */
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, setCallerRule, signInAgent } from '../flows';
import { WINDOW, expectNoSideScroll, settled } from '../pages/layout';
import { ResetDialog } from '../pages/ResetDialog';
import { UnlockDialog } from '../pages/UnlockDialog';

const JOHANNA = 'johanna.lorenz@contoso.com'; // locked, no admin role: the default rule recommends a check

test('recommended: Unlock warns that the caller is not verified, as the reset does, and asks first', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, JOHANNA, 'Johanna Lorenz');
  await expect(users.unlockButton).toBeEnabled();

  await users.unlockButton.click();
  const confirmation = new UnlockDialog(app.page);
  await confirmation.expectOpenFor('Johanna Lorenz');
  await expect(confirmation.unverifiedWarning).toHaveText(
    'The caller is not verified. Verifying the caller is recommended; this unlock will be audited as unverified.',
  );
  await expect(confirmation.disabledNotice).toHaveCount(0);
  await settled(app.page);
  await expectAccessible(app.page, 'unlock confirmation (default size)');
  await app.page.setViewportSize(WINDOW.minimum);
  await expect(confirmation.confirmButton).toBeInViewport();
  await expectNoSideScroll(app.page);
  await settled(app.page);
  await expectAccessible(app.page, 'unlock confirmation (minimum size)');
  await app.page.setViewportSize(WINDOW.default);

  // Cancel: nothing happened, and the agent is back on the button.
  await confirmation.cancel();
  await expect(users.unlockButton).toBeFocused();
  await expect(users.field('Lockout')).toContainText('Locked until');
  await expect(users.unlockStatus).toHaveCount(0);

  // The reset dialog says the same of the same caller.
  await users.resetButton.click();
  const reset = new ResetDialog(app.page);
  await expect(reset.unverifiedWarning).toContainText('this reset will be audited as unverified');
  await reset.cancel();

  await users.unlockButton.click();
  await confirmation.confirm();
  await expect(users.unlockStatus).toHaveText('Account unlocked.');
  await expect(users.field('Lockout')).toHaveText('Not locked');
});

test('required: Unlock is disabled with the reset\'s refusal before any click, and main refuses an unlock sent directly', async ({ launch, sample }) => {
  const db = sample.copy();
  setCallerRule(sample, db, 'required');
  const app = await launch({ db });
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, JOHANNA, 'Johanna Lorenz');
  const refusal = users.pane.getByRole('group', { name: 'Verify the caller first (1 method)' });
  await expect(refusal).toContainText('This tenant requires 1 method verified; 0 are verified.');
  await expect(users.resetButton).toBeDisabled();
  await expect(users.unlockButton).toBeDisabled();
  await expect(users.unlockButton).toHaveAccessibleDescription(/This tenant requires 1 method verified/);
  await settled(app.page);
  await expectAccessible(app.page, 'user pane (unlock refused)');

  // A renderer that ignores the disabled button: main decides, and the account stays locked.
  const answer = await app.page.evaluate(async (upn) => {
    const api = (globalThis as unknown as { resetdesk: Record<string, (r: unknown) => Promise<{ ok: boolean; error?: { code: string } }>> }).resetdesk;
    const found = (await api.searchUsers!({ query: upn })) as unknown as { value: { users: { id: string; upn: string }[] } };
    return api.unlockAccount!({ userId: found.value.users.find((u) => u.upn === upn)!.id });
  }, JOHANNA);
  expect(answer.ok).toBe(false);
  expect(answer.error?.code).toBe('CALLER_NOT_VERIFIED');
  await openUser(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  await openUser(app.page, JOHANNA, 'Johanna Lorenz');
  await expect(users.field('Lockout')).toContainText('Locked until');
});

test('off: one click unlocks, with nothing to confirm', async ({ launch, sample }) => {
  const db = sample.copy();
  setCallerRule(sample, db, 'off');
  const app = await launch({ db });
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, JOHANNA, 'Johanna Lorenz');
  await users.unlockButton.click();
  await expect(users.unlockStatus).toHaveText('Account unlocked.');
  await expect(new UnlockDialog(app.page).dialog).toHaveCount(0);
});
