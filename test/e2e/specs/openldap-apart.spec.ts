/**
 * Issue 16, items 1–3, in the app, on slapd's dc=contoso,dc=com: agents in
 * ou=helpdesk, users in ou=people, anonymous may read only what finds a DN.
 * The local file is made as a person would (`resetdesk directory add` with the
 * base DN alone); the agent signs in (its DN found by an anonymous search),
 * finds, resets and unlocks users in ou=people, and types a temporary
 * password. Each result is proven by a bind of our own to slapd: "must
 * change" through the ppolicy control, and a bind let in after the unlock.
 */
import { ERROR_MESSAGES } from '../../../main/domain/errors';
import { expect, test } from '../fixtures';
import { signInWith, unlockLockedUser } from '../flows';
import { DirectoriesPage } from '../pages/DirectoriesPage';
import { DirectoryFormPage } from '../pages/DirectoryFormPage';
import { ResetDialog } from '../pages/ResetDialog';
import { SignInPage } from '../pages/SignInPage';
import { UsersPage } from '../pages/UsersPage';
import { addWithCli, freshDb, ppolicyBind, useSlapdContoso } from '../real-directory';

const { ct } = useSlapdContoso();
const NAME = 'Contoso';
let local: ReturnType<typeof freshDb>;

test.beforeAll(() => {
  local = freshDb();
  addWithCli(local.db, ct(), NAME, 'openldap');
});
test.afterAll(() => local?.remove());

const dnOf = (upn: string) => ct().dns[upn]!;

test('the agent in ou=helpdesk finds Adele in ou=people and resets her: slapd then answers "must change"', async ({ launch }) => {
  const app = await launch({ db: local.db });
  await expect(app.page.getByText(`Directory: ${NAME} (OpenLDAP)`)).toBeVisible();
  await signInWith(app.page, ct().users.helpdesk!, ct().userPassword);

  const users = new UsersPage(app.page);
  await users.search('ade');
  await users.select('Adele Vance');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  // Generated is the default; typing is offered beside it.
  await expect(app.page.getByRole('radio', { name: 'Generate a temporary password' })).toBeChecked();
  await expect(dialog.newPassword).toHaveCount(0);
  await dialog.confirm();
  const shown = await dialog.temporaryPassword();

  expect(await ppolicyBind(ct(), dnOf(ct().users.plain!), shown)).toBe('must change');
  expect(await ppolicyBind(ct(), dnOf(ct().users.plain!), ct().userPassword), 'the old password is gone').toBe('refused (49)');
});

test('the agent types the temporary password instead: checked live, set, and slapd answers "must change" to it', async ({ launch }) => {
  const app = await launch({ db: local.db });
  await signInWith(app.page, ct().users.helpdesk!, ct().userPassword);
  const users = new UsersPage(app.page);
  await users.search('alex');
  await users.select('Alex Wilber');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await dialog.typedChoice.check();
  await dialog.newPassword.fill('Sh0rt!');
  await expect(dialog.confirmButton).toBeDisabled();
  const typed = 'Typed-In-The-App-5m';
  await dialog.confirm({ password: typed });
  await expect(dialog.password).toBeVisible();

  expect(await ppolicyBind(ct(), dnOf(ct().users.plain2!), typed)).toBe('must change');
});

test('unlocking a user locked by real failed binds lets them bind again', async ({ launch }) => {
  const locked = ct().users.locked!;
  expect(await ppolicyBind(ct(), dnOf(locked), ct().userPassword), 'locked before').toBe('refused (49)');
  const app = await launch({ db: local.db });
  await signInWith(app.page, ct().users.helpdesk!, ct().userPassword);
  await unlockLockedUser(app.page, locked, 'Locked User');
  expect(await ppolicyBind(ct(), dnOf(locked), ct().userPassword)).toBe('ok');
});

test('a refused sign-in names the directory it asked', async ({ launch }) => {
  const app = await launch({ db: local.db });
  const signIn = new SignInPage(app.page);
  await signIn.signIn(ct().users.helpdesk!, 'Not-the-Passw0rd!');
  await expect(signIn.error).toHaveText(`${ERROR_MESSAGES.AUTH_FAILED} (asked: ${NAME}, OpenLDAP at ${ct().urls[0]})`);
});

test('the Directories screen says how the sign-in DN is found, and "Test connection" says which entry it bound as', async ({ launch }) => {
  const app = await launch({ db: local.db });
  // The Global Administrator lives in ou=helpdesk too.
  const shell = await signInWith(app.page, ct().users.globaladmin!, ct().userPassword);
  await shell.openDirectories();
  const directories = new DirectoriesPage(app.page);
  await directories.loaded();
  await expect(directories.fact(NAME, 'Sign-in DN')).toHaveText('Found by a search on mail under the base DN (anonymously)');
  await directories.button(NAME, 'Test connection').click();
  const steps = await new DirectoryFormPage(app.page).test(ct().users.helpdesk!, ct().userPassword);
  expect(steps.find((s) => s.includes('Bind as the agent'))).toContain(`As ${dnOf(ct().users.helpdesk!)}, found by an anonymous search.`);
});
