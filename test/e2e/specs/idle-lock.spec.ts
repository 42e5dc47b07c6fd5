import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, resetPassword, signInAgent } from '../flows';
import { ShellPage } from '../pages/ShellPage';
import { SignInPage } from '../pages/SignInPage';

const IDLE_LOCK_MINUTES = 0.05; // 3 seconds
const LOCK_SEEN_MS = 15_000;

test('after the idle time the app locks, forgets the temporary password, and asks the same agent for their password', async ({
  launch,
  sample,
}) => {
  const app = await launch({ idleLockMinutes: IDLE_LOCK_MINUTES });
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const { dialog, temporary } = await resetPassword(app.page, 'adele.vance@contoso.com', 'Adele Vance', { copy: false });

  const signIn = new SignInPage(app.page);
  await expect(signIn.heading).toBeVisible({ timeout: LOCK_SEEN_MS });
  await expect(signIn.lockedMessage).toBeVisible();
  await expect(signIn.upn).toHaveValue(AGENTS.helpdesk);
  await expect(signIn.upn).not.toBeEditable();
  await expect(signIn.password).toBeFocused();
  await expect(dialog.dialog).toBeHidden();
  await expect(app.page.getByText(temporary)).toHaveCount(0);
  await expectAccessible(app.page, 'sign-in (locked)');

  // The agent is back: the password and Enter are all it takes.
  await app.page.keyboard.type(sample.passwordOf(AGENTS.helpdesk));
  await app.page.keyboard.press('Enter');
  await new ShellPage(app.page).expectSignedIn(AGENTS.helpdesk);
});

test('another agent at a locked desk signs in as someone else: an empty UPN with the focus', async ({ launch, sample }) => {
  const app = await launch({ idleLockMinutes: IDLE_LOCK_MINUTES });
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const signIn = new SignInPage(app.page);
  await expect(signIn.lockedMessage).toBeVisible({ timeout: LOCK_SEEN_MS });

  await signIn.someoneElseLink.click();
  await expect(signIn.upn).toHaveValue('');
  await expect(signIn.upn).toBeEditable();
  await expect(signIn.upn).toBeFocused();
  await expect(signIn.lockedMessage).toBeHidden();
  await expect(signIn.someoneElseLink).toHaveCount(0);

  await app.page.keyboard.type(AGENTS.global);
  await app.page.keyboard.press('Tab');
  await app.page.keyboard.type(sample.passwordOf(AGENTS.global));
  await app.page.keyboard.press('Enter');
  await new ShellPage(app.page).expectSignedIn(AGENTS.global);
});

test('the idle lock clears the copied temporary password from the clipboard', async ({ launch, sample }) => {
  // The clipboard's own clear (30 s by default) is far off: only the lock can clear it in time.
  const app = await launch({ idleLockMinutes: IDLE_LOCK_MINUTES });
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const { temporary } = await resetPassword(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  expect(await app.readClipboard()).toBe(temporary);

  await expect(new SignInPage(app.page).lockedMessage).toBeVisible({ timeout: LOCK_SEEN_MS });
  expect(await app.readClipboard()).toBe('');
});
