/**
 * The app on the real Samba AD DC (scripts/directories/up.sh), set up as a
 * person would: `resetdesk directory add` on a fresh install makes the local
 * file and the directory the app signs in to. Each result is proven from the
 * server's side with a bind of our own. The file holds the server lock and
 * resets the case users before and after.
 */
import { ERROR_MESSAGES } from '../../../main/domain/errors';
import { expect, expectAccessible, test } from '../fixtures';
import { signInWith, unlockLockedUser } from '../flows';
import { DirectoriesPage } from '../pages/DirectoriesPage';
import { DirectoryFormPage } from '../pages/DirectoryFormPage';
import { ResetDialog } from '../pages/ResetDialog';
import { ShellPage } from '../pages/ShellPage';
import { SignInPage } from '../pages/SignInPage';
import { UsersPage } from '../pages/UsersPage';
import { addWithCli, bindError, freshDb, useSambaAd } from '../real-directory';

const { ad } = useSambaAd();
const NAME = 'Corp AD';
let local: ReturnType<typeof freshDb>;

test.beforeAll(() => {
  local = freshDb();
  addWithCli(local.db, ad(), NAME);
});
test.afterAll(() => local?.remove());

test('the delegated helpdesk agent finds Adele by "ade", resets and copies: the DC then answers "must change" (773)', async ({ launch }) => {
  const app = await launch({ db: local.db });
  await expect(app.page.getByText(`Directory: ${NAME} (Active Directory)`)).toBeVisible();
  await signInWith(app.page, ad().users.helpdesk!, ad().userPassword);

  const users = new UsersPage(app.page);
  await users.search('ade');
  await users.select('Adele Vance');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await dialog.confirm();
  const shown = await dialog.temporaryPassword();
  await dialog.copy();
  const copied = await app.readClipboard();
  expect(copied).toBe(shown);

  expect(await bindError(ad(), ad().users.plain!, copied)).toMatch(/data 773/);
  expect(await bindError(ad(), ad().users.plain!, ad().userPassword), 'the old password is gone').toMatch(/data 52e/);
});

test('unlocking a user locked by real failed binds lets them bind again', async ({ launch }) => {
  const locked = ad().users.locked!;
  expect(await bindError(ad(), locked, ad().userPassword), 'locked before').toMatch(/data 775/);
  const app = await launch({ db: local.db });
  await signInWith(app.page, ad().users.helpdesk!, ad().userPassword);
  await unlockLockedUser(app.page, locked, 'Locked User');
  expect(await bindError(ad(), locked, ad().userPassword)).toBeNull();
});

test('the adminCount=1 account shows the ADMIN_COUNT refusal before any click', async ({ launch }) => {
  const app = await launch({ db: local.db });
  await signInWith(app.page, ad().users.helpdesk!, ad().userPassword);
  const users = new UsersPage(app.page);
  await users.search(ad().users.protected!);
  await users.select('Protected User');
  await expect(users.resetButton).toBeDisabled();
  await expect(users.refusalMessage).toContainText(ERROR_MESSAGES.ADMIN_COUNT);
});

test('the status bar names the profile in use; a helpdesk agent is not offered the Directories screen, a Global Administrator reads it', async ({ launch }) => {
  const app = await launch({ db: local.db });
  const shell = await signInWith(app.page, ad().users.helpdesk!, ad().userPassword);
  await expect(shell.statusBar).toContainText(`Directory: Active Directory · ${NAME} · ${ad().urls[0]}`);
  // Reading and changing the connections is a Global Administrator's (or a Global Reader's, to read): main refuses anyone else.
  await expect(shell.usersTab).toBeVisible();
  await expect(shell.directoriesTab).toHaveCount(0);
  await shell.signOut();

  await signInWith(app.page, ad().users.globaladmin!, ad().userPassword);
  await shell.openDirectories();
  const directories = new DirectoriesPage(app.page);
  await directories.loaded();
  await expect(directories.inUseBadge(NAME)).toBeVisible();
  await expect(directories.fact(NAME, 'Type')).toHaveText('Active Directory');
  await expect(directories.fact(NAME, 'Server URLs')).toHaveText(ad().urls.join(', '));
  await expect(directories.fact(NAME, 'Base DN')).toHaveText(ad().baseDn);
  await expect(directories.fact(NAME, 'Bind')).toHaveText("Each agent's own account");
  for (const [dn, role] of Object.entries(ad().roleGroups)) await expect(directories.fact(NAME, 'Role groups')).toContainText(`${dn} → ${role}`);
  await expect(directories.button(NAME, 'Remove')).toBeDisabled();
  await expectAccessible(app.page, 'directories');
});

test('a Global Administrator adds a second connection with the same form, switches to it (signed out, said first) and removes the first', async ({ launch }) => {
  const app = await launch({ db: local.db });
  await signInWith(app.page, ad().users.globaladmin!, ad().userPassword);
  const shell = new ShellPage(app.page);
  await shell.openDirectories();
  const directories = new DirectoriesPage(app.page);
  await directories.loaded();
  await directories.addButton.click();
  const form = new DirectoryFormPage(app.page);
  await form.fill({ name: 'Second', urls: [ad().startTlsUrl], startTls: true, baseDn: ad().baseDn, caFile: ad().ca, roleGroups: ad().roleGroups });
  await form.saveButton('Save').click();
  await expect(directories.fact('Second', 'Server URLs')).toHaveText(`${ad().startTlsUrl} (StartTLS)`);

  await directories.button('Second', 'Use this directory').click();
  await expect(directories.confirm).toContainText('Switching signs you out.');
  await directories.confirm.getByRole('button', { name: 'Use and sign out' }).click();
  await expect(new SignInPage(app.page).heading).toBeVisible();
  await expect(app.page.getByText('Directory: Second (Active Directory)')).toBeVisible();

  await signInWith(app.page, ad().users.globaladmin!, ad().userPassword);
  await shell.openDirectories();
  await expect(directories.inUseBadge('Second')).toBeVisible();
  await directories.button(NAME, 'Remove').click();
  await directories.confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(directories.profile(NAME)).toHaveCount(0);
});
