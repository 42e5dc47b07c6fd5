/**
 * The first-run screen: create the sample or an empty directory, then read the
 * agent accounts once; or connect Active Directory / OpenLDAP (the connection
 * form: pages/DirectoryFormPage.ts).
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export interface AgentAccountRow {
  name: string;
  upn: string;
  roles: string;
  password: string;
}

export class FirstRunPage {
  readonly heading: Locator;
  readonly directoryChoice: Locator;
  readonly sampleRadio: Locator;
  readonly emptyRadio: Locator;
  readonly activeDirectoryRadio: Locator;
  readonly openLdapRadio: Locator;
  readonly organisationName: Locator;
  readonly domain: Locator;
  readonly createButton: Locator;
  readonly error: Locator;
  readonly accountsHeading: Locator;
  readonly accountsWarning: Locator;
  readonly accountsTable: Locator;
  readonly continueButton: Locator;
  readonly saveButton: Locator;
  /** "Saved to PATH (only you can read this file)." */
  readonly savedStatus: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Set up Resetdesk' });
    this.directoryChoice = page.getByRole('radiogroup', { name: 'Directory to create' });
    this.sampleRadio = page.getByRole('radio', { name: 'Embedded sample' });
    this.emptyRadio = page.getByRole('radio', { name: 'Empty tenant' });
    this.activeDirectoryRadio = page.getByRole('radio', { name: 'Active Directory' });
    this.openLdapRadio = page.getByRole('radio', { name: 'OpenLDAP' });
    this.organisationName = page.getByRole('textbox', { name: 'Organisation name', exact: true });
    this.domain = page.getByRole('textbox', { name: 'Domain', exact: true });
    this.createButton = page.getByRole('button', { name: 'Create directory' });
    this.error = page.getByRole('alert');
    this.accountsHeading = page.getByRole('heading', { level: 2, name: 'Agent accounts' });
    this.accountsWarning = page.getByText('These passwords are shown only once.');
    this.accountsTable = page.getByRole('table', { name: 'Agent accounts' });
    this.continueButton = page.getByRole('button', { name: 'Continue to sign in' });
    this.saveButton = page.getByRole('button', { name: 'Save to file…' });
    this.savedStatus = page.getByText(/^Saved to .+ \(only you can read this file\)\.$/);
  }

  /** Creates the Contoso sample (hashing its passwords takes a few seconds) and waits for the accounts. */
  async createSample(): Promise<void> {
    await this.sampleRadio.check();
    await this.createButton.click();
    await expect(this.accountsTable).toBeVisible({ timeout: 120_000 });
  }

  /** Creates an empty tenant and waits for its agent account. */
  async createEmpty(organisationName: string, domain: string): Promise<void> {
    await this.emptyRadio.check();
    await this.organisationName.fill(organisationName);
    await this.domain.fill(domain);
    await this.createButton.click();
    await expect(this.accountsTable).toBeVisible({ timeout: 60_000 });
  }

  /** The agent accounts as shown (body rows only). */
  async accounts(): Promise<AgentAccountRow[]> {
    const rows = this.accountsTable.getByRole('row').filter({ has: this.page.getByRole('cell') });
    const out: AgentAccountRow[] = [];
    for (const row of await rows.all()) {
      const cells = (await row.getByRole('cell').allTextContents()).map((t) => t.trim());
      const [name = '', upn = '', roles = '', password = ''] = cells;
      out.push({ name, upn, roles, password });
    }
    return out;
  }

  async passwordOf(upn: string): Promise<string> {
    const account = (await this.accounts()).find((a) => a.upn.toLowerCase() === upn.toLowerCase());
    if (!account) throw new Error(`${upn} is not among the agent accounts shown`);
    return account.password;
  }

  copyButton(upn: string): Locator {
    return this.accountsTable.getByRole('button', { name: `Copy the password of ${upn}` });
  }

  /** Copies one account's password; the button then says "Copied". */
  async copyPassword(upn: string): Promise<void> {
    await this.copyButton(upn).click();
    await expect(this.copyButton(upn)).toHaveText('Copied');
  }

  /** Saves the accounts to a file and returns the path the screen reports. */
  async saveToFile(): Promise<string> {
    await this.saveButton.click();
    await expect(this.savedStatus).toBeVisible();
    const text = (await this.savedStatus.textContent()) ?? '';
    return text.replace(/^Saved to /, '').replace(/ \(only you can read this file\)\.$/, '');
  }

  async continueToSignIn(): Promise<void> {
    await this.continueButton.click();
    await expect(this.heading).toBeHidden();
  }
}
