/** The signed-in frame: header tabs (Users, Audit, Directories), the status bar and sign-out. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class ShellPage {
  readonly banner: Locator;
  readonly tabs: Locator;
  /** Every tab offered, in order (toHaveText with a list checks their names). */
  readonly tabList: Locator;
  readonly usersTab: Locator;
  readonly auditTab: Locator;
  readonly directoriesTab: Locator;
  readonly main: Locator;
  readonly statusBar: Locator;
  /** The status bar's box, also while a modal dialog hides it from the accessibility tree (the layout checks). */
  readonly statusBarBox: Locator;
  readonly signOutButton: Locator;
  /** Where the local copy of a real directory stands (shown while it is read, or when it cannot be). */
  readonly directoryCopy: Locator;
  /** What an agent whose roles open no screen sees instead of the tabs. */
  readonly noAccess: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole('banner');
    this.tabs = page.getByRole('tablist');
    this.tabList = this.tabs.getByRole('tab');
    this.usersTab = page.getByRole('tab', { name: 'Users' });
    this.auditTab = page.getByRole('tab', { name: 'Audit' });
    this.directoriesTab = page.getByRole('tab', { name: 'Directories' });
    this.main = page.getByRole('main');
    this.statusBar = page.getByRole('contentinfo', { name: 'Status bar' });
    this.statusBarBox = page.locator('footer[aria-label="Status bar"]');
    this.signOutButton = this.statusBar.getByRole('button', { name: 'Sign out' });
    this.directoryCopy = this.statusBar.getByRole('status', { name: 'Directory copy' });
    this.noAccess = page.getByRole('heading', { level: 2, name: 'Nothing to show' });
  }


  /** The shell is up (its status bar: an agent whose roles open no screen has no tabs). */
  async expectSignedIn(upn?: string): Promise<void> {
    await expect(this.statusBar).toBeVisible();
    if (upn) await expect(this.statusBar).toContainText(upn);
  }

  async openUsers(): Promise<void> {
    await this.usersTab.click();
    await expect(this.usersTab).toHaveAttribute('aria-selected', 'true');
  }

  async openAudit(): Promise<void> {
    await this.auditTab.click();
    await expect(this.auditTab).toHaveAttribute('aria-selected', 'true');
  }

  async openDirectories(): Promise<void> {
    await this.directoriesTab.click();
    await expect(this.directoriesTab).toHaveAttribute('aria-selected', 'true');
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await expect(this.statusBar).toBeHidden();
  }
}
