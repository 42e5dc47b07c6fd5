/**
 * Steps several specs share, written with the page objects: signing in as one
 * of the sample's agents, opening a user in the Users screen, and resetting
 * a user's password with the temporary password copied.
 */
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ResetDialog } from './pages/ResetDialog';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';
import { UsersPage } from './pages/UsersPage';
import type { SampleDirectory } from './sample-directory';
import { PROJECT_ROOT } from './launch';
import type { CallerVerificationRule } from '../../main/domain/types';

export const AGENTS = {
  helpdesk: 'helpdesk.admin@contoso.com',
  password: 'password.admin@contoso.com',
  global: 'global.admin@contoso.com',
} as const;

export async function signInAgent(page: Page, sample: SampleDirectory, upn: string): Promise<ShellPage> {
  return signInWith(page, upn, sample.passwordOf(upn));
}

/** Signs in with a given password (an agent of a real directory) and waits for the shell. */
export async function signInWith(page: Page, upn: string, password: string): Promise<ShellPage> {
  await new SignInPage(page).signIn(upn, password);
  const shell = new ShellPage(page);
  await shell.expectSignedIn(upn);
  return shell;
}

/** Searches by UPN and opens that user's pane. */
export async function openUser(page: Page, upn: string, displayName: string | RegExp): Promise<UsersPage> {
  const users = new UsersPage(page);
  await users.search(upn);
  await users.select(displayName);
  await expect(users.heading()).toHaveText(displayName);
  return users;
}

/**
 * Opens the user, resets the password (generated) and, unless told not to,
 * copies it: the dialog stays open on the result.
 */
export async function resetPassword(
  page: Page,
  upn: string,
  displayName: string | RegExp,
  options: { copy?: boolean } = {},
): Promise<{ users: UsersPage; dialog: ResetDialog; temporary: string }> {
  const users = await openUser(page, upn, displayName);
  await users.resetButton.click();
  const dialog = new ResetDialog(page);
  await dialog.confirm();
  const temporary = await dialog.temporaryPassword();
  if (options.copy ?? true) await dialog.copy();
  return { users, dialog, temporary };
}

/** Unlocks a locked user from the pane, as the signed-in agent: the pane said locked before, "Account unlocked." after. */
export async function unlockLockedUser(page: Page, upn: string, displayName: string): Promise<void> {
  const users = new UsersPage(page);
  await users.search(upn);
  await users.select(displayName);
  await expect(users.field('Lockout')).toContainText('Locked');
  await users.unlock();
  await expect(users.unlockStatus).toHaveText('Account unlocked.');
}

/** The tenant's Global Administrator sets the caller check with the CLI, as they would (before the app opens the file). */
export function setCallerRule(sample: SampleDirectory, db: string, rule: CallerVerificationRule): void {
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'resetdesk.mjs'), 'tenant', 'set', 'callerVerification', rule, '--as', AGENTS.global, '--db', db], {
    env: { ...process.env, RESETDESK_AGENT_PASSWORD: sample.passwordOf(AGENTS.global) },
    stdio: 'pipe',
  });
}

/** What an administrator's tool (or a sync) does to the directory file while the agent works: the account is disabled. */
export function disableAccount(db: string, upn: string): void {
  const connection = new Database(db);
  try {
    connection.prepare('UPDATE users SET account_enabled = 0 WHERE upn = ?').run(upn);
  } finally {
    connection.close();
  }
}
