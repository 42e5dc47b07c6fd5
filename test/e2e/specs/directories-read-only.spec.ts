/**
 * Issue 17, item 7 (and the AD form of item 10): the Directories screen offers
 * a change only to whoever main says may make it. A Helpdesk Administrator
 * who also reads the connections (Global Reader) sees them read-only, the form
 * with nothing to save, and main's words saying who may; a Global
 * Administrator still adds one. The connection form shows whole role names
 * and group DNs at the window's minimum size (720×520) as at its default.
 */
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { ROLES } from '../../../main/domain/roles';
import { runBin } from '../../support/cli-process';
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, signInAgent } from '../flows';
import { DirectoriesPage } from '../pages/DirectoriesPage';
import { DirectoryFormPage, type ConnectionValues } from '../pages/DirectoryFormPage';
import { FirstRunPage } from '../pages/FirstRunPage';
import { expectNoSideScroll, expectShownWhole, WINDOW } from '../pages/layout';

/** Long, as real ones are: the DN runs to ninety characters, the role to forty. */
const CORP: ConnectionValues = {
  name: 'Corp AD',
  urls: ['ldaps://dc1.corp.contoso.com:636', 'ldaps://dc2.corp.contoso.com:636'],
  baseDn: 'DC=corp,DC=contoso,DC=com',
  roleGroups: {
    'CN=Resetdesk Privileged Authentication Admins,OU=Resetdesk Groups,DC=corp,DC=contoso,DC=com': ROLES.privilegedAuthenticationAdministrator,
    'CN=Resetdesk Global Admins,OU=Resetdesk Groups,DC=corp,DC=contoso,DC=com': ROLES.globalAdministrator,
    'CN=Resetdesk Helpdesk Admins,OU=Resetdesk Groups,DC=corp,DC=contoso,DC=com': ROLES.helpdeskAdministrator,
  },
};
const GROUPS = Object.keys(CORP.roleGroups!).length;

/** What an administrator's tool does to the directory file: this agent holds these roles. */
function grantRoles(db: string, upn: string, roles: readonly string[]): void {
  const connection = new Database(db);
  try {
    const { rowid } = connection.prepare('SELECT rowid FROM users WHERE upn = ?').get(upn) as { rowid: number };
    connection.prepare('DELETE FROM role_assignments WHERE user_rowid = ?').run(rowid);
    for (const role of roles) connection.prepare('INSERT INTO role_assignments (user_rowid, role) VALUES (?, ?)').run(rowid, role);
  } finally {
    connection.close();
  }
}

/** Every role drop-down shows its name whole, every group DN box all of its DN, nothing scrolls sideways. */
async function expectFormShownWhole(page: Page, form: DirectoryFormPage): Promise<void> {
  for (let n = 1; n <= GROUPS; n++) {
    expect(await form.roleShownWhole(n), `role ${n} shown whole`).toBe(true);
    expect(await DirectoryFormPage.shownWhole(form.groupDn(n)), `group DN ${n} shown whole`).toBe(true);
  }
  await expectNoSideScroll(page);
}

test('a Global Administrator adds a connection, the role names and group DNs shown whole at the minimum and default sizes', async ({ launch, sample }) => {
  const app = await launch({ db: sample.copy() });
  await app.page.setViewportSize(WINDOW.minimum);
  const shell = await signInAgent(app.page, sample, AGENTS.global);
  await shell.openDirectories();
  const directories = new DirectoriesPage(app.page);
  await directories.loaded();
  await expect(directories.readOnlyNote).toHaveCount(0);
  await expect(directories.addButton).toBeEnabled();

  await directories.addButton.click();
  const form = new DirectoryFormPage(app.page);
  await form.fill(CORP);
  await expectFormShownWhole(app.page, form);
  await expectAccessible(app.page, 'add a directory (720×520)');
  await app.page.setViewportSize(WINDOW.default);
  await expectFormShownWhole(app.page, form);
  await expectAccessible(app.page, 'add a directory');

  await form.saveButton('Save').click();
  await expect(directories.profile('Corp AD')).toBeVisible();
  await expect(directories.button('Corp AD', 'Edit')).toBeEnabled();
  await expect(directories.button('Corp AD', 'Use this directory')).toBeEnabled();
  await expectAccessible(app.page, 'directories');
  await app.page.setViewportSize(WINDOW.minimum);
  await expectNoSideScroll(app.page);
  await expectAccessible(app.page, 'directories (720×520)');
});

