/** The reset dialog: confirm, read the one-time password, copy it, close (which forgets it). */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { untilAnswered } from './answered';

export class ResetDialog {
  readonly dialog: Locator;
  readonly generatedNote: Locator;
  /** On-premises users only: the agent types the password. */
  readonly newPassword: Locator;
  /** On-premises users: fills the field with a password main made for the tenant's policy. */
  readonly generateButton: Locator;
  /** Shown while the field holds the generated password unedited. */
  readonly generatedPasswordNote: Locator;
  readonly policyChecklist: Locator;
  /** Main's live banned-password verdict under the typed password (its reason when refused). */
  readonly bannedCheck: Locator;
  readonly requireChange: Locator;
  readonly confirmButton: Locator;
  readonly cancelButton: Locator;
  readonly error: Locator;
  readonly password: Locator;
  readonly readoutToggle: Locator;
  readonly readoutList: Locator;
  readonly copyButton: Locator;
  readonly clipboardStatus: Locator;
  readonly closeButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^Reset password for / });
    this.generatedNote = this.dialog.getByText('A temporary password will be generated.');
    this.newPassword = this.dialog.getByLabel('New password', { exact: true });
    this.generateButton = this.dialog.getByRole('button', { name: 'Generate' });
    this.generatedPasswordNote = this.dialog.getByRole('status').filter({ hasText: 'Generated a password that meets the policy' });
    this.policyChecklist = this.dialog.getByRole('list', { name: 'Password requirements' });
    this.bannedCheck = this.dialog.getByTestId('banned-password-check');
    this.requireChange = this.dialog.getByRole('switch', { name: 'Require change at next sign-in' });
    this.confirmButton = this.dialog.getByRole('button', { name: 'Reset password' });
    this.cancelButton = this.dialog.getByRole('button', { name: 'Cancel' });
    this.error = this.dialog.getByRole('alert');
    this.password = this.dialog.getByRole('group', { name: 'Temporary password' });
    this.readoutToggle = this.dialog.getByRole('button', { name: 'Show NATO readout' });
    this.readoutList = this.dialog.getByRole('list', { name: 'NATO readout' });
    this.copyButton = this.dialog.getByRole('button', { name: 'Copy', exact: true });
    this.clipboardStatus = this.dialog.getByRole('status');
    this.closeButton = this.dialog.getByRole('button', { name: 'Close', exact: true });
  }

  /** The dialog for this user is open. */
  async expectOpenFor(displayName: string): Promise<void> {
    await expect(this.page.getByRole('dialog', { name: `Reset password for ${displayName}` })).toBeVisible();
  }

  /** Confirms the reset (typing `password` first for an on-premises user) and waits for main's answer; the caller expects it. */
  async confirm(options: { password?: string; requireChange?: boolean } = {}): Promise<void> {
    if (options.password !== undefined) await this.newPassword.fill(options.password);
    if (options.requireChange !== undefined) await this.requireChange.setChecked(options.requireChange);
    await this.confirmButton.click();
    await untilAnswered(this.confirmButton);
  }

  /** Clicks Generate and waits until the field holds main's suggestion; returns it. */
  async generate(): Promise<string> {
    await this.generateButton.click();
    await expect(this.generatedPasswordNote).toBeVisible();
    return this.newPassword.inputValue();
  }

  /** The password as shown: the groups' text, which has no separators. */
  async temporaryPassword(): Promise<string> {
    await expect(this.password).toBeVisible();
    return (await this.password.textContent()) ?? '';
  }

  async readout(): Promise<string[]> {
    if ((await this.readoutToggle.getAttribute('aria-expanded')) !== 'true') await this.readoutToggle.click();
    await expect(this.readoutList).toBeVisible();
    return (await this.readoutList.getByRole('listitem').allTextContents()).map((t) => t.trim());
  }

  async copy(): Promise<void> {
    await this.copyButton.click();
    await expect(this.clipboardStatus).toHaveText(/^Copied\. Clears in \d+ s$/);
  }

  /** Waits for the countdown to end and main to confirm the clear. */
  async waitForCleared(timeout = 60_000): Promise<void> {
    await expect(this.clipboardStatus).toHaveText('Clipboard cleared', { timeout });
  }

  async close(): Promise<void> {
    await this.closeButton.click();
    await expect(this.dialog).toBeHidden();
  }

  async cancel(): Promise<void> {
    await this.cancelButton.click();
    await expect(this.dialog).toBeHidden();
  }
}
