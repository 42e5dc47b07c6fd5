/** Sign-in, with the forced change of the agent's own password. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { untilAnswered } from './answered';

export class SignInPage {
  readonly heading: Locator;
  readonly upn: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;
  /** A failed sign-in or change (role alert). */
  readonly error: Locator;
  /** Why the agent is back here, e.g. the idle lock's message. */
  readonly notice: Locator;
  /** The idle lock's form is for the same agent: it says so and offers a way out. */
  readonly lockedMessage: Locator;
  readonly someoneElseLink: Locator;

  readonly changeHeading: Locator;
  readonly currentPassword: Locator;
  readonly newPassword: Locator;
  readonly confirmPassword: Locator;
  readonly policyChecklist: Locator;
  /** Main's live banned-password verdict under the new password. */
  readonly bannedCheck: Locator;
  readonly changeButton: Locator;
  readonly cancelChangeButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Sign in to Resetdesk' });
    this.upn = page.getByRole('textbox', { name: 'User principal name', exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
    this.error = page.getByRole('alert');
    this.notice = page.getByText(/^Locked: enter your password|Sign in to continue\./);
    this.lockedMessage = page.getByText('Locked: enter your password, or sign in as someone else.', { exact: true });
    this.someoneElseLink = page.getByRole('button', { name: 'Sign in as someone else' });

    this.changeHeading = page.getByRole('heading', { level: 1, name: 'Change your password' });
    this.currentPassword = page.getByLabel('Current password', { exact: true });
    this.newPassword = page.getByLabel('New password', { exact: true });
    this.confirmPassword = page.getByLabel('Confirm new password', { exact: true });
    this.policyChecklist = page.getByRole('list', { name: 'Password requirements' });
    this.bannedCheck = page.getByTestId('banned-password-check');
    this.changeButton = page.getByRole('button', { name: 'Change password and sign in' });
    this.cancelChangeButton = page.getByRole('button', { name: 'Cancel' });
  }

  /** Fills, submits and waits for main's answer; the caller expects the outcome (shell, error or forced change). */
  async signIn(upn: string, password: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.upn.fill(upn);
    await this.password.fill(password);
    await this.signInButton.click();
    await untilAnswered(this.signInButton);
  }

  /** The forced change: current, new and confirmation (defaults to the new one), then submit. */
  async changePassword(current: string, next: string, confirm: string = next): Promise<void> {
    await expect(this.changeHeading).toBeVisible();
    await this.currentPassword.fill(current);
    await this.newPassword.fill(next);
    await this.confirmPassword.fill(confirm);
    await this.changeButton.click();
    await untilAnswered(this.changeButton);
  }
}
