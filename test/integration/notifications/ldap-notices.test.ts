/**
 * The notifications on the real directories (Samba AD DC and slapd): the reset
 * goes to the server, then the user's notice (to the entry's mail) and, for
 * an administrator, one to each member of the Global Administrator role group
 * travel by the tenant's real SMTP mailer to a local outbox on loopback.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ldapUsers } from '../../../main/app/ldap-users';
import { buildServices } from '../../../main/app/build-services';
import { resetAndNotify } from '../../../main/app/out-of-band';
import { generateOutboxIdentity } from '../../../main/delivery/outbox/identity';
import { LocalOutbox } from '../../../main/delivery/outbox/local-outbox';
import { localOutboxDelivery } from '../../../main/delivery/outbox/settings';
import { Secret } from '../../../main/domain/secret';
import { authenticateAgent } from '../../../main/app/services';
import { FAST_HASHER } from '../../support/fixtures';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { adminRead, holdServersForThisFile, localStore, profileOf, serversOrSkip, type Kind } from '../directory/ldap/servers';

holdServersForThisFile();

for (const kind of ['ad', 'openldap'] as const satisfies Kind[]) {
  test(`${kind}: a reset notifies the user at the entry's mail; an administrator's, the Global Administrators`, async (t) => {
    const servers = serversOrSkip(t);
    if (!servers) return;
    const side = servers[kind];
    const store = localStore(t);
    const identity = await generateOutboxIdentity();
    const outbox = await LocalOutbox.start({ ...identity, smtpPort: 0, smsPort: 0 });
    t.after(() => outbox.close());
    // Caller verification is another test's subject; the administrator target needs it off here.
    store.tenant.update(
      {
        callerVerification: 'off',
        delivery: localOutboxDelivery({ certPem: identity.certPem, smtpPort: outbox.smtpPort, smsPort: outbox.smsPort, from: 'helpdesk@resetdesk.test' }),
      },
      Date.now(),
    );
    const services = buildServices(store, ldapUsers(profileOf(servers, kind)), { hasher: FAST_HASHER, secrets: new MemorySecretStore() });

    const helpdesk = await authenticateAgent(services, side.users.helpdesk!, new Secret(side.userPassword));
    const plain = await resetAndNotify(services, helpdesk, { target: { upn: side.users.plain! } }, 'screen');
    const mail = String((await adminRead(servers, kind, side.users.plain!, ['mail'])).mail);
    assert.ok(plain.notifications.length >= 1);
    assert.ok(plain.notifications.every((r) => r.kind === 'user-notice' && r.delivered), JSON.stringify(plain.notifications));
    const notice = await outbox.waitFor((m) => m.to.includes(mail), 5000);
    assert.equal(notice.subject, 'Your Resetdesk test directories password was reset');
    assert.ok(notice.text.includes(`(${side.users.helpdesk!})`), notice.text);
    assert.ok(plain.deliveredTo === 'screen' && !notice.text.includes(plain.outcome.temporaryPassword.reveal()));

    const global = await authenticateAgent(services, side.users.globaladmin!, new Secret(side.userPassword));
    const admin = await resetAndNotify(services, global, { target: { upn: side.users.useradmin! } }, 'screen');
    const globalMail = String((await adminRead(servers, kind, side.users.globaladmin!, ['mail'])).mail);
    assert.deepEqual(
      admin.notifications.filter((r) => r.kind === 'admin-notice').map((r) => r.delivered),
      [true],
      'the one Global Administrator of the seed',
    );
    const adminNotice = await outbox.waitFor((m) => m.to.includes(globalMail) && m.subject!.includes("an administrator's password was reset"), 5000);
    assert.ok(adminNotice.text.includes('Roles: User Administrator'), adminNotice.text);
    const sends = await store.stores.audit.list({ action: 'notification.send', limit: 50 });
    assert.ok(sends.every((e) => e.result === 'success'));
    assert.ok(!sends.some((e) => e.detail!.includes(mail)), 'masked recipients only');
  });
}
