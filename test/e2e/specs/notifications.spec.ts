/**
 * Entra's notification after a helpdesk reset, and a temporary password sent
 * out of band, on the sample tenant: the app's mailer and SMS gateway send to
 * the sample's local outbox (a real SMTP server and SMS endpoint on
 * loopback, run by the app), and the Outbox screen shows what travelled.
 * Adele holds no admin role, so caller verification is only recommended.
 */
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';
import { OutboxPage } from '../pages/outbox';
import { ResetDialog } from '../pages/ResetDialog';
import { ShellPage } from '../pages/ShellPage';
import { SignInPage } from '../pages/SignInPage';

const ADELE = 'adele.vance@contoso.com';

test("after a reset the user's notification arrives in the outbox, naming the agent, without the password", async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, ADELE, 'Adele Vance');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await dialog.confirm();
  const temporary = await dialog.temporaryPassword();

  // The dialog says who was told, masked as everywhere.
  const notices = dialog.dialog.getByRole('list', { name: 'Notifications' });
  await expect(notices.getByRole('listitem').first()).toHaveText('User notified by email at a•••@contoso.com.');
  await expectAccessible(app.page, 'reset dialog (notifications)');
  await dialog.close();

  const mail = await new OutboxPage(app.page).waitForMessage({ to: ADELE, subjectContains: 'password was reset' });
  expect(mail.from).toBe('helpdesk@contoso.com');
  expect(mail.text).toContain('(helpdesk.admin@contoso.com)');
  expect(mail.text).toMatch(/When: \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  expect(mail.text).not.toContain(temporary);
});

test("sent by SMS to the user's registered phone: the agent never sees it, the user signs in with it", async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, ADELE, 'Adele Vance');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);

  const bySms = dialog.dialog.getByRole('radio', { name: /^Send it to the user's phone by SMS \(\+\d+ [•\s]+\d{4}\)$/ });
  await expect(dialog.dialog.getByRole('radio', { name: 'Show the password' })).toBeChecked();
  // The masked phone the choice names is where the password will be said to have gone.
  const phone = /\((.+)\)$/.exec((await dialog.dialog.getByText(/^Send it to the user's phone by SMS \(/).textContent()) ?? '')?.[1];
  expect(phone).toBeTruthy();
  await bySms.check();
  await expectAccessible(app.page, 'reset dialog (where the password goes)');
  await dialog.confirmButton.click();

  const status = dialog.dialog.getByRole('status');
  await expect(status).toHaveText(/^Sent by SMS to \+\d+ [•\s]+\d{4}; you will not see it\.$/);
  await expect(status).toContainText(phone!);
  await expect(dialog.password).toHaveCount(0);
  await expect(dialog.copyButton).toHaveCount(0);
  await dialog.close();

  const sms = await new OutboxPage(app.page).waitForMessage({ channel: 'sms', textContains: 'temporary password' });
  const password = /temporary password: (\S+)/.exec(sms.text)?.[1];
  expect(password).toBeTruthy();

  await new ShellPage(app.page).signOut();
  const signIn = new SignInPage(app.page);
  await signIn.signIn(ADELE, password!);
  await expect(signIn.changeHeading).toBeVisible();
});
