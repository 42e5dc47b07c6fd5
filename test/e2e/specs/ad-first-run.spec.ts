/**
 * First run with "Active Directory" against the real Samba AD DC: the person
 * installing fills the connection form, "Test connection" reports every step
 * ok, "Save and continue" makes it the directory, and the delegated agent signs
 * in with their AD password. A fresh local file, no CLI. Holds the server lock.
 */
import { expect, expectAccessible, test } from '../fixtures';
import { signInWith } from '../flows';
import { DirectoryFormPage } from '../pages/DirectoryFormPage';
import { FirstRunPage } from '../pages/FirstRunPage';
import { SignInPage } from '../pages/SignInPage';
import { freshDb, useSambaAd } from '../real-directory';

const { ad } = useSambaAd();

test('first run with Active Directory: fill, test every step, save and continue, sign in', async ({ launch }) => {
  const local = freshDb();
  try {
    const app = await launch({ db: local.db });
    const firstRun = new FirstRunPage(app.page);
    await firstRun.activeDirectoryRadio.check();
    const form = new DirectoryFormPage(app.page);
    await expect(form.upnAttribute).toHaveCount(0); // OpenLDAP's only
    await form.fill({ name: 'Corp AD', urls: ad().urls, baseDn: ad().baseDn, usersDn: ad().usersDn, caFile: ad().ca, roleGroups: ad().roleGroups });
    await expectAccessible(app.page, 'first run (Active Directory)');

    const steps = await form.test(ad().users.helpdesk!, ad().userPassword);
    expect(steps.map((s) => s.replace(/ — .*/, ''))).toEqual([
      '✓Reach the server: OK',
      '✓TLS and certificate: OK',
      '✓Bind as the agent: OK',
      '✓Search users: OK',
      // The local copy's full read (issue 18): the server lets the agent page through every user.
      '✓Page through every user: OK',
      "✓The agent's groups map to a role: OK",
    ]);
    await expect(form.testStatus).toHaveText('Every step passed.');

    await form.saveButton('Save and continue').click();
    await expect(new SignInPage(app.page).heading).toBeVisible({ timeout: 30_000 });
    // The next step has the focus, not the page: its first field.
    await expect(new SignInPage(app.page).upn).toBeFocused();
    await expect(app.page.getByText('Directory: Corp AD (Active Directory)')).toBeVisible();
    const shell = await signInWith(app.page, ad().users.helpdesk!, ad().userPassword);
    await expect(shell.statusBar).toContainText('Directory: Active Directory · Corp AD');
  } finally {
    local.remove();
  }
});

test('main refuses a profile it cannot accept, and the form shows its message', async ({ launch }) => {
  const local = freshDb();
  try {
    const app = await launch({ db: local.db });
    await new FirstRunPage(app.page).activeDirectoryRadio.check();
    const form = new DirectoryFormPage(app.page);
    await form.fill({ name: 'Corp AD', urls: ['ldaps://127.0.0.1:636/extra/path'], baseDn: ad().baseDn });
    await form.saveButton('Save and continue').click();
    await expect(app.page.getByRole('alert').filter({ hasText: /Check: profile\.urls/ })).toBeVisible();
    // …and the field it names says so next to itself.
    await expect(app.page.getByText('Main refused this value: see the message below.')).toHaveCount(1);
    await expect(new SignInPage(app.page).heading).toHaveCount(0);
  } finally {
    local.remove();
  }
});

test('an ldap:// URL without StartTLS is refused next to the URLs before anything is sent; StartTLS clears it', async ({ launch }) => {
  const local = freshDb();
  try {
    const app = await launch({ db: local.db });
    await new FirstRunPage(app.page).activeDirectoryRadio.check();
    const form = new DirectoryFormPage(app.page);
    await form.fill({ name: 'Corp AD', urls: [ad().startTlsUrl], baseDn: ad().baseDn });
    await form.saveButton('Save and continue').click();
    const refusal = app.page.getByText('An ldap:// URL sends passwords in clear: use ldaps://, or tick Use StartTLS.');
    await expect(refusal).toBeVisible();
    await expect(app.page.getByRole('alert').filter({ hasText: /Check: profile/ })).toHaveCount(0); // main was not asked
    await form.startTls.check();
    await expect(refusal).toHaveCount(0);
    await expect(new SignInPage(app.page).heading).toHaveCount(0);
  } finally {
    local.remove();
  }
});
