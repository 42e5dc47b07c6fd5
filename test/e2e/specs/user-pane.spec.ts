/**
 * The user pane shows how to reach the user (verification methods masked by
 * main), admin protection, and a password that was never set as such.
 */
import { buildSampleTenant, SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { expect, expectAccessible, test } from '../fixtures';
import { AGENTS, openUser, signInAgent } from '../flows';
import { E2E_SAMPLE } from '../sample-directory';

/** The sample's users as generated, numbers in clear (only `now` differs, and it only moves lockouts). */
const SAMPLE_USERS = buildSampleTenant({ size: E2E_SAMPLE.size, seed: E2E_SAMPLE.seed, now: new Date() }).users;
const sampleUser = (upn: string) => SAMPLE_USERS.find((u) => u.upn === upn)!;

test('a protected account (AdminCount=1) says so in a fact and a badge', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, EX.syncedAdminCount, 'Diego Siciliani');
  await expect(users.field('Admin protection')).toHaveText('AdminCount=1 (protected)');
  await expect(users.badge('Protected')).toBeVisible();

  const other = await openUser(app.page, EX.syncedManaged, 'Megan Bowen');
  await expect(other.field('Admin protection')).toHaveCount(0);
  await expect(other.badge('Protected')).toHaveCount(0);
});

test('contact details: mail as it is, verification phone and email masked, never in clear', async ({ app, sample }) => {
  const adele = sampleUser(EX.cloudMember);
  const phone = adele.authMethods.find((m) => m.kind === 'mobilePhone')!.value;
  const alternate = adele.authMethods.find((m) => m.kind === 'alternateEmail')!.value;

  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, EX.cloudMember, 'Adele Vance');
  await expect(users.contactDetails).toBeVisible();
  await expect(users.field('Email')).toHaveText(EX.cloudMember);
  const lastFour = phone.replace(/\D/g, '').slice(-4);
  await expect(users.field('Mobile phone')).toHaveText(new RegExp(`^\\+\\d{1,3}( •+)+ ${lastFour} · verification method$`));
  await expect(users.field('Alternate email')).toHaveText(
    new RegExp(`^${alternate[0]}•••@${alternate.split('@')[1]!.replace(/\./g, '\\.')} · verification method$`),
  );
  const html = await app.page.content();
  expect(html).not.toContain(phone);
  expect(html).not.toContain(alternate);
  await expectAccessible(app.page, 'user pane (contact details)');
});

test('a user with no verification methods is told apart', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, EX.unregistered, 'Lidia Holloway');
  await expect(users.contactDetails.getByText('No verification methods registered.')).toBeVisible();
  await expect(users.contactDetails.getByText('· verification method')).toHaveCount(0);
});

test('a password that was never set reads "Never set"', async ({ app, sample }) => {
  await signInAgent(app.page, sample, AGENTS.helpdesk);
  const users = await openUser(app.page, 'alice_fabrikam.com', /Alice/);
  await expect(users.field('Password last set')).toHaveText('Never set');
});
