/** The Audit screen: filters, the events table and paging. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export interface AuditFilter {
  target?: string;
  agent?: string;
  /** An AUDIT_ACTIONS value, or '' for "All actions". */
  action?: string;
}

export interface AuditRow {
  time: string;
  agent: string;
  target: string;
  action: string;
  result: string;
  code: string;
}

export class AuditPage {
  readonly heading: Locator;
  readonly target: Locator;
  readonly agent: Locator;
  readonly action: Locator;
  readonly applyButton: Locator;
  readonly table: Locator;
  readonly empty: Locator;
  readonly loadMoreButton: Locator;
  readonly error: Locator;
  readonly loading: Locator;
  /** The hint under a text filter that is not a full UPN (so not applied). */
  readonly notAppliedHints: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2, name: 'Audit' });
    this.target = page.getByRole('textbox', { name: 'Target', exact: true });
    this.agent = page.getByRole('textbox', { name: 'Agent', exact: true });
    this.action = page.getByRole('combobox', { name: 'Action', exact: true });
    this.applyButton = page.getByRole('button', { name: 'Apply filters' });
    this.table = page.getByRole('table', { name: 'Audit events' });
    this.empty = page.getByText('No events match');
    this.loadMoreButton = page.getByRole('button', { name: 'Load more' });
    this.error = page.getByRole('alert');
    this.loading = page.getByText('Loading events');
    this.notAppliedHints = page.getByText(/^Not applied: enter a full user principal name/);
  }

  /** Waits until the log (or its empty state) is shown. */
  async loaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.loading).toBeHidden();
    await expect(this.table.or(this.empty)).toBeVisible();
  }

  /** Sets the filters given (others unchanged) and applies them. */
  async filter(filter: AuditFilter): Promise<void> {
    if (filter.target !== undefined) await this.target.fill(filter.target);
    if (filter.agent !== undefined) await this.agent.fill(filter.agent);
    if (filter.action !== undefined) await this.action.selectOption(filter.action);
    await this.applyButton.click();
    await this.loaded();
  }

  /** Body rows of the events table. */
  rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  async rowValues(): Promise<AuditRow[]> {
    const out: AuditRow[] = [];
    for (const row of await this.rows().all()) {
      const [time = '', agent = '', target = '', action = '', result = '', code = ''] = (
        await row.getByRole('cell').allTextContents()
      ).map((t) => t.trim());
      out.push({ time, agent, target, action, result, code });
    }
    return out;
  }

  /** Loads the next page and waits for more rows. */
  async loadMore(): Promise<void> {
    const before = await this.rows().count();
    await this.loadMoreButton.click();
    await expect.poll(() => this.rows().count()).toBeGreaterThan(before);
  }
}
