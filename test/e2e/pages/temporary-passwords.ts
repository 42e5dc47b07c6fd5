/**
 * "Temporary passwords not yet changed" (the shell's Temporary passwords tab),
 * and the user pane's "Temporary password" section.
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class TemporaryPasswordsPage {
  readonly tab: Locator;
  readonly heading: Locator;
  readonly table: Locator;
  /** "1 temporary password not yet changed" / "Every temporary password has been changed by its user." */
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'Temporary passwords' });
    this.heading = page.getByRole('heading', { name: 'Temporary passwords not yet changed' });
    this.table = page.getByRole('table', { name: 'Temporary passwords not yet changed' });
    this.count = page.getByRole('status').filter({ hasText: /not yet changed|has been changed/ });
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
    await expect(this.count).toBeVisible();
  }

  /** The row of a user, by their display name. */
  row(displayName: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('button', { name: `Open ${displayName}` }) });
  }

  /** One cell of a row by its column header. */
  async cell(displayName: string, column: 'User' | 'Issued' | 'By' | 'Age' | 'State' | 'Expiry'): Promise<Locator> {
    const headers = await this.table.getByRole('columnheader').allTextContents();
    return this.row(displayName).getByRole('cell').nth(headers.indexOf(column));
  }

  async openUser(displayName: string): Promise<void> {
    await this.table.getByRole('button', { name: `Open ${displayName}` }).click();
  }
}

/** The pane's "Temporary password": its badge and its two lines. */
export function temporaryPasswordSection(pane: Locator): Locator {
  return pane.getByRole('region', { name: 'Temporary password' });
}
