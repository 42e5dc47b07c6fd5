/**
 * Only what can work is offered (issue 17, item 5), on the sample tenant:
 * with its delivery set up, codes by email and SMS as before, but not the
 * authenticator app Adele has listed without a secret (the pane says so);
 * with mail and SMS turned off by the tenant's Global Administrator (with
 * the CLI, as they would), no code and no out-of-band password is offered,
 * the Users screen says once, calmly, that notices are off and who can turn
 * them on, and a reset or an unlock shows no red "User not notified".
 * Each screen checked at the window's minimum size (720×520) and with axe.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, signInAgent, unlockLockedUser } from '../flows';
import { PROJECT_ROOT } from '../launch';
import { ResetDialog } from '../pages/ResetDialog';
import { DeliveryNoticeBar, overflowOf, VerifyCallerPanel } from '../pages/verification';
import type { SampleDirectory } from '../sample-directory';
import type { Page, Locator } from '@playwright/test';
import { WINDOW } from '../pages/layout';

const ADELE = 'adele.vance@contoso.com';
const LOCKED = 'johanna.lorenz@contoso.com';
const MIN = WINDOW.minimum;
const DEFAULT = WINDOW.default;

/** `resetdesk delivery off email` and `… sms`, as the tenant's Global Administrator. */
function turnDeliveryOff(db: string, sample: SampleDirectory): void {
  for (const channel of ['email', 'sms']) {
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'resetdesk.mjs'), 'delivery', 'off', channel, '--as', AGENTS.global, '--db', db], {
      env: { ...process.env, RESETDESK_AGENT_PASSWORD: sample.passwordOf(AGENTS.global) },
      stdio: 'pipe',
    });
  }
}

/** At the minimum size nothing in these parts spills past the window or scrolls sideways; axe passes there and at the default size. */
async function checkSizes(page: Page, parts: Locator[], screen: string): Promise<void> {
  await page.setViewportSize(MIN);
  for (const part of parts) expect(await overflowOf(part), `${screen} at 720×520`).toEqual({ sideways: false, pastEdge: [] });
  await expectAccessible(page, `${screen} at 720×520`);
  await page.setViewportSize(DEFAULT);
  await expectAccessible(page, `${screen} at 1100×760`);
}

test('delivery set up: codes by email and SMS as before; the authenticator app with no secret is not offered, and the pane says so', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, ADELE, 'Adele Vance');
  const panel = new VerifyCallerPanel(app.page);
  await expect(panel.sendEmail).toBeVisible();
  await expect(panel.sendSms).toBeVisible();
  await expect(panel.totpCode).toHaveCount(0);
  await expect(panel.notOffered.getByRole('listitem')).toHaveText([
    /^Authenticator app \(.+\): not registered for verification\. Resetdesk holds no secret to check its codes\.$/,
  ]);
  await expect(users.field('Authenticator app')).toContainText('not registered for verification');
  await expect(users.field('Authenticator app')).not.toContainText('verification method');
  await expect(users.field('Alternate email')).toContainText('verification method');
  await expect(new DeliveryNoticeBar(app.page).bar).toHaveCount(0);
  await checkSizes(app.page, [panel.panel, users.contactDetails], 'user pane (methods offered)');

  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await expect(dialog.dialog.getByRole('radio', { name: /^Send it to the user's phone by SMS \(/ })).toBeVisible();
  await expect(dialog.dialog.getByRole('radio', { name: /^Send it to the user's email \(/ })).toBeVisible();
  await checkSizes(app.page, [dialog.dialog], 'reset dialog (where the password goes)');

  // Delivery set up: the notices go out and say so, as before.
  await dialog.confirm();
  const notices = dialog.dialog.getByRole('list', { name: 'Notifications' });
  await expect(notices.getByRole('listitem').first()).toHaveText(/^User notified by email at a•••@/);
  await checkSizes(app.page, [notices], 'reset dialog (notifications)');
});

test('no mail or SMS set up: nothing offered that would fail, "notices are off" said once, no red "User not notified" after a reset or an unlock', async ({ launch, sample }) => {
  const db = sample.copy();
  turnDeliveryOff(db, sample);
  const app = await launch({ db });
  await signInAgent(app.page, sample, AGENTS.helpdesk);

  // Said where the agent works, before any click, as information.
  const notice = new DeliveryNoticeBar(app.page);
  await expect(notice.bar).toHaveCount(1);
  await expect(notice.bar).toContainText(
    'Notices to users are off. No mail or SMS delivery is set up. A Global Administrator can set it up with resetdesk delivery smtp … or resetdesk delivery sms ….',
  );
  await expect(app.page.getByRole('alert')).toHaveCount(0);

  const users = await openUser(app.page, ADELE, 'Adele Vance');
  const panel = new VerifyCallerPanel(app.page);
  await expect(panel.sendEmail).toHaveCount(0);
  await expect(panel.sendSms).toHaveCount(0);
  await expect(panel.panel).toContainText("None of this user's verification methods can be used here:");
  await expect(panel.notOffered.getByRole('listitem')).toHaveText([
    /^Email code: not offered, no mail delivery is set up \(registered email .•••@.+\)\.$/,
    /^SMS code: not offered, no SMS delivery is set up \(registered phone \+\d+ [•\s]+\d{4}\)\.$/,
    /^Authenticator app \(.+\): not registered for verification\./,
  ]);
  await expect(notice.bar).toHaveCount(1);
  await checkSizes(app.page, [notice.bar, panel.panel, users.contactDetails], 'users screen (notices off)');

  // The password can only be shown: no choice to send it by a channel that is off.
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await expect(dialog.dialog.getByRole('radio', { name: /^Send it/ })).toHaveCount(0);
  await checkSizes(app.page, [dialog.dialog], 'reset dialog (notices off)');
  await dialog.confirm();
  await expect(dialog.password).toBeVisible();
  await expect(dialog.dialog.getByRole('list', { name: 'Notifications' })).toHaveCount(0);
  await expect(dialog.dialog).not.toContainText('not notified');
  await dialog.close();

  await unlockLockedUser(app.page, LOCKED, 'Johanna Lorenz');
  await expect(users.pane.getByRole('list', { name: 'Notifications' })).toHaveCount(0);
  await expect(users.pane).not.toContainText('not notified');
  await expect(notice.bar).toHaveCount(1);

  // Put away, it stays away for this agent.
  await notice.dismiss.click();
  await expect(notice.bar).toHaveCount(0);
  await openUser(app.page, ADELE, 'Adele Vance');
  await expect(notice.bar).toHaveCount(0);
});
