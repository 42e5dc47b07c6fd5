/**
 * Every screen at the window's minimum size (720 × 520) and at its default
 * size (main/electron/window-size.ts, the page's own size): nothing scrolls
 * sideways, no text runs out of its box or is cut without an ellipsis and a
 * tooltip, no word breaks in the middle, no drop-down cuts its choice, nothing
 * of the status bar is cut off, and axe finds no serious or critical
 * violation. What is measured and how: pages/layout-probe.ts.
 *
 * The values shown are the sample's longest: a guest of another tenant
 * (henrietta.mueller_northwind.com#EXT#@contoso.onmicrosoft.com), a Global
 * Administrator (every tab, the Sample outbox button), long DNs and role
 * names in the connection form.
 */
import type { Page } from '@playwright/test';
import { WINDOW_SIZE } from '../../../main/electron/window-size';
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, resetPassword, signInAgent } from '../flows';
import { AuditPage } from '../pages/AuditPage';
import { DirectoriesPage } from '../pages/DirectoriesPage';
import { DirectoryFormPage, type ConnectionValues } from '../pages/DirectoryFormPage';
import { FirstRunPage } from '../pages/FirstRunPage';
import { settled } from '../pages/layout';
import { layoutProblems, partsCutOff } from '../pages/layout-probe';
import { OutboxPage } from '../pages/outbox';
import { ResetDialog } from '../pages/ResetDialog';
import { ShellPage } from '../pages/ShellPage';
import { SignInPage } from '../pages/SignInPage';
import { TemporaryPasswordsPage } from '../pages/temporary-passwords';
import { freshDb } from '../real-directory';

const SIZES = [WINDOW_SIZE.minimum, WINDOW_SIZE.default];

const GUEST = { upn: 'henrietta.mueller_northwind.com#EXT#@contoso.onmicrosoft.com', name: 'Henrietta Mueller (Northwind)' };
const ADELE = { upn: 'adele.vance@contoso.com', name: 'Adele Vance' };

/** A connection as a real one reads: deep DNs, the longest role names. */
const LONG_CONNECTION: ConnectionValues = {
  name: 'Contoso headquarters Active Directory',
  urls: ['ldaps://dc1.corp.contoso.com:636', 'ldaps://dc2.corp.contoso.com:636'],
  baseDn: 'DC=corp,DC=contoso,DC=com',
  usersDn: 'OU=Employees,OU=Headquarters,DC=corp,DC=contoso,DC=com',
  roleGroups: {
    'CN=Resetdesk Helpdesk Administrators,OU=Security Groups,OU=Headquarters,DC=corp,DC=contoso,DC=com': 'Helpdesk Administrator',
    'CN=Resetdesk Privileged Authentication Administrators,OU=Security Groups,DC=corp,DC=contoso,DC=com':
      'Privileged Authentication Administrator',
  },
};

/**
 * The screen as it is now, at each size in turn. Soft: one run reports every
 * check that fails, on every screen, at both sizes.
 */
async function expectUsable(page: Page, screen: string, options: { signedIn: boolean }): Promise<void> {
  const statusBar = new ShellPage(page).statusBarBox;
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await settled(page);
    const at = `${screen} at ${size.width} × ${size.height}`;
    const problems = await layoutProblems(page);
    expect.soft(problems.sideways, `${at}: nothing scrolls sideways`).toEqual([]);
    expect.soft(problems.overflowing, `${at}: no text runs out of its box or is cut without an ellipsis and a tooltip`).toEqual([]);
    expect.soft(problems.brokenWords, `${at}: no word broken in the middle`).toEqual([]);
    if (options.signedIn) {
      await expect(statusBar).toBeVisible();
      expect.soft(await partsCutOff(statusBar), `${at}: nothing of the status bar cut off`).toEqual([]);
    }
    await expectAccessible(page, at, { soft: true });
  }
}

test('first run: the choice, the Active Directory form filled in, and the agent accounts', async ({ launch }) => {
  const local = freshDb();
  try {
    const app = await launch({ db: local.db });
    const firstRun = new FirstRunPage(app.page);
    await expect(firstRun.heading).toBeVisible();
    await expectUsable(app.page, 'first run', { signedIn: false });

    await firstRun.activeDirectoryRadio.check();
    await new DirectoryFormPage(app.page).fill(LONG_CONNECTION);
    await expectUsable(app.page, 'first run (Active Directory)', { signedIn: false });

    await firstRun.createEmpty('Contoso Pharmaceuticals International', 'contoso-pharmaceuticals-international.com');
    await expectUsable(app.page, 'first run (agent accounts)', { signedIn: false });
  } finally {
    local.remove();
  }
});

test('sign-in', async ({ app }) => {
  await expect(new SignInPage(app.page).heading).toBeVisible();
  await expectUsable(app.page, 'sign-in', { signedIn: false });
});

test('users, with a guest of another tenant open (the longest UPN)', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.global);
  await expectUsable(app.page, 'users (nobody open)', { signedIn: true });
  const users = await openUser(app.page, GUEST.upn, GUEST.name);
  await expect(users.field('User principal name')).toHaveText(GUEST.upn);
  await expectUsable(app.page, 'users (a guest open)', { signedIn: true });
});

test('the reset dialog, before and after the reset; then the pane, temporary passwords and the outbox', async ({ app, sample }) => {
  const shell = await signInAgent(app.page, sample, AGENTS.global);
  const users = await openUser(app.page, ADELE.upn, ADELE.name);
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await dialog.expectOpenFor(ADELE.name);
  await expectUsable(app.page, 'reset dialog', { signedIn: true });

  await dialog.confirm();
  await expect(dialog.password).toBeVisible();
  await expectUsable(app.page, 'reset dialog (the temporary password)', { signedIn: true });
  await dialog.close();

  // The pane now has recent activity and a temporary password.
  await openUser(app.page, ADELE.upn, ADELE.name);
  await expect(users.activityRows().first()).toBeVisible();
  await expectUsable(app.page, 'users (a user just reset open)', { signedIn: true });

  const temporary = new TemporaryPasswordsPage(app.page);
  await temporary.open();
  await expect(temporary.row(ADELE.name)).toBeVisible();
  await expectUsable(app.page, 'temporary passwords', { signedIn: true });

  const outbox = new OutboxPage(app.page);
  await outbox.waitForMessage({ to: ADELE.upn });
  await expectUsable(app.page, 'outbox', { signedIn: true });
  await shell.expectSignedIn(AGENTS.global);
});

test('directories, with the Add form filled in', async ({ app, sample }) => {
  const shell = await signInAgent(app.page, sample, AGENTS.global);
  await shell.openDirectories();
  const directories = new DirectoriesPage(app.page);
  await directories.loaded();
  await expectUsable(app.page, 'directories', { signedIn: true });

  await directories.addButton.click();
  const form = new DirectoryFormPage(app.page);
  await form.fill(LONG_CONNECTION);
  await expectUsable(app.page, 'directories (Add form)', { signedIn: true });
});

test("audit, with an event's detail open", async ({ app, sample }) => {
  // A reset first: the log then holds an event with a target, an agent and a detail.
  const shell = await signInAgent(app.page, sample, AGENTS.global);
  const { dialog } = await resetPassword(app.page, ADELE.upn, ADELE.name, { copy: false });
  await dialog.close();
  await shell.openAudit();
  const audit = new AuditPage(app.page);
  await audit.loaded();
  await expectUsable(app.page, 'audit', { signedIn: true });

  await audit.open(audit.row({ hasText: ADELE.upn }).first());
  await expectUsable(app.page, 'audit (an event open)', { signedIn: true });
});
