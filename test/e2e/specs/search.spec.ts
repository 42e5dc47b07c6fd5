import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, signInAgent } from '../flows';
import { UsersPage } from '../pages/UsersPage';

test.beforeEach(async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
});

test('three letters of a name find the user; so does the full UPN', async ({ app }) => {
  const users = new UsersPage(app.page);
  await users.search('ade');
  await expect(users.option(/Adele Vance/)).toBeVisible();
  await expect(users.option(/Adele Vance/)).toContainText('adele.vance@contoso.com');
  // Why it matched: "Ade" marked in the name and in the UPN.
  await expect(users.marks(users.option(/Adele Vance/))).toHaveText(['Ade', 'ade']);

  await users.search('lee.gu@partners.contoso.com');
  await expect(users.results()).toHaveCount(1);
  await expect(users.results().first()).toContainText('Lee Gu');
  await expectAccessible(app.page, 'users (results)');

  await users.search('zzqx');
  await expect(users.noMatch).toBeVisible();
});

test('the list says how many match', async ({ app }) => {
  const users = new UsersPage(app.page);
  await users.search('lee gu');
  await expect(users.matchCount).toHaveText('1 user matches');
});

test('Ctrl+K focuses the search and the keyboard alone opens a user', async ({ app }) => {
  const users = new UsersPage(app.page);
  await app.page.getByRole('tab', { name: 'Audit' }).focus();
  await app.page.keyboard.press('Control+k');
  await expect(users.searchbox).toBeFocused();
  await app.page.keyboard.type('adele');
  await expect(users.option(/Adele Vance/)).toBeVisible();
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('Enter');
  await expect(users.heading()).toHaveText('Adele Vance');
  await expectAccessible(app.page, 'users (user pane)');
});

test('results carry the badges an agent decides by', async ({ app }) => {
  const users = new UsersPage(app.page);
  const cases: [string, RegExp, string][] = [
    ['johanna.lorenz@contoso.com', /Johanna Lorenz/, 'Locked'],
    ['isaiah.langer@contoso.com', /Isaiah Langer/, 'Disabled'],
    ['alice_fabrikam.com', /Alice/, 'Guest'],
    ['megan.bowen@corp.contoso.com', /Megan Bowen/, 'Synced'],
    ['lee.gu@partners.contoso.com', /Lee Gu/, 'Federated'],
    ['henrietta.mueller_northwind.com', /Henrietta/, 'External'],
    ['global.admin@contoso.com', /.+/, 'Global Administrator'],
  ];
  for (const [query, name, badge] of cases) {
    await users.search(query);
    await expect(users.option(name).first().getByText(badge, { exact: true })).toBeVisible();
  }
});
