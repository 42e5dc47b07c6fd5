/**
 * Issue 16, A, in the app: the agent resets a user of the real Samba AD DC
 * through a TLS pass-through proxy that forwards the modify, drops the DC's
 * answer and then refuses connections. The DC keeps the change. The reset
 * dialog says plainly that the outcome is being checked and shows no
 * password; the audit screen shows the change as sent, its outcome being
 * checked, not as a failure.
 */
import { ERROR_MESSAGES } from '../../../main/domain/errors';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { startProxy, targetOf, type TcpProxy } from '../../support/tcp-proxy';
import { expect, test } from '../fixtures';
import { signInWith } from '../flows';
import { AuditPage } from '../pages/AuditPage';
import { ResetDialog } from '../pages/ResetDialog';
import { UsersPage } from '../pages/UsersPage';
import { addWithCli, bindError, freshDb, useSambaAd } from '../real-directory';

const { ad } = useSambaAd();
let local: ReturnType<typeof freshDb>;
let proxy: TcpProxy;
let watcher: DirectoryStore;

test.beforeAll(async () => {
  local = freshDb();
  proxy = await startProxy({ target: targetOf(ad().urls[0]!) });
  addWithCli(local.db, { ...ad(), urls: [proxy.url] }, 'Corp AD');
  watcher = DirectoryStore.open(local.db);
});
test.afterAll(async () => {
  watcher?.close();
  await proxy?.close();
  local?.remove();
});

test("the DC's answer to the reset is lost: the dialog says the outcome is being checked, no password; the audit says so too", async ({ launch }) => {
  const app = await launch({ db: local.db });
  const shell = await signInWith(app.page, ad().users.helpdesk!, ad().userPassword);
  const users = new UsersPage(app.page);
  await users.search('ade');
  await users.select('Adele Vance');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  // The proxy cannot read LDAP inside TLS: it drops the first answer once the intent is in the file,
  // which is written just before the modify is sent.
  proxy.dropNextAnswer({ when: () => watcher.audit.openIntents().length > 0, then: 'down' });
  await dialog.confirm();

  await expect(dialog.error).toContainText(ERROR_MESSAGES.DIRECTORY_OUTCOME_UNKNOWN);
  await expect(dialog.error).toContainText('No temporary password is shown, as it may not be set');
  await expect(dialog.password).toHaveCount(0);
  expect(proxy.dropped).toBe(1);
  expect(await bindError(ad(), ad().users.plain!, ad().userPassword), 'the DC made the change: the old password is gone').toMatch(/data 52e/);

  await dialog.cancelButton.click();
  await shell.openAudit();
  const audit = new AuditPage(app.page);
  await audit.loaded();
  await expect(audit.row({ hasText: 'Password reset sent to the directory: outcome being checked' })).toHaveCount(1);
  await expect(audit.row({ hasText: 'Password reset refused' })).toHaveCount(0);
});
