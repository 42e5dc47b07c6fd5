/**
 * Steps several specs share, written with the page objects: signing in as one
 * of the sample's agents, and opening a user in the Users screen.
 */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';
import { UsersPage } from './pages/UsersPage';
import type { SampleDirectory } from './sample-directory';

export const AGENTS = {
  helpdesk: 'helpdesk.admin@contoso.com',
  password: 'password.admin@contoso.com',
  global: 'global.admin@contoso.com',
} as const;

export async function signInAgent(page: Page, sample: SampleDirectory, upn: string): Promise<ShellPage> {
  await new SignInPage(page).signIn(upn, sample.passwordOf(upn));
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
