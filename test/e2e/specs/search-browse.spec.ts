/**
 * Issue 17, items 1 and 2 (the result list): in the 500-user first-run sample
 * (seed 1) an agent reaches every match by scrolling and by the keyboard,
 * browses everyone by name without typing, reaches the locked-out users by one
 * filter, and reads long values on one line each (an ellipsis and the whole
 * value in a tooltip, never a word broken in the middle), at the window's
 * minimum size as at its default. Expected users are read from the file
 * itself, never hard-coded.
 */
import BetterSqlite3 from 'better-sqlite3';
import { UserSearch } from '../../../main/directory/sqlite/search';
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, signInWith } from '../flows';
import type { LaunchedApp } from '../launch';
import { UsersPage } from '../pages/UsersPage';
import { createSampleDirectory, type SampleDirectory } from '../sample-directory';
import { WINDOW } from '../pages/layout';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byUpn = (upn: string) => new RegExp(escape(upn), 'i');
const MIN = WINDOW.minimum;
const DEFAULT = WINDOW.default;

let sample: SampleDirectory;
let template: string;

test.beforeAll(async () => {
  sample = await createSampleDirectory({ kind: 'sample', size: 500, seed: 1 });
  template = sample.copy();
});
test.afterAll(() => sample.dispose());

/** Every match of `query` in result order, as main's search gives them from the file (page by page, to the end). */
function allMatches(query: string): { upn: string; displayName: string }[] {
  const db = new BetterSqlite3(template, { readonly: true });
  try {
    const search = new UserSearch(db);
    const all: { upn: string; displayName: string }[] = [];
    for (let offset = 0; ; offset += 200) {
      const { users } = search.search(query, { limit: 200, offset }, Date.now());
      all.push(...users.map(({ upn, displayName }) => ({ upn, displayName })));
      if (users.length < 200) return all;
    }
  } finally {
    db.close();
  }
}

/** Straight from the table: the users locked out now, and everyone, each in the list's name order. */
function fromTable(sql: string, ...params: unknown[]): string[] {
  const db = new BetterSqlite3(template, { readonly: true });
  try {
    return db.prepare(sql).pluck().all(...params) as string[];
  } finally {
    db.close();
  }
}

async function signedIn(launch: (options?: { db?: string }) => Promise<LaunchedApp>) {
  const app = await launch({ db: sample.copy() });
  await signInWith(app.page, AGENTS.helpdesk, sample.passwordOf(AGENTS.helpdesk));
  return { page: app.page, users: new UsersPage(app.page) };
}

test('scrolling reaches every match, the last one too ("ade", and "a" past one page)', async ({ launch }) => {
  const { users } = await signedIn(launch);
  for (const query of ['ade', 'a']) {
    const expected = allMatches(query);
    expect(expected.length, `"${query}" matches someone`).toBeGreaterThan(0);
    await users.search(query);
    const last = expected[expected.length - 1]!;
    const option = await users.scrollUntilListed(byUpn(last.upn));
    await expect(option).toHaveAttribute('aria-posinset', String(expected.length));
    await expect(option).toHaveAttribute('aria-setsize', String(expected.length));
    await expect(users.matchCount).toHaveText(expected.length === 1 ? '1 user matches' : `${expected.length} users match`);
  }
});

test('the keyboard reaches the last match: End and ArrowDown past the loaded rows load the next page', async ({ launch }) => {
  const { page, users } = await signedIn(launch);
  const expected = allMatches('a');
  expect(expected.length, 'more than one page of "a"').toBeGreaterThan(50);
  await users.search('a');
  await users.searchbox.press('End');
  const last = users.option(byUpn(expected[expected.length - 1]!.upn));
  await expect(last).toHaveAttribute('aria-posinset', String(expected.length));
  const activeId = await users.searchbox.getAttribute('aria-activedescendant');
  await expect(last).toHaveAttribute('id', activeId!);
  await expect(last).toBeInViewport();

  // From the top again (Home: the first), ArrowDown one by one past the first page's 50 rows.
  await users.searchbox.press('Home');
  for (let i = 0; i < 50; i++) await page.keyboard.press('ArrowDown');
  const fiftyFirst = users.option(byUpn(expected[50]!.upn));
  await expect(fiftyFirst).toHaveAttribute('id', (await users.searchbox.getAttribute('aria-activedescendant'))!);
  await page.keyboard.press('Enter');
  await expect(users.heading()).toHaveText(expected[50]!.displayName);
});

