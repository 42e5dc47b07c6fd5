/** The Directories screen: the connection profiles, which one is in use, and their actions. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class DirectoriesPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly addButton: Locator;
  readonly error: Locator;
  /** The confirmation before switching or removing. */
  readonly confirm: Locator;
  /** For whoever main says may not change connections: its words, saying who may. */
  readonly readOnlyNote: Locator;
  /** The bar around those words. */
  readonly readOnlyBar: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2, name: 'Directories' });
    this.list = page.getByRole('list', { name: 'Directory connections' });
    this.addButton = page.getByRole('button', { name: 'Add directory' });
    this.error = page.getByRole('main').getByRole('alert');
    this.confirm = page.getByRole('alertdialog');
    this.readOnlyNote = page.getByText(/^Read only\. Only a Global Administrator signed in to the directory in use can /);
    this.readOnlyBar = page.locator('.fui-MessageBar').filter({ has: this.readOnlyNote });
  }

  async loaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.list).toBeVisible();
  }

  /** One profile's card, by its name. */
  profile(name: string): Locator {
    return this.list.getByRole('listitem', { name, exact: true });
  }

  /** The value next to a label in a profile's card (dt → dd). */
  fact(name: string, label: string): Locator {
    return this.profile(name)
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  inUseBadge(name: string): Locator {
    return this.profile(name).getByText('In use', { exact: true });
  }

  button(name: string, label: 'Edit' | 'View' | 'Test connection' | 'Use this directory' | 'Remove'): Locator {
    return this.profile(name).getByRole('button', { name: label, exact: true });
  }
}
