/**
 * The user pane's Verify caller panel: send a code by email or SMS, type
 * what the caller read back, see "Caller verified by … at HH:MM (valid 10 min)";
 * the methods the user has that cannot work here are listed as "Methods not
 * offered". Also the Users screen's once-only "Notices to users are off" bar.
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
  readonly totpCode: Locator;
  /** The methods the user has that the panel does not offer, each with why. */
  readonly notOffered: Locator;

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
    this.totpCode = this.panel.getByRole('textbox', { name: 'Authenticator code' });
    this.notOffered = this.panel.getByRole('list', { name: 'Methods not offered' });
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

/** "Notices to users are off.": information on the Users screen, said once, which the agent may dismiss. */
export class DeliveryNoticeBar {
  readonly bar: Locator;
  readonly dismiss: Locator;

  constructor(readonly page: Page) {
    this.bar = page.getByRole('group', { name: 'Notices to users are off.' });
    this.dismiss = this.bar.getByRole('button', { name: 'Dismiss' });
  }
}

/**
 * How a part of the screen fits the window: the elements in it that reach
 * past the viewport's right edge or scroll sideways (a horizontal scrollbar),
 * and whether the page itself scrolls sideways. At the minimum window size
 * (720×520) every part must fit: nothing cut off, no sideways scrolling.
 */
export async function overflowOf(target: Locator): Promise<{ sideways: boolean; pastEdge: string[] }> {
  return target.evaluate((root) => {
    const doc = root.ownerDocument;
    const view = doc.defaultView!;
    const edge = doc.documentElement.clientWidth;
    const pastEdge: string[] = [];
    for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue;
      const scrolls = ['auto', 'scroll'].includes(view.getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1;
      if (box.right > edge + 0.5 || scrolls) pastEdge.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
    }
    const scroller = doc.scrollingElement ?? doc.documentElement;
    return { sideways: scroller.scrollWidth > scroller.clientWidth, pastEdge };
  });
}
