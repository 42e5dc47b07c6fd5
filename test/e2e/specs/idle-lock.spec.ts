import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, resetPassword, signInAgent } from '../flows';
import { ShellPage } from '../pages/ShellPage';
import { SignInPage } from '../pages/SignInPage';
import { UsersPage } from '../pages/UsersPage';
import { holdsTime, passIdleTime, REAL_TIMER_SEEN_MS, timerOptions } from '../timers';
import { E2E_SAMPLE } from '../sample-directory';

// The lock comes when the spec lets the idle time pass (see ../timers.ts), never while the flow before it runs.

test('after the idle time the app locks, forgets the temporary password, and asks the same agent for their password', async ({
  launch,
  sample,
  target,
}) => {
  const app = await launch(timerOptions(target));
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const { dialog, temporary } = await resetPassword(app.page, 'adele.vance@contoso.com', 'Adele Vance', { copy: false });

  await passIdleTime(app);
  const signIn = new SignInPage(app.page);
  await expect(signIn.heading).toBeVisible({ timeout: REAL_TIMER_SEEN_MS });
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

test('another agent at a locked desk signs in as someone else: an empty UPN with the focus', async ({ launch, sample, target }) => {
  const app = await launch(timerOptions(target));
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  await passIdleTime(app);
  const signIn = new SignInPage(app.page);
  await expect(signIn.lockedMessage).toBeVisible({ timeout: REAL_TIMER_SEEN_MS });

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

test('the idle lock clears the copied temporary password from the clipboard', async ({ launch, sample, target }) => {
  // The clipboard's own clear is set after the lock: only the lock can clear it in time.
  const app = await launch(timerOptions(target, { clipboard: 'after-lock' }));
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const { temporary } = await resetPassword(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  // Held time: nothing can have moved it since the copy.
  if (holdsTime(app)) expect(await app.readClipboard()).toBe(temporary);

  await passIdleTime(app);
  await expect(new SignInPage(app.page).lockedMessage).toBeVisible({ timeout: REAL_TIMER_SEEN_MS });
  await expect.poll(() => app.readClipboard()).toBe('');
});

test('the same agent, back after the lock, finds the search text and filters, its results, the selected user and the open screen again', async ({
  launch,
  sample,
  target,
}) => {
  const app = await launch(timerOptions(target));
  const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'ade', 'Adele Vance');
  await users.filter('Cloud').click();
  await expect(users.filter('Cloud')).toHaveAttribute('aria-pressed', 'true');
  await shell.openAudit();

  await passIdleTime(app);
  const signIn = new SignInPage(app.page);
  await expect(signIn.lockedMessage).toBeVisible({ timeout: REAL_TIMER_SEEN_MS });
  await expect(app.page.getByText('Adele Vance')).toHaveCount(0);
  await app.page.keyboard.type(sample.passwordOf(AGENTS.helpdesk));
  await app.page.keyboard.press('Enter');
  await shell.expectSignedIn(AGENTS.helpdesk);

  await expect(shell.auditTab).toHaveAttribute('aria-selected', 'true');
  await shell.openUsers();
  await expect(users.searchbox).toHaveValue('ade');
  await expect(users.filter('Cloud')).toHaveAttribute('aria-pressed', 'true');
  await expect(users.option(/Adele Vance/)).toHaveAttribute('aria-selected', 'true');
  await expect(users.heading()).toHaveText('Adele Vance');
});

test('another agent signing in at the locked desk gets a fresh desk, nothing of the first agent\'s', async ({ launch, sample, target }) => {
  const app = await launch(timerOptions(target));
  const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
  await openUser(app.page, 'ade', 'Adele Vance');
  await shell.openAudit();
  await passIdleTime(app);
  const signIn = new SignInPage(app.page);
  await expect(signIn.lockedMessage).toBeVisible({ timeout: REAL_TIMER_SEEN_MS });

  await signIn.someoneElseLink.click();
  await app.page.keyboard.type(AGENTS.global);
  await app.page.keyboard.press('Tab');
  await app.page.keyboard.type(sample.passwordOf(AGENTS.global));
  await app.page.keyboard.press('Enter');
  await shell.expectSignedIn(AGENTS.global);
  const users = new UsersPage(app.page);
  await expect(shell.usersTab).toHaveAttribute('aria-selected', 'true');
  await expect(users.searchbox).toHaveValue('');
  await expect(users.searchbox).toBeFocused();
  // A fresh desk lists everyone by name, as any first visit does: not the first agent's "ade", nobody selected.
  await expect(users.matchCount).toHaveText(`Showing 50 of ${E2E_SAMPLE.size}`);
  await expect(users.resultsList.locator('[aria-selected="true"]')).toHaveCount(0);
  await expect(users.pane).toHaveCount(0);

  // Nor is the first agent's place kept for later: it went with the other agent's sign-in.
  await shell.signOut();
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  await expect(shell.usersTab).toHaveAttribute('aria-selected', 'true');
  await expect(users.searchbox).toHaveValue('');
  await expect(users.pane).toHaveCount(0);
});
