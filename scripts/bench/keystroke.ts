/**
 * Keystroke to painted in the Chromium target (test/e2e/launch.ts): the built
 * renderer in Debian's Chromium over the real main-process handlers, on a copy
 * of the directory (signing in writes an audit event; the cached file stays as
 * built). An agent signs in, then the page types each query at a steady and at
 * a slow cadence (keystroke-page.ts) and reports last keystroke → first paint
 * of results matching the final query, and any stale paint.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { launchApp } from '../../test/e2e/launch';
import type { AgentAccount } from './directories';
import { TYPE_AND_WATCH } from './keystroke-page';
import { bounded, progress, summarize, type Summary } from './stats';

export const TYPISTS = [
  { name: 'steady typist', gapMs: 120 },
  { name: 'slow typist', gapMs: 400 },
] as const;

/** Names an agent types, each with matches in the sample tenant. */
export const TYPED = ['sofia garc', 'lopez', 'mar', 'chen', 'priya s', 'kim', 'nguyen', 'patel', 'schmidt', 'ana', 'daniel', 'mich', 'jo', 'alex', 'garcia'];

export interface TypistResult {
  typist: string;
  gapMs: number;
  latency: Summary;
  /** Queries whose matching results never painted within the limit. */
  missing: string[];
  stale: number;
}

interface PageAnswer {
  latencyMs: number | null;
  stale: number;
  options: number;
}

function typeOnce(page: Page, query: string, gapMs: number): Promise<PageAnswer> {
  const args = { query, gapMs, settleMs: 300, limitMs: 10_000 };
  return bounded(`typing "${query}"`, 60_000, () => page.evaluate(`(${TYPE_AND_WATCH})(${JSON.stringify(args)})`) as Promise<PageAnswer>);
}

export async function keystrokeToPaint(dbPath: string, accounts: AgentAccount[], rounds: number): Promise<TypistResult[]> {
  const agent = accounts.find((a) => a.upn === 'helpdesk.admin@contoso.com');
  if (!agent) throw new Error('helpdesk.admin@contoso.com is not in the accounts file');
  const work = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-chromium-'));
  const copy = path.join(work, 'directory.sqlite');
  let app: Awaited<ReturnType<typeof launchApp>> | null = null;
  try {
    copyFileSync(dbPath, copy);
    app = await bounded('Chromium start', 60_000, () => launchApp({ target: 'chromium', db: copy }));
    return await typeAsAgent(app.page, agent, rounds, 'keystroke to paint');
  } finally {
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Signs the agent in on the app's page, then types every name at each typist's
 * cadence (one untimed warm-up first) and collects last keystroke → painted.
 * Shared by the 1M measurement and the one on a real directory.
 */
export async function typeAsAgent(
  page: Page,
  agent: { upn: string; password: string },
  rounds: number,
  label: string,
  /** Before the first key, after sign-in (a real directory: the search index is read in the background meanwhile). */
  pauseAfterSignInMs = 0,
): Promise<TypistResult[]> {
  await page.getByRole('textbox', { name: 'User principal name', exact: true }).fill(agent.upn);
  await page.getByLabel('Password', { exact: true }).fill(agent.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search users' }).waitFor({ state: 'visible', timeout: 30_000 });
  if (pauseAfterSignInMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseAfterSignInMs));
  const results: TypistResult[] = [];
  for (const typist of TYPISTS) {
    progress(`${label}: ${typist.name} (${typist.gapMs} ms between keys), ${TYPED.length * rounds} queries…`);
    await typeOnce(page, 'john', typist.gapMs); // untimed: cold caches (and on a real directory the first TLS session)
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
}
