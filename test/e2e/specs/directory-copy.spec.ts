/**
 * Issue 18 in the app: a real directory's local copy, as the agent sees it.
 * On an ordinary OpenLDAP (slapd's default size limit, 500, and 622 users),
 * the copy cannot be read: the status bar says so, with the server setting to
 * change, and search keeps finding people on the server, past the limit's
 * users too, without a retry at every keystroke; Test connection names the
 * step that fails and the setting.
 */
import { ERROR_MESSAGES } from '../../../main/domain/errors';
import { expect, test } from '../fixtures';
import { signInWith } from '../flows';
import { DirectoriesPage } from '../pages/DirectoriesPage';
import { DirectoryFormPage } from '../pages/DirectoryFormPage';
import { ShellPage } from '../pages/ShellPage';
import { UsersPage } from '../pages/UsersPage';
import { addWithCli, freshDb, useSlapdLimited } from '../real-directory';

const { lim } = useSlapdLimited();
let local: ReturnType<typeof freshDb>;

test.beforeAll(() => {
  local = freshDb();
  addWithCli(local.db, lim(), 'Limited', 'openldap');
});
test.afterAll(() => local?.remove());

test('a directory that refuses a full read: the status bar says why, with the setting to change, and search goes to the server', async ({ launch }) => {
  const app = await launch({ db: local.db });
  await signInWith(app.page, lim().users.helpdesk!, lim().userPassword);
  const shell = new ShellPage(app.page);
  await expect(shell.directoryCopy).toContainText('Search asks the server: the directory refused to list every user.');
  await expect(shell.directoryCopy).toContainText('size.prtotal=unlimited');

  // The server still answers a search for one person, whoever they are (the last of the 622 included).
  const users = new UsersPage(app.page);
  await users.search('tara.anderson3@limited.resetdesk.test');
  await expect(users.option(/Tara Anderson 3/)).toBeVisible();
});

test('Test connection says the server will not let the agent page through every user, with the setting to change', async ({ launch }) => {
  const app = await launch({ db: local.db });
  await signInWith(app.page, lim().users.globaladmin!, lim().userPassword);
  const shell = new ShellPage(app.page);
  await shell.openDirectories();
  const directories = new DirectoriesPage(app.page);
  await directories.loaded();
  await directories.button('Limited', 'Test connection').click();
  const steps = await new DirectoryFormPage(app.page).test(lim().users.helpdesk!, lim().userPassword);
  const paging = steps.find((step) => step.includes('Page through every user'));
  expect(paging, steps.join('\n')).toContain(ERROR_MESSAGES.DIRECTORY_READ_LIMITED);
  expect(paging).toContain('size.prtotal=unlimited');
  expect(steps.filter((step) => step.startsWith('✓')).map((step) => step.replace(/:.*/, ''))).toEqual([
    '✓Reach the server',
    '✓TLS and certificate',
    '✓Bind as the agent',
    '✓Search users',
    "✓The agent's groups map to a role",
  ]);
});
