/**
 * The count under the search box on a directory larger than one page of
 * results (the shared sample has 120 users): "Showing 50 of ...".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initDirectory } from '../../../main/app/init-directory';
import { PasswordHasher } from '../../../main/reset/hashing';
import { expect, test } from '../fixtures';
import { AGENTS } from '../flows';
import { ShellPage } from '../pages/ShellPage';
import { SignInPage } from '../pages/SignInPage';
import { UsersPage } from '../pages/UsersPage';

test.describe('a directory larger than one page of results', () => {
  let dir: string;
  let db: string;
  let helpdeskPassword: string;
  test.beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'resetdesk-e2e-600-'));
    db = path.join(dir, 'directory.sqlite');
    const { store, accounts } = await initDirectory(db, { kind: 'sample', size: 600, seed: 2 }, { hasher: new PasswordHasher() });
    store.close();
    helpdeskPassword = accounts.find((a) => a.upn === AGENTS.helpdesk)!.password.reveal();
  });
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('says "Showing 50 of" the total', async ({ launch }) => {
    const app = await launch({ db });
    await new SignInPage(app.page).signIn(AGENTS.helpdesk, helpdeskPassword);
    await new ShellPage(app.page).expectSignedIn(AGENTS.helpdesk);
    const users = new UsersPage(app.page);
    // Names starting with "a", among 600: more than the 50 the list holds.
    await users.search('a');
    await expect(users.loadedResults()).not.toHaveCount(0);
    await expect(users.matchCount).toHaveText(/^Showing 50 of (\d{3}|\d,\d{3}|more than 1,000)$/);
  });
});
