/**
 * The Playwright fixtures every spec uses. The same specs run on both projects:
 * `target` comes from the project (playwright.config.ts).
 *
 *   sample   worker-scoped real sample directory (see sample-directory.ts)
 *   launch   starts the app on a fresh copy of it (or on a given db) and closes
 *            it after the test; options as launchApp's
 *   app      launch() with defaults, for the common case
 *
 * Every test also fails on a page error or a console error (a CSP violation,
 * an unhandled rejection): the agent would see a broken screen.
 */
import { test as base, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { launchApp, type LaunchedApp, type LaunchOptions, type Target } from './launch';
import { createSampleDirectory, type SampleDirectory } from './sample-directory';

export interface TargetOption {
  target: Target;
}

type LaunchOverrides = Omit<LaunchOptions, 'target'>;

interface TestFixtures {
  launch: (options?: LaunchOverrides) => Promise<LaunchedApp>;
  app: LaunchedApp;
}

interface WorkerFixtures extends TargetOption {
  sample: SampleDirectory;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  target: ['chromium', { option: true, scope: 'worker' }],
  sample: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const sample = await createSampleDirectory();
      await use(sample);
      sample.dispose();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  launch: async ({ target, sample }, use) => {
    const launched: LaunchedApp[] = [];
    const problems: string[] = [];
    await use(async (options = {}) => {
      const app = await launchApp({ target, db: sample.copy(), ...options });
      app.page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      app.page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      launched.push(app);
      return app;
    });
    for (const app of launched) await app.close();
    expect(problems, 'the page logged no errors').toEqual([]);
  },
  app: async ({ launch }, use) => {
    await use(await launch());
  },
});

export { expect };

/**
 * axe-core on the current screen: no serious or critical violation.
 *
 * Excluded: Fluent UI's focus sentinels (`<i data-tabster-dummy aria-hidden
 * tabindex=0>`, created by its focus manager, tabster). Focus never rests on one:
 * arriving there moves it on to the next real control, which is how Fluent keeps
 * Tab order inside groups and dialogs. axe's aria-hidden-focus rule cannot know
 * that and flags every one.
 *
 * Run once the screen's transitions have ended: a Fluent button still fading
 * from its disabled colours (a dialog just opened, a check just passed) has a
 * contrast in between, and axe measured one such on a loaded CI machine.
 */
export async function expectAccessible(page: Page, screen: string, options: { soft?: boolean } = {}): Promise<void> {
  // A string: this file is compiled without the DOM's types (it runs in Node; the expression runs in the page).
  // Finite ones only: a spinner turns for ever.
  await page.evaluate(`Promise.all(document.getAnimations()
    .filter((animation) => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity)
    .map((animation) => animation.finished.catch(() => undefined))).then(() => true)`);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('[data-tabster-dummy]')
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  // soft: the test goes on to its other checks, and fails at its end.
  (options.soft ? expect.soft : expect)(blocking, `axe on the ${screen} screen`).toEqual([]);
}
