/**
 * Issue 17, item 4: a disabled account stays disabled after a reset or an
 * unlock (as in Entra). The reset dialog says so before the click and the
 * result after it; Unlock asks first and its outcome says so too.
 */
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, disableAccount, openUser, setCallerRule, signInAgent } from '../flows';
import { WINDOW, expectNoSideScroll, settled } from '../pages/layout';
import { ResetDialog } from '../pages/ResetDialog';
import { UnlockDialog } from '../pages/UnlockDialog';

const ISAIAH = 'isaiah.langer@contoso.com'; // the sample's disabled user
const JOHANNA = 'johanna.lorenz@contoso.com'; // the sample's locked user

test('the reset dialog says the account is disabled and stays so, before the click and in the result', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, ISAIAH, 'Isaiah Langer');
  await expect(users.field('Account enabled')).toHaveText(/No/);
  await users.resetButton.click();

  const dialog = new ResetDialog(app.page);
  await dialog.expectOpenFor('Isaiah Langer');
  await expect(dialog.disabledNotice).toHaveText(
    'This account is disabled. Resetting the password does not enable the account: the user cannot sign in until an administrator enables it.',
  );
  await settled(app.page);
  await expectAccessible(app.page, 'reset dialog, disabled user (default size)');
  await app.page.setViewportSize(WINDOW.minimum);
  await expect(dialog.disabledNotice).toBeInViewport();
  await expectNoSideScroll(app.page);
  await settled(app.page);
  await expectAccessible(app.page, 'reset dialog, disabled user (minimum size)');
  await app.page.setViewportSize(WINDOW.default);

  await dialog.confirm();
  await expect(dialog.password).toBeVisible();
  await expect(dialog.disabledNotice).toHaveText(
    'This account is disabled. The account is still disabled: the reset did not enable it, and the user cannot sign in until an administrator enables it.',
  );
  await settled(app.page);
  await expectAccessible(app.page, 'reset result, disabled user');
  await dialog.close();

  // An enabled user's dialog has no such notice.
  await openUser(app.page, 'adele.vance@contoso.com', 'Adele Vance');
  await users.resetButton.click();
  await expect(dialog.confirmButton).toBeVisible();
  await expect(dialog.disabledNotice).toHaveCount(0);
  await dialog.cancel();
});

test('a password sent to a disabled user by SMS: the result says the account is still disabled', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, ISAIAH, 'Isaiah Langer');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await dialog.sendTo('sms');
  await dialog.confirm();
  await expect(dialog.dialog.getByText(/^Sent by SMS to /)).toBeVisible();
  await expect(dialog.disabledNotice).toContainText('The account is still disabled: the reset did not enable it');
});

test('unlocking a disabled account asks first, saying it stays disabled, and the outcome says so again', async ({ launch, sample }) => {
  const db = sample.copy();
  // The rule off: the only thing to know before this unlock is that the account is disabled.
  setCallerRule(sample, db, 'off');
  disableAccount(db, JOHANNA);
  const app = await launch({ db });
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, JOHANNA, 'Johanna Lorenz');
  await expect(users.field('Lockout')).toContainText('Locked until');

  await users.unlockButton.click();
  const confirmation = new UnlockDialog(app.page);
  await confirmation.expectOpenFor('Johanna Lorenz');
  await expect(confirmation.disabledNotice).toHaveText(
    'This account is disabled. Unlocking does not enable the account: the user cannot sign in until an administrator enables it.',
  );
  await expect(confirmation.unverifiedWarning).toHaveCount(0);
  await app.page.setViewportSize(WINDOW.minimum);
  await settled(app.page);
  await expectAccessible(app.page, 'unlock confirmation, disabled user (minimum size)');
  await app.page.setViewportSize(WINDOW.default);

  await confirmation.confirm();
  await expect(users.unlockStatus).toHaveText(
    'Account unlocked. The account is still disabled: the unlock did not enable it, and the user cannot sign in until an administrator enables it.',
  );
  await expect(users.field('Lockout')).toHaveText('Not locked');
  await settled(app.page);
  await expectAccessible(app.page, 'user pane after unlocking a disabled user');
});
