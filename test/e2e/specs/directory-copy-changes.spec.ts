/**
 * Issue 18 in the app, on slapd's dc=ol: once the local copy is read, a user
 * renamed in slapd with its own tools (not through Resetdesk) is found under
 * the new name within a minute while the agent is signed in, and no longer
 * under the old one; opening them reads the directory live.
 */
import BetterSqlite3 from 'better-sqlite3';
import { expect, test } from '../fixtures';
import { signInWith } from '../flows';
import { ShellPage } from '../pages/ShellPage';
import { UsersPage } from '../pages/UsersPage';
import { addWithCli, freshDb, useSlapdOl } from '../real-directory';
import { slapdAdmin, type AdminUser } from '../../support/directory-admin';

const { ol } = useSlapdOl();
let local: ReturnType<typeof freshDb>;
let user: AdminUser | null = null;

/** The app's state in its local file: when its copy of the directory was last brought up to date (null: none yet). */
function copySyncedAt(db: string): number | null {
  const file = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
  try {
    return (file.prepare("SELECT synced_at FROM replicas WHERE profile = 'Fabrikam' AND state = 'live'").pluck().get() as number | undefined) ?? null;
  } finally {
    file.close();
  }
}

test.beforeAll(() => {
  local = freshDb();
  addWithCli(local.db, ol(), 'Fabrikam', 'openldap');
});
test.afterAll(() => {
  if (user) slapdAdmin(ol()).remove(user);
  local?.remove();
});

test('a user renamed in slapd is found under the new name within a minute, from the copy', async ({ launch }) => {
  // The app's sync runs every 30 s: a minute and a half covers the "within 60 s" with the first read.
  test.setTimeout(120_000);
  const admin = slapdAdmin(ol());
  admin.removeIfThere('orla.quennell');
  user = admin.addUser('orla.quennell', 'Orla', 'Quennell');

  const app = await launch({ db: local.db });
  await signInWith(app.page, ol().users.helpdesk!, ol().userPassword);
  const shell = new ShellPage(app.page);
  const users = new UsersPage(app.page);
  await users.search('quennell');
  await expect(users.option(/Orla Quennell/)).toBeVisible();
  // The copy is read (search answers from it now), and the status bar has nothing to say: no progress, no failure.
  await expect.poll(() => copySyncedAt(local.db), { timeout: 30_000 }).not.toBeNull();
  await expect(shell.directoryCopy).toHaveCount(0);

  admin.rename(user, 'Orla', 'Vantongeren');
  await users.search('vantongeren');
  await expect(users.noMatch, 'the copy has the old name until its next sync').toBeVisible();
  // The app syncs every 30 s: found within a minute of the rename.
  await expect(async () => {
    // Typed again (the list answers a text once; the same text asks nothing new).
    await users.search('');
    await users.search('vantongeren');
    await expect(users.option(/Orla Vantongeren/)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000, intervals: [2000] });
  // Still found by the address (orla.quennell@…), under the new name only.
  await users.search('quennell');
  await expect(users.option(/Orla Vantongeren/)).toBeVisible();
  await expect(users.option(/Orla Quennell/)).toHaveCount(0);

  // Acting is always live: the pane reads the user from slapd.
  await users.search('vantongeren');
  await users.select(/Orla Vantongeren/);
  await expect(users.heading()).toHaveText('Orla Vantongeren');
});
