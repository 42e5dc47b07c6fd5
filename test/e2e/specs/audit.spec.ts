import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { PasswordHasher } from '../../../main/reset/hashing';
import { Secret } from '../../../main/domain/secret';
import { authenticateAgent } from '../../../main/app/services';
import { buildServices, embeddedUsers } from '../../../main/app/build-services';
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, signInAgent } from '../flows';
import { AuditPage } from '../pages/AuditPage';
import type { SampleDirectory } from '../sample-directory';

/**
 * Before the app starts, through the real services (as the CLI would): a
 * wrong-password sign-in, a refused reset, a reset of Adele and an unlock of
 * Johanna. Returns Adele's temporary password (it must not reach the export).
 */
async function agentWorkIn(db: string, sample: SampleDirectory): Promise<string> {
  const store = DirectoryStore.open(db);
  try {
    const services = buildServices(store, embeddedUsers, { hasher: new PasswordHasher() });
    await services.signIn.signIn(AGENTS.helpdesk, new Secret('not-the-password-1'));
    const actor = await authenticateAgent(services, AGENTS.helpdesk, new Secret(sample.passwordOf(AGENTS.helpdesk)));
    await services.engine.resetPassword(actor, { target: { upn: EX.externalAzureAD } }).catch(() => {});
    await services.engine.unlock(actor, { upn: EX.locked });
    return (await services.engine.resetPassword(actor, { target: { upn: EX.cloudMember } })).temporaryPassword.reveal();
  } finally {
    store.close();
  }
}

/** `count` old events (a year of sign-ins), appended in one transaction. */
function manyEventsIn(db: string, count: number): void {
  const store = DirectoryStore.open(db);
  try {
    const start = Date.now() - 365 * 24 * 3600_000;
    store.transaction(() => {
      for (let i = 0; i < count; i++) {
        const upn = `user${i}@contoso.com`;
        store.audit.append({ actorId: null, actorUpn: upn, targetId: null, targetUpn: upn, action: 'signin', result: 'success', errorCode: null }, start + i);
      }
    });
  } finally {
    store.close();
  }
}

test.describe('the audit screen', () => {
  let saveDir: string;
  test.beforeEach(() => {
    saveDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-audit-saved-'));
  });
  test.afterEach(() => rmSync(saveDir, { recursive: true, force: true }));

  test('says what happened in words, keeps UPNs whole, filters as typed, opens an event and exports CSV', async ({ launch, sample }) => {
    const db = sample.copy();
    const temporaryPassword = await agentWorkIn(db, sample);
    const app = await launch({ db, saveDir });
    const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);

    await shell.openAudit();
    const audit = new AuditPage(app.page);
    await audit.loaded();
    await expectAccessible(app.page, 'audit');

    // Words, not codes.
    const reset = audit.row({ hasText: EX.cloudMember });
    await expect(reset.getByRole('cell').nth(1)).toHaveText('Password reset');
    const failedSignIn = audit.row({ hasText: 'Sign-in failed: wrong password' });
    await expect(failedSignIn.getByRole('cell')).toHaveText([/./, 'Sign-in failed: wrong password', AGENTS.helpdesk, 'Self']);
    await expect(audit.row({ hasText: 'Password reset refused: the source of authority is External Azure AD' })).toHaveCount(1);
    await expect(audit.table).not.toContainText('password.reset');
    await expect(audit.table).not.toContainText('AUTH_FAILED');

    // At the app window's default size an agent's UPN is whole; the sample's longest (a guest's #EXT# UPN) is on
    // one line, never broken, and whole in its tooltip and its text (issue 17: the time no longer wraps for it).
    await app.page.setViewportSize({ width: 1100, height: 760 });
    const longUpn = audit.row({ hasText: EX.externalAzureAD }).getByRole('cell').nth(2);
    await expect(longUpn).toHaveText(EX.externalAzureAD);
    await expect(longUpn).toHaveAttribute('title', EX.externalAzureAD);
    expect((await audit.layoutOf(longUpn)).lines).toBe(1);
    const agent = reset.getByRole('cell').nth(3);
    await expect(agent).toHaveText(AGENTS.helpdesk);
    expect(await audit.layoutOf(agent)).toEqual({ lines: 1, clipped: false });

    // Filter as you type: no Apply button, the list follows the keys.
    await expect(app.page.getByRole('button', { name: 'Apply filters' })).toHaveCount(0);
    await audit.target.pressSequentially('adele');
    await expect(audit.rows().filter({ hasNotText: EX.cloudMember })).toHaveCount(0);
    await expect(audit.rows()).not.toHaveCount(0);
    await expect(audit.count).toHaveText(/^\d+ events?$/);

    // One event whole.
    await audit.open(audit.row({ hasText: /^.*Password reset(?! refused)/ }).first());
    await expect(audit.detail.getByRole('heading', { name: 'Password reset' })).toBeVisible();
    await expectAccessible(app.page, 'audit event detail');
    expect(await audit.facts()).toMatchObject({
      Action: 'Password reset',
      Result: 'Succeeded',
      Target: EX.cloudMember,
      Agent: AGENTS.helpdesk,
      'Password generated': 'Yes',
      'Must change at next sign-in': 'Yes',
    });
    await audit.closeDetail();

    // The filtered events to CSV, readable by the agent only, with no password in it.
    const file = await audit.exportCsv();
    expect(path.dirname(file)).toBe(saveDir);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(header).toMatch(/^Event number,Time,What happened,Action,Result,Outcome of event,Reason,Error code,Target,Agent,Detail,/);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.split(',')[8] === EX.cloudMember)).toBe(true);
    expect(lines.some((line) => line.includes(',Password reset,Password reset,Succeeded,'))).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain(temporaryPassword);
  });

  test('filters by action as soon as one is chosen', async ({ launch, sample }) => {
    const db = sample.copy();
    await agentWorkIn(db, sample);
    const app = await launch({ db });
    const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
    await shell.openAudit();
    const audit = new AuditPage(app.page);
    await audit.loaded();
    await audit.filter({ action: 'Account unlock' });
    await expect(audit.rows().filter({ hasNotText: 'Account unlocked' })).toHaveCount(0);
    await expect(audit.row({ hasText: EX.locked })).toHaveCount(1);
  });

  test('100,000 events: only the rows in view are in the page, and the last one is reached by scrolling', async ({ launch, sample }) => {
    test.setTimeout(120_000);
    const db = sample.copy();
    manyEventsIn(db, 100_000);
    const app = await launch({ db });
    const shell = await signInAgent(app.page, sample, AGENTS.helpdesk);
    await shell.openAudit();
    const audit = new AuditPage(app.page);
    await audit.loaded();
    await expect(audit.count).toHaveText(/^More than 100,000 events match/);
    await expect(audit.table).toHaveAttribute('aria-rowcount', '100001');
    const rendered = await audit.rows().count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThanOrEqual(60);

    await audit.scrollToEnd();
    const last = audit.rows().last();
    await expect(last).toHaveAttribute('aria-rowindex', '100001');
    await expect(last.getByRole('cell').nth(2)).toHaveText(/^user\d+@contoso\.com$/);
    expect(await audit.rows().count()).toBeLessThanOrEqual(60);
    await expectAccessible(app.page, 'audit (100,000 events)');
  });
});
