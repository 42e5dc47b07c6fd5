/**
 * Active Directory with no mail or SMS delivery set up, as a fresh
 * `resetdesk directory add` leaves it (issue 17, item 5): the DC's users have
 * a mobile, registered as their SMS method, yet nothing that would fail after
 * the click is offered, the Users screen says once that notices are off, and
 * a reset or an unlock shows no red "User not notified". Proven on the Samba
 * AD DC (scripts/directories/up.sh); the file holds the server lock.
 */
import { expect, expectAccessible, test } from '../fixtures';
import { signInWith, unlockLockedUser } from '../flows';
import { ResetDialog } from '../pages/ResetDialog';
import { UsersPage } from '../pages/UsersPage';
import { DeliveryNoticeBar, VerifyCallerPanel } from '../pages/verification';
import { addWithCli, bindError, freshDb, useSambaAd } from '../real-directory';

const { ad } = useSambaAd();
let local: ReturnType<typeof freshDb>;

test.beforeAll(() => {
  local = freshDb();
  addWithCli(local.db, ad(), 'Corp AD');
});
test.afterAll(() => local?.remove());

test('no delivery on AD: no "Send code by SMS" nor "Send it by SMS", notices off said once, no "User not notified" after a reset or an unlock', async ({ launch }) => {
  const app = await launch({ db: local.db });
  await signInWith(app.page, ad().users.helpdesk!, ad().userPassword);
  const notice = new DeliveryNoticeBar(app.page);
  await expect(notice.bar).toContainText('No mail or SMS delivery is set up. A Global Administrator can set it up with resetdesk delivery smtp');

  const users = new UsersPage(app.page);
  await users.search('ade');
  await users.select('Adele Vance');
  await expect(users.field('Mobile phone')).toContainText('verification method');
  const panel = new VerifyCallerPanel(app.page);
  await expect(panel.sendSms).toHaveCount(0);
  await expect(panel.sendEmail).toHaveCount(0);
  await expect(panel.notOffered.getByRole('listitem')).toHaveText([/^SMS code: not offered, no SMS delivery is set up \(registered phone \+\d+ [•\s]+\d{4}\)\.$/]);
  await expect(notice.bar).toHaveCount(1);
  await app.page.setViewportSize({ width: 720, height: 520 });
  await expectAccessible(app.page, 'user pane on AD with delivery off, at 720×520');

  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await expect(dialog.dialog.getByRole('radio', { name: /^Send it/ })).toHaveCount(0);
  await dialog.confirm();
  const shown = await dialog.temporaryPassword();
  await expect(dialog.dialog.getByRole('list', { name: 'Notifications' })).toHaveCount(0);
  await expect(dialog.dialog).not.toContainText('not notified');
  await dialog.close();
  expect(await bindError(ad(), ad().users.plain!, shown), 'the reset stands on the DC').toMatch(/data 773/);

  await unlockLockedUser(app.page, ad().users.locked!, 'Locked User');
  await expect(users.pane.getByRole('list', { name: 'Notifications' })).toHaveCount(0);
  await expect(users.pane).not.toContainText('not notified');
  await expect(notice.bar).toHaveCount(1);
});
