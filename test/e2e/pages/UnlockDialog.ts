/** The confirmation Unlock asks first when the caller is not verified (rule: recommended) or the account is disabled. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class UnlockDialog {
  readonly dialog: Locator;
  /** "The caller is not verified. … this unlock will be audited as unverified." */
  readonly unverifiedWarning: Locator;
  /** "This account is disabled. Unlocking does not enable the account…" */
  readonly disabledNotice: Locator;
  readonly confirmButton: Locator;
  readonly cancelButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^Unlock account for / });
    this.unverifiedWarning = this.dialog.getByRole('group', { name: 'The caller is not verified.' });
    this.disabledNotice = this.dialog.getByRole('group', { name: 'This account is disabled.' });
    this.confirmButton = this.dialog.getByRole('button', { name: 'Unlock account' });
    this.cancelButton = this.dialog.getByRole('button', { name: 'Cancel' });
  }

  async expectOpenFor(displayName: string): Promise<void> {
    await expect(this.page.getByRole('dialog', { name: `Unlock account for ${displayName}` })).toBeVisible();
  }

  async confirm(): Promise<void> {
    await this.confirmButton.click();
    await expect(this.dialog).toBeHidden();
  }

  async cancel(): Promise<void> {
    await this.cancelButton.click();
    await expect(this.dialog).toBeHidden();
  }
}
