/** The connection form (first run and the Directories screen): the profile's fields, role groups, "Test connection" and its steps. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export interface ConnectionValues {
  name: string;
  urls: string[];
  baseDn: string;
  usersDn?: string;
  caFile?: string;
  startTls?: boolean;
  /** Group DN → role name, in order. */
  roleGroups?: Record<string, string>;
  upnAttribute?: string;
}

export interface TestStepRow {
  text: string;
}

export class DirectoryFormPage {
  readonly form: Locator;
  readonly name: Locator;
  readonly urls: Locator;
  readonly baseDn: Locator;
  readonly usersDn: Locator;
  readonly caFile: Locator;
  readonly startTls: Locator;
  readonly upnAttribute: Locator;
  readonly addRoleGroupButton: Locator;
  readonly testUpn: Locator;
  readonly testPassword: Locator;
  readonly testButton: Locator;
  readonly testSteps: Locator;
  readonly testStatus: Locator;
  readonly cancelButton: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Directory connection' });
    this.name = this.form.getByRole('textbox', { name: 'Name', exact: true });
    this.urls = this.form.getByRole('textbox', { name: 'Server URLs' });
    this.baseDn = this.form.getByRole('textbox', { name: 'Base DN', exact: true });
    this.usersDn = this.form.getByRole('textbox', { name: 'Users DN (optional)' });
    this.caFile = this.form.getByRole('textbox', { name: 'CA certificate file (optional)' });
    this.startTls = this.form.getByRole('checkbox', { name: /^Use StartTLS/ });
    this.upnAttribute = this.form.getByRole('textbox', { name: 'UPN attribute' });
    this.addRoleGroupButton = this.form.getByRole('button', { name: 'Add role group' });
    const test = page.getByRole('form', { name: 'Test connection' });
    this.testUpn = test.getByRole('textbox', { name: "Agent's user principal name" });
    this.testPassword = test.getByLabel("Agent's password", { exact: true });
    this.testButton = test.getByRole('button', { name: 'Test connection' });
    this.testSteps = test.getByRole('list', { name: 'Connection test steps' });
    this.testStatus = test.getByRole('status');
    this.cancelButton = page.getByRole('button', { name: 'Cancel', exact: true });
  }

  groupDn(n: number): Locator {
    return this.form.getByRole('textbox', { name: `Group DN ${n}` });
  }

  role(n: number): Locator {
    return this.form.getByRole('combobox', { name: `Role ${n}` });
  }

  /** A role group's role, as a read-only form shows it. */
  roleText(n: number): Locator {
    return this.form.getByRole('textbox', { name: `Role ${n}` });
  }

  /**
   * Whether the role drop-down shows its chosen name whole: the name, in the
   * box's own font, fits between its paddings (the chevron's room included).
   */
  async roleShownWhole(n: number): Promise<boolean> {
    return this.role(n).evaluate((element) => {
      const select = element as unknown as { selectedOptions: { text: string }[] };
      const style = element.ownerDocument.defaultView!.getComputedStyle(element);
      const canvas = element.ownerDocument.createElement('canvas').getContext('2d')!;
      canvas.font = style.font;
      const text = canvas.measureText(select.selectedOptions[0]?.text ?? '').width;
      return text <= element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    });
  }

  /** Whether a box shows all it holds, with nothing scrolled out of sight either way. */
  static async shownWhole(box: Locator): Promise<boolean> {
    return box.evaluate((element) => element.scrollWidth <= element.clientWidth && element.scrollHeight <= element.clientHeight);
  }

  saveButton(label: string): Locator {
    return this.page.getByRole('button', { name: label, exact: true });
  }

  /** Fills every field given; role groups fill the rows in order (the form starts with one empty row). */
  async fill(values: ConnectionValues): Promise<void> {
    await this.name.fill(values.name);
    await this.urls.fill(values.urls.join('\n'));
    await this.baseDn.fill(values.baseDn);
    if (values.usersDn !== undefined) await this.usersDn.fill(values.usersDn);
    if (values.caFile !== undefined) await this.caFile.fill(values.caFile);
    if (values.startTls !== undefined) await this.startTls.setChecked(values.startTls);
    if (values.upnAttribute !== undefined) await this.upnAttribute.fill(values.upnAttribute);
    const groups = Object.entries(values.roleGroups ?? {});
    for (const [index, [dn, role]] of groups.entries()) {
      if (!(await this.groupDn(index + 1).isVisible())) await this.addRoleGroupButton.click();
      await this.groupDn(index + 1).fill(dn);
      await this.role(index + 1).selectOption({ label: role });
    }
  }

  /** Runs "Test connection" as this agent and waits for the steps. */
  async test(upn: string, password: string): Promise<string[]> {
    await this.testUpn.fill(upn);
    await this.testPassword.fill(password);
    await this.testButton.click();
    await expect(this.testSteps).toBeVisible({ timeout: 30_000 });
    return (await this.testSteps.getByRole('listitem').allTextContents()).map((t) => t.trim());
  }
}
