/**
 * launchApp resolves only when the first screen is ready for input, so a spec
 * (this repo's or a tester's own) may type at once: no key is lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '../fixtures';
import { AGENTS } from '../flows';
import { FirstRunPage } from '../pages/FirstRunPage';
import { SignInPage } from '../pages/SignInPage';

test('on the sign-in screen the first keys go to the UPN field, all of them', async ({ app }) => {
  // No wait of our own: launchApp has resolved.
  await app.page.keyboard.type(AGENTS.helpdesk);
  const signIn = new SignInPage(app.page);
  await expect(signIn.upn).toHaveValue(AGENTS.helpdesk);
  await expect(signIn.upn).toBeFocused();
});

test('on the first-run screen the first key moves the directory choice', async ({ launch }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'resetdesk-launch-'));
  try {
    const app = await launch({ db: path.join(dir, 'directory.sqlite') });
    await app.page.keyboard.press('ArrowDown');
    const firstRun = new FirstRunPage(app.page);
    await expect(firstRun.emptyRadio).toBeChecked();
    await expect(firstRun.organisationName).toBeVisible();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