test('the first run\'s Active Directory form shows the role names and group DNs whole at 720×520', async ({ launch }) => {
  const app = await launch({ db: undefined });
  await app.page.setViewportSize(WINDOW.minimum);
  const firstRun = new FirstRunPage(app.page);
  await firstRun.activeDirectoryRadio.check();
  const form = new DirectoryFormPage(app.page);
  await form.fill(CORP);
  await expectFormShownWhole(app.page, form);
  await expectAccessible(app.page, 'first run, Active Directory (720×520)');
});

test('a Helpdesk Administrator who reads the connections sees them read-only, with main\'s words saying who may', async ({ launch, sample }) => {
  const db = sample.copy();
  // A Global Administrator added one, as a person would.
  const groups = Object.entries(CORP.roleGroups!).flatMap(([dn, role]) => ['--role-group', `${dn}=${role}`]);
  const added = runBin(
    ['directory', 'add', CORP.name, '--type', 'ad', ...CORP.urls.flatMap((u) => ['--url', u]), '--base', CORP.baseDn, ...groups, '--db', db, '--as', AGENTS.global, '--json'],
    { agentPassword: sample.passwordOf(AGENTS.global) },
  );
  expect(added.status, added.stdout + added.stderr).toBe(0);
  grantRoles(db, AGENTS.helpdesk, [ROLES.helpdeskAdministrator, ROLES.globalReader]);

  const app = await launch({ db });
  await app.page.setViewportSize(WINDOW.minimum);
  const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
  await shell.openDirectories();
  const directories = new DirectoriesPage(app.page);
  await directories.loaded();
  await expect(directories.readOnlyNote).toBeVisible();
  await expect(directories.readOnlyNote).toContainText(
    "one signed in to a stored connection's own directory may also change, remove or switch to that connection.",
  );
  await expect(directories.readOnlyNote).toContainText(`${AGENTS.helpdesk}, signed in to the embedded directory, holds`);
  await expectShownWhole(directories.readOnlyBar, 'the read-only note');
  await expect(directories.addButton).toBeDisabled();
  await expect(directories.button(CORP.name, 'Edit')).toHaveCount(0);
  await expect(directories.button(CORP.name, 'Test connection')).toHaveCount(0);
  await expect(directories.button(CORP.name, 'Use this directory')).toBeDisabled();
  await expect(directories.button(CORP.name, 'Remove')).toBeDisabled();
  await expectNoSideScroll(app.page);
  await expectAccessible(app.page, 'directories, read-only (720×520)');

  await directories.button(CORP.name, 'View').click();
  await expect(app.page.getByRole('heading', { level: 3, name: `View ${CORP.name}` })).toBeVisible();
  await expect(directories.readOnlyNote).toBeVisible();
  await expectShownWhole(directories.readOnlyBar, 'the read-only note over the form');
  const form = new DirectoryFormPage(app.page);
  for (const box of [form.name, form.urls, form.baseDn, form.usersDn, form.caFile, form.groupDn(1), form.roleText(1)]) {
    await expect(box).not.toBeEditable();
  }
  await expect(form.groupDn(1)).toHaveValue(Object.keys(CORP.roleGroups!)[0]!);
  await expect(form.roleText(1)).toHaveValue(ROLES.privilegedAuthenticationAdministrator);
  await expect(form.addRoleGroupButton).toHaveCount(0);
  await expect(form.testButton).toHaveCount(0);
  await expect(form.saveButton('Save')).toHaveCount(0);
  for (let n = 1; n <= GROUPS; n++) expect(await DirectoryFormPage.shownWhole(form.groupDn(n))).toBe(true);
  await expectNoSideScroll(app.page);
  await expectAccessible(app.page, 'directory form, read-only (720×520)');
  await app.page.setViewportSize(WINDOW.default);
  await expectAccessible(app.page, 'directory form, read-only');

  await app.page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(directories.button(CORP.name, 'View')).toBeVisible();
});
