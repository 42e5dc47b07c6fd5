/** The Audit screen: filters applied as typed, the (virtualised) events table, one event's detail, CSV export. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export interface AuditFilter {
  target?: string;
  agent?: string;
  /** The action's name as the list shows it ("Password reset"), or "All actions". */
  action?: string;
  /** A day, YYYY-MM-DD ('' clears it). */
  from?: string;
  to?: string;
}

export interface AuditRow {
  time: string;
  /** The event in words: "Password reset", "Sign-in failed: wrong password". */
  what: string;
  target: string;
  agent: string;
}

export class AuditPage {
  readonly heading: Locator;
  readonly target: Locator;
  readonly agent: Locator;
  readonly action: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly table: Locator;
  /** The header row (Time, What happened, Target, Agent), above the scrolling body. */
  readonly headerRow: Locator;
  /** The table's scrolling body (the rows below the header). */
  readonly body: Locator;
  readonly count: Locator;
  readonly empty: Locator;
  readonly error: Locator;
  readonly loading: Locator;
  readonly exportButton: Locator;
  readonly exported: Locator;
  readonly detail: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2, name: 'Audit' });
    this.target = page.getByRole('searchbox', { name: 'Target' });
    this.agent = page.getByRole('searchbox', { name: 'Agent' });
    this.action = page.getByRole('combobox', { name: 'Action', exact: true });
    this.from = page.getByLabel('From', { exact: true });
    this.to = page.getByLabel('To', { exact: true });
    this.table = page.getByRole('table', { name: 'Audit events' });
    this.headerRow = this.table.getByRole('rowgroup').first().getByRole('row');
    this.body = this.table.getByRole('rowgroup').nth(1);
    this.count = page.getByText(/^(\d[\d,]* events?|More than [\d,]+ events match.*)$/);
    this.empty = page.getByText('No events match');
    this.error = page.getByRole('alert');
    this.loading = page.getByText('Loading events');
    this.exportButton = page.getByRole('button', { name: 'Export CSV…' });
    this.exported = page.getByText(/^Exported [\d,]+ events? to /);
    this.detail = page.getByRole('dialog');
  }

  /** Waits until the log (or its empty state) is shown. */
  async loaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.loading).toBeHidden();
    await expect(this.table.or(this.empty)).toBeVisible();
  }

  /** Types / chooses the filters given (others unchanged): no Apply button, the list follows. */
  async filter(filter: AuditFilter): Promise<void> {
    if (filter.target !== undefined) await this.target.fill(filter.target);
    if (filter.agent !== undefined) await this.agent.fill(filter.agent);
    if (filter.action !== undefined) await this.action.selectOption({ label: filter.action });
    if (filter.from !== undefined) await this.from.fill(filter.from);
    if (filter.to !== undefined) await this.to.fill(filter.to);
  }

  /** Body rows rendered now (the table renders only those in view). */
  rows(): Locator {
    return this.body.getByRole('row');
  }

  row(options: { hasText: string | RegExp }): Locator {
    return this.rows().filter(options);
  }

  async rowValues(): Promise<AuditRow[]> {
    const out: AuditRow[] = [];
    for (const row of await this.rows().all()) {
      const [time = '', what = '', target = '', agent = ''] = (await row.getByRole('cell').allTextContents()).map((t) => t.trim());
      out.push({ time, what, target, agent });
    }
    return out;
  }

  /** The row's "What happened" button: what opens its detail, and where the focus comes back to. */
  rowButton(row: Locator): Locator {
    return row.getByRole('button');
  }

  /** Opens an event's detail from its row ("What happened" is a button; `by: 'row'` clicks the row's time instead). */
  async open(row: Locator, by: 'button' | 'row' | 'keyboard' = 'button'): Promise<void> {
    if (by === 'button') await this.rowButton(row).click();
    else if (by === 'row') await row.getByRole('cell').first().click();
    else {
      await this.rowButton(row).focus();
      await this.page.keyboard.press('Enter');
    }
    await expect(this.detail).toBeVisible();
    // Settled: the dialog's opening fade has finished (axe would measure half-faded text).
    await this.detail.evaluate((dialog) => Promise.all(dialog.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished)));
  }

  /** The open event's facts, label → value. */
  async facts(): Promise<Record<string, string>> {
    const labels = await this.detail.getByRole('term').allTextContents();
    const values = await this.detail.getByRole('definition').allTextContents();
    return Object.fromEntries(labels.map((label, i) => [label.trim(), (values[i] ?? '').trim()]));
  }

  async closeDetail(by: 'button' | 'escape' = 'button'): Promise<void> {
    if (by === 'button') await this.detail.getByRole('button', { name: 'Close' }).click();
    else await this.page.keyboard.press('Escape');
    await expect(this.detail).toBeHidden();
  }

  /** The screen's own box: whether anything makes it (or the page) scroll sideways. */
  async scrollsSideways(): Promise<boolean> {
    return this.heading.evaluate((heading) => {
      const screen = heading.parentElement!;
      const root = heading.ownerDocument.documentElement;
      return screen.scrollWidth > screen.clientWidth || root.scrollWidth > root.clientWidth;
    });
  }

  /** Whether the header row is whole: its full height shown, above the body (nothing under or over it). */
  async headerLayout(): Promise<{ height: number; clipped: boolean; overBody: boolean }> {
    const header = (await this.headerRow.boundingBox())!;
    const group = (await this.table.getByRole('rowgroup').first().boundingBox())!;
    const body = (await this.body.boundingBox())!;
    return {
      height: Math.round(header.height),
      clipped: group.height + 0.5 < header.height,
      overBody: body.y + 0.5 < group.y + group.height,
    };
  }

  /** Exports the filtered events and returns the path the app reports. */
  async exportCsv(): Promise<string> {
    await this.exportButton.click();
    await expect(this.exported).toBeVisible();
    const text = (await this.exported.textContent()) ?? '';
    return text.replace(/^Exported [\d,]+ events? to /, '');
  }

  /** How a cell's text is laid out: on how many lines, and whether the cell cuts it. */
  async layoutOf(cell: Locator): Promise<{ lines: number; clipped: boolean }> {
    return cell.evaluate((element) => {
      const range = element.ownerDocument.createRange();
      range.selectNodeContents(element);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { lines: lines.size, clipped: element.scrollWidth > element.clientWidth };
    });
  }

  /** Scrolls the table's body to its end (the virtualiser renders the rows there). */
  async scrollToEnd(): Promise<void> {
    await this.body.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  }
}
