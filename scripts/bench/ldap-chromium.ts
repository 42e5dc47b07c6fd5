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
import type { Page } from '@playwright/test';
import { initDirectory } from '../../main/app/init-directory';
import type { LdapProfile } from '../../main/directory/ldap/profile';
import { PasswordHasher } from '../../main/reset/hashing';
import { launchApp } from '../../test/e2e/launch';
import { TYPISTS, type TypistResult } from './keystroke';
import { TYPE_AND_WATCH } from './keystroke-page';
import { bounded, progress, summarize } from './stats';

/** The names keystroke.ts types (the sample's names, which the bench users carry). */
export const TYPED = ['sofia garc', 'lopez', 'mar', 'chen', 'priya s', 'kim', 'nguyen', 'patel', 'schmidt', 'ana', 'daniel', 'mich', 'jo', 'alex', 'garcia'];

interface PageAnswer {
  latencyMs: number | null;
  stale: number;
  options: number;
}

function typeOnce(page: Page, query: string, gapMs: number): Promise<PageAnswer> {
  const args = { query, gapMs, settleMs: 300, limitMs: 10_000 };
  return bounded(`typing "${query}"`, 60_000, () => page.evaluate(`(${TYPE_AND_WATCH})(${JSON.stringify(args)})`) as Promise<PageAnswer>);
}

/** What the installed DirectoryHost can do: open the active profile of its file (the lead's issue-10 work). */
interface ProfilesWithActive {
  setActive?: (name: string | null) => void;
}

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
      const { name, type, ...config } = profile;
      store.local.profiles.add({ name, type, config }, store.clock());
      const profiles = store.local.profiles as unknown as ProfilesWithActive;
      if (typeof profiles.setActive !== 'function') {
        throw new Error('DirectoryHost cannot open a connection profile yet (no profiles.setActive in main/directory/sqlite/profiles-repo.ts)');
      }
      profiles.setActive(name);
    } finally {
      store.close();
    }
    app = await bounded('Chromium start', 60_000, () => launchApp({ target: 'chromium', db: file }));
    const { page } = app;
    await page.getByRole('textbox', { name: 'User principal name', exact: true }).fill(agent.upn);
    await page.getByLabel('Password', { exact: true }).fill(agent.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search users' }).waitFor({ state: 'visible', timeout: 30_000 });
    const results: TypistResult[] = [];
    for (const typist of TYPISTS) {
      progress(`keystroke to paint on ${profile.type}: ${typist.name} (${typist.gapMs} ms between keys), ${TYPED.length * rounds} queries…`);
      await typeOnce(page, 'john', typist.gapMs); // untimed: cold caches, the first TLS session
      const samples: number[] = [];
      const missing: string[] = [];
      let stale = 0;
      for (let r = 0; r < rounds; r++) {
        for (const query of TYPED) {
          const answer = await typeOnce(page, query, typist.gapMs);
          if (answer.latencyMs === null) missing.push(query);
          else samples.push(answer.latencyMs);
          stale += answer.stale;
        }
      }
      results.push({ typist: typist.name, gapMs: typist.gapMs, latency: summarize(samples), missing, stale });
    }
    return results;
  } finally {
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  }
}
