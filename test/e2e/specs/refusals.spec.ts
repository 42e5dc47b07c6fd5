/**
 * Every refusal is shown before any click: the button is disabled and the
 * reason is Entra's message.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ERROR_MESSAGES, type ErrorCode } from '../../../main/domain/errors';
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';
import { PROJECT_ROOT } from '../launch';

const REFUSED: { who: string; upn: string; name: string | RegExp; code: ErrorCode }[] = [
  { who: 'a guest from another tenant', upn: 'alice_fabrikam.com', name: /Alice/, code: 'NOT_HOME_TENANT' },
  { who: 'a synced user of a federated domain', upn: 'lee.gu@partners.contoso.com', name: 'Lee Gu', code: 'FEDERATED_DOMAIN' },
  { who: 'a synced user with AdminCount=1', upn: 'diego.siciliani@corp.contoso.com', name: 'Diego Siciliani', code: 'ADMIN_COUNT' },
  { who: 'a user from External Azure AD', upn: 'henrietta.mueller_northwind.com', name: /Henrietta/, code: 'EXTERNAL_AUTHORITY' },
];

for (const { who, upn, name, code } of REFUSED) {
  test(`the Helpdesk Administrator cannot reset ${who}`, async ({ app, sample }) => {
    await signInAgent(app.page, sample, AGENTS.helpdesk);
    const users = await openUser(app.page, upn, name);
    await expect(users.resetButton).toBeDisabled();
    await expect(users.refusalMessage).toContainText(ERROR_MESSAGES[code]);
    await expectAccessible(app.page, `user pane (${code})`);
  });
}

test('a Password Administrator cannot reset a Helpdesk Administrator (insufficient role)', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.password);
  const users = await openUser(app.page, AGENTS.helpdesk, /.+/);
  await expect(users.resetButton).toBeDisabled();
  await expect(users.refusalMessage).toContainText(ERROR_MESSAGES.INSUFFICIENT_ROLE);
});

test('with password writeback turned off, a synced user cannot be reset', async ({ launch, sample }) => {
  const { db } = { db: sample.copy() };
  // The tenant's admin turns writeback off with the CLI, as they would.
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'resetdesk.mjs'), 'tenant', 'set', 'passwordWriteback', 'off', '--as', AGENTS.global, '--db', db], {
    env: { ...process.env, RESETDESK_AGENT_PASSWORD: sample.passwordOf(AGENTS.global) },
    stdio: 'pipe',
  });
  const app = await launch({ db });
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'megan.bowen@corp.contoso.com', 'Megan Bowen');
  await expect(users.resetButton).toBeDisabled();
  await expect(users.refusalMessage).toContainText(ERROR_MESSAGES.WRITEBACK_DISABLED);
});
