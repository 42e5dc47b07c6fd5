/**
 * The Outbox screen: the mail and SMS the sample tenant sent, as its local
 * outbox received them, newest first. For specs that need what a user would
 * read (a verification code, a notification): `waitForMessage` watches the
 * screen (which asks main every 2 s while open) until the message shows, no
 * sleeping.
 *
 *   const outbox = new OutboxPage(app.page);
 *   const mail = await outbox.waitForMessage({ to: 'adele.vance@contoso.com', subjectContains: 'verification code' });
 *   const code = codeIn(mail.text);
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export interface ShownOutboxMessage {
  channel: 'email' | 'sms';
  /** The email's subject, or "SMS to …" for an SMS. */
  title: string;
  /** As the screen shows it, in the agent's locale. */
  when: string;
  from: string;
  to: string[];
  text: string;
}

export interface MessageMatch {
  /** One of the recipients, exactly (case-insensitive). */
  to?: string;
  subjectContains?: string;
  textContains?: string;
  channel?: 'email' | 'sms';
}

/** The first run of 6–8 digits in a text: a one-time code. */
export function codeIn(text: string): string {
  const match = /\b(\d{6,8})\b/.exec(text);
  if (!match?.[1]) throw new Error('no code in the message');
  return match[1];
}

export class OutboxPage {
  readonly heading: Locator;
  readonly tab: Locator;
  /** The status bar's control (only when the tenant has a local outbox). */
  readonly statusBarButton: Locator;
  readonly list: Locator;
  readonly count: Locator;
  readonly listening: Locator;
  /** The screen itself: the box that scrolls, around the heading. */
  readonly screen: Locator;
  /** The same box as a named region taking the focus, so the keyboard scrolls it. */
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2, name: 'Sample outbox' });
    this.tab = page.getByRole('tab', { name: 'Outbox' });
    this.statusBarButton = page.getByRole('contentinfo', { name: 'Status bar' }).getByRole('button', { name: 'Sample outbox' });
    this.list = page.getByRole('list', { name: 'Outbox messages' });
    this.count = page.getByRole('status').filter({ hasText: /^(No messages yet\.|\d+ messages?)$/ });
    this.listening = page.getByText(/^Listening on SMTP 127\.0\.0\.1:\d+/);
    this.screen = this.heading.locator('xpath=..');
    this.region = page.getByRole('region', { name: 'Sample outbox' });
  }

  /** Whether the messages run past the screen's height (it scrolls). */
  async scrolls(): Promise<boolean> {
    return this.screen.evaluate((element) => element.scrollHeight > element.clientHeight);
  }

  async scrolledToEnd(): Promise<boolean> {
    return this.screen.evaluate((element) => element.scrollTop + element.clientHeight >= element.scrollHeight - 1);
  }

  /** Opens the screen from the status bar, as an agent in the preview would. */
  async open(): Promise<void> {
    if (await this.heading.isVisible()) return;
    await this.statusBarButton.click();
    await expect(this.heading).toBeVisible();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
  }

  /** What the screen shows now, newest first. */
  async messages(): Promise<ShownOutboxMessage[]> {
    if (!(await this.list.isVisible())) return [];
    const out: ShownOutboxMessage[] = [];
    for (const item of await this.list.getByRole('listitem').all()) {
      const title = ((await item.getByRole('heading', { level: 3 }).textContent()) ?? '').trim();
      const terms = (await item.getByRole('term').allTextContents()).map((t) => t.trim());
      const values = (await item.getByRole('definition').allTextContents()).map((t) => t.trim());
      const fact = (label: string) => values[terms.indexOf(label)] ?? '';
      const channel = terms[0] === 'SMS' ? 'sms' : 'email';
      out.push({
        channel,
        title,
        when: values[0] ?? '',
        from: fact('From'),
        to: fact('To').split(', ').filter(Boolean),
        text: (await item.getByRole('paragraph').textContent()) ?? '',
      });
    }
    return out;
  }

  /** The newest message matching, once the screen shows it (opens the screen first). */
  async waitForMessage(match: MessageMatch, timeoutMs = 20_000): Promise<ShownOutboxMessage> {
    await this.open();
    const find = (messages: ShownOutboxMessage[]) =>
      messages.find(
        (m) =>
          (match.to === undefined || m.to.some((to) => to.toLowerCase() === match.to!.toLowerCase())) &&
          (match.subjectContains === undefined || m.title.includes(match.subjectContains)) &&
          (match.textContains === undefined || m.text.includes(match.textContains)) &&
          (match.channel === undefined || m.channel === match.channel),
      );
    let found: ShownOutboxMessage | undefined;
    await expect
      .poll(async () => (found = find(await this.messages())) !== undefined, {
        message: `an outbox message matching ${JSON.stringify(match)}`,
        timeout: timeoutMs,
      })
      .toBe(true);
    return found!;
  }
}
