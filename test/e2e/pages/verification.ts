/**
 * The user pane's Verify caller panel: send a code by email or SMS, type
 * what the caller read back, see "Caller verified by … at HH:MM (valid 10 min)".
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class VerifyCallerPanel {
  readonly panel: Locator;
  readonly requirement: Locator;
  readonly sendEmail: Locator;
  readonly sendSms: Locator;
  readonly emailCode: Locator;
  readonly smsCode: Locator;
  readonly checkEmail: Locator;
  readonly checkSms: Locator;
  readonly sentNote: Locator;
  readonly verifiedLines: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    const pane = page.getByRole('region', { name: 'User details' });
    this.panel = pane.getByRole('region', { name: 'Verify caller' });
    this.requirement = this.panel.getByText(/^Verify the caller first|^Verifying the caller is recommended/);
    this.sendEmail = this.panel.getByRole('button', { name: 'Send code by email' });
    this.sendSms = this.panel.getByRole('button', { name: 'Send code by SMS' });
    this.emailCode = this.panel.getByRole('textbox', { name: 'Email code' });
    this.smsCode = this.panel.getByRole('textbox', { name: 'SMS code' });
    this.checkEmail = this.panel.getByRole('button', { name: 'Check email code' });
    this.checkSms = this.panel.getByRole('button', { name: 'Check SMS code' });
    this.sentNote = this.panel.getByText(/^Code sent to /);
    this.verifiedLines = this.panel.getByText(/^Caller verified by /);
    this.error = this.panel.getByRole('alert');
  }

  /** Sends an email code and waits for main's answer (where it went, masked). */
  async sendEmailCode(): Promise<void> {
    await this.sendEmail.click();
    await expect(this.sentNote).toBeVisible();
  }

  async checkEmailCode(code: string): Promise<void> {
    await this.emailCode.fill(code);
    await this.checkEmail.click();
  }
}
