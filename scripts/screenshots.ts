/**
 * `npm run screenshots`: captures the real screens to docs/ for the README, by
 * driving the Chromium target (the same one as `npm run preview` and the e2e
 * suite) with the e2e page objects over a fresh, throwaway sample directory.
 * The temporary password in the pictures belongs to that deleted sample.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import { AGENTS, openUser, signInAgent } from '../test/e2e/flows';
import { launchApp, PROJECT_ROOT } from '../test/e2e/launch';
import { DirectoryFormPage } from '../test/e2e/pages/DirectoryFormPage';
import { FirstRunPage } from '../test/e2e/pages/FirstRunPage';
import { ResetDialog } from '../test/e2e/pages/ResetDialog';
import { ShellPage } from '../test/e2e/pages/ShellPage';
import { UsersPage } from '../test/e2e/pages/UsersPage';
import { codeIn, OutboxPage } from '../test/e2e/pages/outbox';
import { TemporaryPasswordsPage } from '../test/e2e/pages/temporary-passwords';
import { VerifyCallerPanel } from '../test/e2e/pages/verification';
import { createSampleDirectory } from '../test/e2e/sample-directory';
import { addWithCli, freshDb, loadLimited } from '../test/e2e/real-directory';
import { signInWith } from '../test/e2e/flows';

const docs = path.join(PROJECT_ROOT, 'docs');
mkdirSync(docs, { recursive: true });
const shot = (name: string) => path.join(docs, name);

const sample = await createSampleDirectory();
const app = await launchApp({ target: 'chromium', db: sample.copy(), clipboardClearSeconds: 30 });
try {
  const { page } = app;
  await page.screenshot({ path: shot('sign-in.png') });

  await signInAgent(page, sample, AGENTS.helpdesk);
  const users = new UsersPage(page);
  await users.search('ade');
  await users.select(/Adele Vance/);
  await page.screenshot({ path: shot('user-pane.png') });

  // The caller reads back a code that travelled by SMTP to the sample's outbox.
  const panel = new VerifyCallerPanel(page);
  await panel.sendEmailCode();
  const outbox = new OutboxPage(page);
  const mail = await outbox.waitForMessage({ subjectContains: 'verification code', channel: 'email' });
  await page.screenshot({ path: shot('outbox.png') });
  await new ShellPage(page).openUsers();
  await openUser(page, 'adele.vance@contoso.com', 'Adele Vance');
  await panel.checkEmailCode(codeIn(mail.text));
  await expect(panel.verifiedLines).toBeVisible();
  await page.screenshot({ path: shot('verify-caller.png') });

  await users.resetButton.click();
  const dialog = new ResetDialog(page);
  await dialog.confirm();
  await dialog.temporaryPassword();
  await dialog.readout();
  await dialog.copy();
  await page.screenshot({ path: shot('screenshot.png') });
  await dialog.close();

  const followUp = new TemporaryPasswordsPage(page);
  await followUp.open();
  await followUp.cell('Adele Vance', 'State');
  await page.screenshot({ path: shot('temporary-passwords.png') });
  await new ShellPage(page).openUsers();

  await openUser(page, 'lee.gu@partners.contoso.com', 'Lee Gu');
  await expect(users.refusalMessage).toBeVisible();
  await page.screenshot({ path: shot('refusal.png') });

  const shell = new ShellPage(page);
  await shell.openAudit();
  await expect(page.getByRole('table', { name: 'Audit events' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Export CSV/ })).toBeEnabled(); // the count has arrived
  await page.screenshot({ path: shot('audit.png') });
} finally {
  await app.close();
  sample.dispose();
}

// First run with a real directory: the connection form, filled as an admin would (example values; no server is asked).
const fresh = mkdtempSync(path.join(tmpdir(), 'resetdesk-shots-'));
const firstRun = await launchApp({ target: 'chromium', db: path.join(fresh, 'local.sqlite') });
try {
  const { page } = firstRun;
  await new FirstRunPage(page).activeDirectoryRadio.check();
  await new DirectoryFormPage(page).fill({
    name: 'Corp AD',
    urls: ['ldaps://dc1.corp.example:636', 'ldaps://dc2.corp.example:636'],
    baseDn: 'DC=corp,DC=example',
    usersDn: 'OU=Staff,DC=corp,DC=example',
    caFile: '/etc/resetdesk/corp-ca.pem',
    roleGroups: {
      'CN=Helpdesk Admins,OU=Groups,DC=corp,DC=example': 'Helpdesk Administrator',
      'CN=Domain IT Admins,OU=Groups,DC=corp,DC=example': 'Global Administrator',
    },
  });
  await page.screenshot({ path: shot('first-run-ad.png'), fullPage: true });
  console.log(`screenshots: docs/{sign-in,user-pane,outbox,verify-caller,screenshot,temporary-passwords,refusal,audit,first-run-ad}.png`);
} finally {
  await firstRun.close();
  rmSync(fresh, { recursive: true, force: true });
}

// An ordinary OpenLDAP (slapd's default size limit) from the test directories: the status bar says why there is no local copy.
const limited = loadLimited();
if (!limited) {
  console.log('screenshots: docs/directory-copy-refused.png not taken: no test directories (sudo npm run directories:up)');
} else {
  const local = freshDb();
  addWithCli(local.db, limited, 'Fabrikam', 'openldap');
  const refused = await launchApp({ target: 'chromium', db: local.db });
  try {
    const { page } = refused;
    await signInWith(page, limited.users.helpdesk!, limited.userPassword);
    await expect(new ShellPage(page).directoryCopy).toContainText('size.prtotal=unlimited');
    await new UsersPage(page).search('tara');
    await expect(new UsersPage(page).option(/Tara Anderson/).first()).toBeVisible();
    await page.screenshot({ path: shot('directory-copy-refused.png') });
    console.log('screenshots: docs/directory-copy-refused.png');
  } finally {
    await refused.close();
    local.remove();
  }
}
rmSync(path.join(PROJECT_ROOT, 'test-results'), { recursive: true, force: true });
