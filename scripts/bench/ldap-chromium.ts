/**
 * Keystroke to painted in the Chromium target (test/e2e/launch.ts) with the
 * app's main process on an Active Directory profile: a local file (settings,
 * audit, the profile) made as the first-run screen makes it for a real
 * directory (`init` kind 'local'), the profile stored in it and made the
 * active directory, so DirectoryHost.open finds it at start-up as the app does.
 * The helpdesk agent signs in with its directory password, then the page types
 * each name (keystroke-page.ts) as in the 1M measurement (keystroke.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initDirectory } from '../../main/app/init-directory';
import { storedProfileOf } from '../../main/app/ldap-users';
import type { LdapProfile } from '../../main/directory/ldap/profile';
import { PasswordHasher } from '../../main/reset/hashing';
import { launchApp } from '../../test/e2e/launch';
import { typeAsAgent, type TypistResult } from './keystroke';
import { bounded } from './stats';

/**
 * The app reads the directory's users into its search index right after
 * sign-in (about 2.5 s for the 10,300 users here); typing starts this long
 * after, as an agent reads the screen before typing. A search before the
 * index is ready goes to the server (see the search table).
 */
export const PAUSE_AFTER_SIGN_IN_MS = 8_000;

export async function keystrokeToPaintOnProfile(
  profile: LdapProfile,
  agent: { upn: string; password: string },
  rounds: number,
): Promise<TypistResult[]> {
  const work = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-ldap-chromium-'));
  const file = path.join(work, 'local.sqlite');
  let app: Awaited<ReturnType<typeof launchApp>> | null = null;
  try {
    const { store } = await initDirectory(file, { kind: 'local', tenantName: 'Resetdesk bench', domain: 'ad.resetdesk.test' }, { hasher: new PasswordHasher() });
    try {
      await store.stores.profiles.add(storedProfileOf(profile), store.clock());
      await store.stores.profiles.setActive(profile.name);
    } finally {
      store.close();
    }
    app = await bounded('Chromium start', 60_000, () => launchApp({ target: 'chromium', db: file }));
    return await typeAsAgent(app.page, agent, rounds, `keystroke to paint on ${profile.type}`, PAUSE_AFTER_SIGN_IN_MS);
  } finally {
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  }
}
