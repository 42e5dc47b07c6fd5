/**
 * Caller verification over the real directories: the Samba AD DC (email from
 * otherMailbox, SMS from mobile: the profile's default mapping) and slapd (SMS
 * from mobile). The methods show masked in the user, the codes really travel
 * (SMTP and the SMS gateway to a loopback LocalOutbox), and the reset on the
 * server is refused before and allowed after. The AD case user's
 * otherMailbox is written with the administrator's bind here and removed at
 * the end; the server lock keeps other files off the case users meanwhile.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Attribute, Change } from 'ldapts';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ldapUsers, storedProfileOf } from '../../../main/app/ldap-users';
import { buildServices } from '../../../main/app/build-services';
import { deliveryOpener } from '../../../main/delivery/open-delivery';
import { generateOutboxIdentity } from '../../../main/delivery/outbox/identity';
import { LocalOutbox } from '../../../main/delivery/outbox/local-outbox';
import { localOutboxDelivery } from '../../../main/delivery/outbox/settings';
import { DomainError } from '../../../main/domain/errors';
import { Secret } from '../../../main/domain/secret';
import { authenticateAgent, closeServices } from '../../../main/app/services';
import { FAST_HASHER } from '../../support/fixtures';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { adminRead, holdServersForThisFile, localStore, profileOf, rawClient, resetCases, serversOrSkip, type Kind, type Servers } from '../directory/ldap/servers';

holdServersForThisFile();

const ALTERNATE = 'adele.personal@example.net';

async function setOtherMailbox(servers: Servers, upn: string, value: string | null): Promise<void> {
  const client = rawClient(servers, 'ad');
  try {
    await client.bind(servers.ad.admin.dn, servers.ad.admin.password);
    const entry = await adminRead(servers, 'ad', upn, ['distinguishedName']);
    await client.modify(entry.dn, [
      new Change({ operation: 'replace', modification: new Attribute({ type: 'otherMailbox', values: value === null ? [] : [value] }) }),
    ]);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

async function setUp(t: import('node:test').TestContext, servers: Servers, kind: Kind) {
  resetCases();
  const identity = await generateOutboxIdentity();
  const outbox = await LocalOutbox.start({ ...identity, smtpPort: 0, smsPort: 0 });
  t.after(() => outbox.close());
  const store = localStore(t);
  store.tenant.update(
    {
      callerVerification: 'required',
      delivery: localOutboxDelivery({ certPem: identity.certPem, smtpPort: outbox.smtpPort, smsPort: outbox.smsPort, from: 'helpdesk@resetdesk.test' }),
    },
    Date.now(),
  );
  const secrets = new MemorySecretStore();
  const services = buildServices(store, ldapUsers(profileOf(servers, kind)), { hasher: FAST_HASHER, delivery: deliveryOpener(secrets), secrets });
  t.after(() => closeServices(services));
  const side = servers[kind];
  const agent = await authenticateAgent(services, side.users.helpdesk!, new Secret(side.userPassword));
  return { outbox, services, agent, store, verification: services.verification };
}

const codeOf = (text: string) => /\b(\d{6})\b/.exec(text)![1]!;

test('Samba AD DC: otherMailbox and mobile are the verification methods, masked; an emailed code lets the reset through', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const target = servers.ad.users.plain!;
  await setOtherMailbox(servers, target, ALTERNATE);
  t.after(() => setOtherMailbox(servers, target, null));
  const { outbox, services, agent, verification, store } = await setUp(t, servers, 'ad');

  const view = services.directory.as(agent.credential ?? null);
  const user = (await view.getUser({ upn: target }))!;
  const methods = user.contactMethods.filter((c) => c.verification);
  assert.deepEqual(methods.map((m) => m.kind).sort(), ['alternateEmail', 'mobilePhone']);
  assert.equal(methods.find((m) => m.kind === 'alternateEmail')!.value, 'a•••@example.net');
  assert.match(methods.find((m) => m.kind === 'mobilePhone')!.value!, /^\+1 ••• ••• \d{4}$/);
  assert.match(user.mobilePhone!, /•/, 'the profile field is masked like the method');
  const points = (await view.contactPoints({ upn: target }))!;
  assert.deepEqual(points.emails.filter((e) => e.verification).map((e) => e.address), [ALTERNATE]);

  const refused = await services.engine.preflight(agent, { upn: target });
  assert.equal(!refused.allowed && refused.code, 'CALLER_NOT_VERIFIED');
  await assert.rejects(services.engine.resetPassword(agent, { target: { upn: target } }), (e: unknown) => e instanceof DomainError && e.code === 'CALLER_NOT_VERIFIED');
  await assert.rejects(
    verification.check(agent, { upn: target }, 'totp', new Secret('123456')),
    (e: unknown) => e instanceof DomainError && e.code === 'VERIFICATION_METHOD_UNAVAILABLE',
  );

  const sent = await verification.send(agent, { upn: target }, 'email');
  assert.equal(sent.sentTo, 'a•••@example.net');
  const mail = await outbox.waitFor((m) => m.to.includes(ALTERNATE));
  const status = await verification.check(agent, { upn: target }, 'email', new Secret(codeOf(mail.text)));
  assert.equal(status.satisfied, true);
  const outcome = await services.engine.resetPassword(agent, { target: { upn: target } });
  assert.equal(outcome.upn.toLowerCase(), target.toLowerCase());
  const audit = (await store.stores.audit.list({ targetUpn: target, action: 'password.reset', limit: 1 }))[0]!;
  assert.equal(audit.result, 'success');
  assert.deepEqual(JSON.parse(audit.detail!).callerVerifiedBy, ['email']);
});

test('slapd: the mobile is the SMS method; a texted code read back lets the reset through; no email method by default', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const target = servers.openldap.users.plain!;
  const { outbox, services, agent, verification } = await setUp(t, servers, 'openldap');
  const mobile = (await adminRead(servers, 'openldap', target, ['mobile'])).mobile as string;

  const user = (await services.directory.as(agent.credential ?? null).getUser({ upn: target }))!;
  assert.deepEqual(user.contactMethods.filter((c) => c.verification).map((c) => c.kind), ['mobilePhone']);
  await assert.rejects(verification.send(agent, { upn: target }, 'email'), (e: unknown) => e instanceof DomainError && e.code === 'VERIFICATION_METHOD_UNAVAILABLE');
  assert.equal((await services.engine.preflight(agent, { upn: target })).allowed, false);

  await verification.send(agent, { upn: target }, 'sms');
  const sms = await outbox.waitFor((m) => m.channel === 'sms' && m.to.includes(mobile));
  await verification.check(agent, { upn: target }, 'sms', new Secret(codeOf(sms.text)));
  assert.equal((await services.engine.preflight(agent, { upn: target })).allowed, true);
  await services.engine.resetPassword(agent, { target: { upn: target } });
});

test('an authenticator app cannot be registered for a directory user: the CLI says why', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const store = localStore(t);
  const profile = profileOf(servers, 'ad');
  store.profiles.add(storedProfileOf(profile), Date.now());
  store.db.pragma('wal_checkpoint(TRUNCATE)'); // the child reads the file's header: everything is in the file first
  const root = new URL('../../../', import.meta.url).pathname;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'main/cli/main.ts'), 'verify', 'register-totp', servers.ad.users.plain!, '--label', 'Pixel 8',
      '--as', servers.ad.users.helpdesk!, '--directory', profile.name, '--db', store.path, '--json'],
    { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, RESETDESK_AGENT_PASSWORD: servers.ad.userPassword } },
  );
  const answer = JSON.parse(run.stdout) as { error: { code: string; message: string } };
  assert.equal(answer.error.code, 'VERIFICATION_METHOD_UNAVAILABLE');
  assert.match(answer.error.message, /embedded directory only/);
  assert.equal(run.status, 1);
});
