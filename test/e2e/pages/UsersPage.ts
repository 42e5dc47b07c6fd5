/** The Users screen: search, results, and the selected user's pane. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { UnlockDialog } from './UnlockDialog';

/** The pane's description-list labels. */
export type FieldLabel =
  | 'User principal name'
  | 'Source of authority'
  | 'Domain'
  | 'User type'
  | 'Roles'
  | 'Admin protection'
  | 'Account enabled'
  | 'Lockout'
  | 'Password last set'
  | 'Must change password at next sign-in'
  | 'Password never expires'
  // "Contact details" (verification methods come masked from main)
  | 'Email'
  | 'Mobile phone'
  | 'Office phone'
  | 'Alternate email'
  | 'Authenticator app'
  | 'Security question';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class UsersPage {
  readonly searchbox: Locator;
  readonly resultsList: Locator;
  readonly noMatch: Locator;
  /** "3 users match" / "Showing 50 of 1,342" / "Showing 50 of more than 1,000". */
  readonly matchCount: Locator;
  readonly searchError: Locator;
  readonly pane: Locator;
  readonly resetButton: Locator;
  readonly unlockButton: Locator;
  /** The warning shown before any click when main's preflight refuses the reset. */
  readonly refusalMessage: Locator;
  /** "Account unlocked." / "The account was not locked." */
  readonly unlockStatus: Locator;
  readonly paneError: Locator;
  readonly recentActivity: Locator;
  /** The pane's "Contact details": mail, phones and verification methods. */
  readonly contactDetails: Locator;

  constructor(readonly page: Page) {
    this.searchbox = page.getByRole('searchbox', { name: 'Search users' });
    this.resultsList = page.getByRole('listbox', { name: 'Search results' });
    this.noMatch = page.getByText(/^No users match/);
    this.matchCount = page.getByRole('status').filter({ hasText: /users? match|^Showing \d/ });
    this.searchError = page.getByRole('alert');
    this.pane = page.getByRole('region', { name: 'User details' });
    this.resetButton = this.pane.getByRole('button', { name: 'Reset password' });
    this.unlockButton = this.pane.getByRole('button', { name: 'Unlock account' });
    this.refusalMessage = this.pane.getByRole('group', { name: "You can't reset this password" }); // "… or unlock this account." when locked
    this.unlockStatus = this.pane.getByRole('status');
    this.paneError = this.pane.getByRole('alert');
    this.recentActivity = this.pane.getByRole('table', { name: 'Recent activity' });
    this.contactDetails = this.pane.getByRole('region', { name: 'Contact details' });
  }

  /** A state filter's toggle button beside the search box ("Locked out", "Disabled", "Guests", "Admin roles", "Synced"…). */
  filter(label: string): Locator {
    return this.page.getByRole('group', { name: 'Filter users' }).getByRole('button', { name: label, exact: true });
  }

  /** The results that are loaded (not the "Loading more users…" rows). */
  loadedResults(): Locator {
    return this.resultsList.locator('[role="option"]:not([aria-disabled="true"])');
  }

  /** Scrolls the results to their end, as an agent drags the scrollbar down (the list loads what comes into view). */
  async scrollResultsToEnd(): Promise<void> {
    await this.resultsList.evaluate((list) => {
      const scroller = list.parentElement!;
      scroller.scrollTop = scroller.scrollHeight;
    });
  }

  /** Scrolls until the option named `name` is in view: every match is reachable by scrolling alone. */
  async scrollUntilListed(name: RegExp): Promise<Locator> {
    const option = this.option(name);
    await expect(async () => {
      await this.scrollResultsToEnd();
      await expect(option).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    return option;
  }

  /** Types a query and waits for its own answer (results or "No users match"). */
  async search(text: string): Promise<void> {
    await this.searchbox.fill(text);
    await expect(this.resultsList.or(this.noMatch)).toBeVisible();
  }

  results(): Locator {
    return this.resultsList.getByRole('option');
  }

  option(name: string | RegExp): Locator {
    return this.resultsList.getByRole('option', { name });
  }

  /** The highlighted parts of a result: why it matched. */
  marks(option: Locator): Locator {
    return option.locator('mark');
  }

  /** Clicks the result whose text contains `name` (display name or UPN) and waits for the pane. */
  async select(name: string | RegExp): Promise<void> {
    const option = this.option(name).first();
    await option.click();
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await expect(this.pane).toBeVisible();
  }

  /** The pane's heading (the user's display name). */
  heading(): Locator {
    return this.pane.getByRole('heading', { level: 2 });
  }

  /**
   * The value next to a label in the pane. ARIA forbids naming a definition
   * (dd), so this finds the term (dt) by its exact text and takes its value.
   */
  field(label: FieldLabel): Locator {
    return this.pane
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  /** A badge in the pane ("Locked", "Guest", "Synced", "Federated", a role name...). */
  badge(label: string): Locator {
    return this.pane.getByText(label, { exact: true });
  }

  /**
   * Unlocks as an agent who goes ahead: confirms when Unlock asks first (an
   * unverified caller under a recommending rule, a disabled account), and
   * waits for the outcome. Specs about the confirmation use UnlockDialog.
   */
  async unlock(): Promise<void> {
    await this.unlockButton.click();
    const confirmation = new UnlockDialog(this.page);
    await expect(this.unlockStatus.or(confirmation.dialog)).toBeVisible();
    if (await confirmation.dialog.isVisible()) await confirmation.confirm();
    await expect(this.unlockStatus).toBeVisible();
  }

  /** Rows of "Recent activity", header excluded. */
  activityRows(): Locator {
    return this.recentActivity.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }
}
