import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, expectAccessible, test } from '../fixtures';
import { FirstRunPage } from '../pages/FirstRunPage';
import { ShellPage } from '../pages/ShellPage';
import { SignInPage } from '../pages/SignInPage';

test('first run creates the Contoso sample and shows its agents once; one signs in at once', async ({ launch }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'resetdesk-first-run-'));
  try {
    const db = path.join(dir, 'directory.sqlite');
    const app = await launch({ db });
    const firstRun = new FirstRunPage(app.page);
    await expect(firstRun.heading).toBeVisible();
    await expect(firstRun.sampleRadio).toBeChecked();
    await expectAccessible(app.page, 'first run');

    await firstRun.createSample();
    expect(existsSync(db)).toBe(true);
    await expect(firstRun.accountsWarning).toBeVisible();
    await expectAccessible(app.page, 'first run (agent accounts)');
    const password = await firstRun.passwordOf('helpdesk.admin@contoso.com');

    await firstRun.continueToSignIn();
    await expect(app.page.getByText(password)).toHaveCount(0);
    await new SignInPage(app.page).signIn('helpdesk.admin@contoso.com', password);
    await new ShellPage(app.page).expectSignedIn('helpdesk.admin@contoso.com');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('first run can create an empty tenant with its first Global Administrator', async ({ launch }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'resetdesk-first-run-'));
  try {
    const app = await launch({ db: path.join(dir, 'directory.sqlite') });
    const firstRun = new FirstRunPage(app.page);
    await firstRun.createEmpty('Fabrikam', 'fabrikam.com');
    const accounts = await firstRun.accounts();
    expect(accounts.map((a) => [a.upn, a.roles])).toEqual([['admin@fabrikam.com', 'Global Administrator']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('after "Create directory" the focus moves to the next step, the agent accounts, not to the page', async ({ launch }) => {
  const app = await launch({ db: undefined }); // a fresh path, removed on close
  const firstRun = new FirstRunPage(app.page);
  await firstRun.createEmpty('Fabrikam', 'fabrikam.com');
  await expect(firstRun.accountsHeading).toBeFocused();
  // The next Tab reaches the step's first control.
  await app.page.keyboard.press('Tab');
  await expect(firstRun.copyButton('admin@fabrikam.com')).toBeFocused();
});

test('first run says the passwords are shown once, copies each one and saves them all to a file only the user can read', async ({ launch }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'resetdesk-first-run-'));
  try {
    const saveDir = path.join(dir, 'saved');
    mkdirSync(saveDir);
    const app = await launch({ db: path.join(dir, 'directory.sqlite'), saveDir });
    const firstRun = new FirstRunPage(app.page);
    await firstRun.createEmpty('Fabrikam', 'fabrikam.com');
    await expect(firstRun.accountsWarning).toBeVisible();
    const password = await firstRun.passwordOf('admin@fabrikam.com');
    await expectAccessible(app.page, 'first run (agent accounts, copy and save)');

    await firstRun.copyPassword('admin@fabrikam.com');
    expect(await app.readClipboard()).toBe(password);

    const saved = await firstRun.saveToFile();
    expect(path.dirname(saved)).toBe(saveDir);
    if (process.platform !== 'win32') expect(statSync(saved).mode & 0o777).toBe(0o600);
    const lines = readFileSync(saved, 'utf8').trimEnd().split('\r\n');
    expect(lines).toEqual(['upn,displayName,roles,password', expect.stringMatching(new RegExp(`^admin@fabrikam\\.com,.*,Global Administrator,${password}$`))]);

    await firstRun.continueToSignIn();
    await expect(app.page.getByText(password)).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