test('an empty search lists everyone by name, without typing', async ({ launch }) => {
  const { users } = await signedIn(launch);
  const everyone = fromTable('SELECT upn FROM users ORDER BY display_name COLLATE NOCASE, rowid');
  await expect(users.matchCount).toHaveText(`Showing 50 of ${everyone.length}`);
  const firstShown = await users.loadedResults().first().getAttribute('id');
  await expect(users.option(byUpn(everyone[0]!))).toHaveAttribute('id', firstShown!);
  await expect(users.option(byUpn(everyone[1]!))).toHaveAttribute('aria-posinset', '2');
  const option = await users.scrollUntilListed(byUpn(everyone[everyone.length - 1]!));
  await expect(option).toHaveAttribute('aria-posinset', String(everyone.length));
});

test('one filter lists the locked-out users, and combines with the text', async ({ launch }) => {
  const { users } = await signedIn(launch);
  const locked = fromTable('SELECT upn FROM users WHERE locked_until > ? ORDER BY sort_name, rowid', Date.now());
  expect(locked.length, 'the sample has locked-out users').toBeGreaterThan(1);
  const button = users.filter('Locked out');
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(users.matchCount).toHaveText(`${locked.length} users match (Locked out)`);
  // Walk the list with the keyboard: exactly the locked-out users, in name order, each badged.
  await users.searchbox.press('Home');
  for (const [i, upn] of locked.entries()) {
    if (i > 0) await users.searchbox.press('ArrowDown');
    const option = users.option(byUpn(upn));
    await expect(option).toHaveAttribute('aria-posinset', String(i + 1));
    await expect(users.searchbox).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);
    await expect(option.getByText('Locked', { exact: true })).toBeVisible();
  }
  await users.scrollUntilListed(byUpn(locked[locked.length - 1]!));

  // With text: the locked-out users it matches, and no one else.
  const first = locked[0]!;
  await users.search(first.split('@')[0]!);
  await expect(users.option(byUpn(first))).toBeVisible();
  await expect(users.matchCount).toHaveText(/\(Locked out\)$/);
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await expect(users.matchCount).not.toHaveText(/Locked out/);
});

for (const size of [MIN, DEFAULT]) {
  test(`long values keep one line with an ellipsis and a tooltip, nothing spills, axe passes at ${size.width}×${size.height}`, async ({ launch }) => {
    const { page, users } = await signedIn(launch);
    await page.setViewportSize(size);
    // The longest UPN of the file (a guest's …#EXT#@contoso.onmicrosoft.com): longer than the column at either size.
    const [longest] = fromTable("SELECT upn FROM users WHERE user_type = 'guest' ORDER BY length(upn) DESC, upn LIMIT 1");
    await users.search(longest!);
    const guest = users.option(byUpn(longest!));
    const lines = await guest.locator('span[title]').evaluateAll((spans) =>
      spans.map((span) => {
        const style = span.ownerDocument.defaultView!.getComputedStyle(span);
        return {
          title: span.getAttribute('title') ?? '',
          text: span.textContent ?? '',
          oneLine: style.whiteSpace === 'nowrap' && style.textOverflow === 'ellipsis',
          breaksWords: style.wordBreak === 'break-all' || style.overflowWrap === 'anywhere',
        };
      }),
    );
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line, `${line.title}: one line with an ellipsis`).toMatchObject({ oneLine: true, breaksWords: false });
      expect(line.title, 'the whole value in the tooltip').toBe(line.text);
    }
    const upnLine = guest.locator('span[title*="#EXT#"]');
    expect(await upnLine.evaluate((span) => span.scrollWidth > span.clientWidth), 'the UPN is longer than its line').toBe(true);
    await expect(guest).toHaveAccessibleName(new RegExp(escape((await upnLine.getAttribute('title'))!)));

    // Nothing wider than the window; the filters and the list fit.
    const root = page.locator('html');
    expect(await root.evaluate((html) => html.scrollWidth <= html.clientWidth), 'no horizontal scrollbar').toBe(true);
    expect(await users.resultsList.evaluate((list) => list.parentElement!.scrollWidth <= list.parentElement!.clientWidth)).toBe(true);
    for (const label of ['Locked out', 'Disabled', 'Guests', 'Admin roles', 'Temporary password', 'Cloud', 'Synced']) {
      await expect(users.filter(label)).toBeInViewport();
    }
    await expect(users.loadedResults().first()).toBeInViewport();
    await expectAccessible(page, `users (results, ${size.width}×${size.height})`);
  });
}
