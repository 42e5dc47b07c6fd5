/**
 * Caller verification in the app (Chromium target, sample tenant): a code
 * that really travelled by SMTP to the sample's local outbox is read back
 * from the Outbox screen, typed, and the reset goes through; without it the
 * pre-flight says why, and main refuses a reset sent straight to it. The
 * code is keyed with the tenant's pepper in the OS keychain: npm test runs
 * the suite with one (scripts/with-keychain.sh).
 */
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, setCallerRule, signInAgent } from '../flows';
import { keychainSkip } from '../../support/keychain';
import { codeIn, OutboxPage } from '../pages/outbox';
import { ResetDialog } from '../pages/ResetDialog';
import { ShellPage } from '../pages/ShellPage';
import { VerifyCallerPanel } from '../pages/verification';

const ADELE = 'adele.vance@contoso.com';

test('required: the agent sends an email code, reads it back from the outbox, types it; the pane shows verified and the reset goes through', async ({ launch, sample }) => {
  const noKeychain = await keychainSkip('e2e caller verification by code');
  test.skip(noKeychain !== null, noKeychain ?? '');
  const db = sample.copy();
  // The tenant's Global Administrator requires verification for everyone, with the CLI, as they would.
  setCallerRule(sample, db, 'required');
  const app = await launch({ db });
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  let users = await openUser(app.page, ADELE, 'Adele Vance');
  const panel = new VerifyCallerPanel(app.page);
  await expect(users.resetButton).toBeDisabled();
  await expect(panel.requirement).toHaveText('Verify the caller first (1 method)');

  await panel.sendEmailCode();
  await expect(panel.sentNote).toContainText(/Code sent to .•••@/);
  await expectAccessible(app.page, 'verify caller panel (code sent)');

  const outbox = new OutboxPage(app.page);
  const mail = await outbox.waitForMessage({ subjectContains: 'verification code', channel: 'email' });
  expect(mail.to).toHaveLength(1);
  expect(mail.to[0]).not.toBe(ADELE); // the registered alternate email, not the work mailbox
  const code = codeIn(mail.text);

  await new ShellPage(app.page).openUsers();
  users = await openUser(app.page, ADELE, 'Adele Vance');
  await panel.sendEmail.waitFor();
  // The code field shows again for the code already sent (the panel keeps it for this user).
  await panel.checkEmailCode(code);
  await expect(panel.verifiedLines).toHaveText(/^Caller verified by email code at .*\d:\d\d.*\(valid 10 min\)$/);
  await expect(users.resetButton).toBeEnabled();

  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await dialog.confirm();
  await expect(dialog.password).toBeVisible();
});

test('required for an administrator and missing: the pre-flight says why before any click, and main refuses a reset sent directly', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, AGENTS.password, /.+/);
  await expect(users.resetButton).toBeDisabled();
  const refusal = users.pane.getByRole('group', { name: 'Verify the caller first (2 methods for administrators)' });
  await expect(refusal).toContainText('Administrators need 2 methods verified; 0 are verified.');
  await expectAccessible(app.page, 'user pane (caller not verified)');

  // A renderer that ignores the disabled button: main decides, not the button.
  const answer = await app.page.evaluate(async (upn) => {
    const api = (globalThis as unknown as { resetdesk: Record<string, (r: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>> }).resetdesk;
    const found = (await api.searchUsers!({ query: upn })) as { value: { users: { id: string; upn: string }[] } };
    const user = found.value.users.find((u) => u.upn === upn)!;
    return api.resetPassword!({ userId: user.id });
  }, AGENTS.password);
  expect(answer.ok).toBe(false);
  expect(answer.error?.code).toBe('CALLER_NOT_VERIFIED');
});

test('recommended (the default for a user without a role): the reset dialog warns that the caller is not verified, and the reset may go ahead', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, ADELE, 'Adele Vance');
  await expect(new VerifyCallerPanel(app.page).requirement).toHaveText('Verifying the caller is recommended before a reset or unlock.');
  await users.resetButton.click();
  const dialog = new ResetDialog(app.page);
  await expect(dialog.dialog.getByRole('group', { name: 'The caller is not verified.' })).toContainText('audited as unverified');
  await expectAccessible(app.page, 'reset dialog (caller not verified)');
  await dialog.confirm();
  await expect(dialog.password).toBeVisible();
});
