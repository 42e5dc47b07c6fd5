/**
 * Active Directory with no mail or SMS delivery set up (a fresh `resetdesk
 * directory add`): the Samba AD DC's users have a mobile, registered as the
 * SMS method by the profile's default mapping, but no code or password can
 * go anywhere. Nothing is offered that would fail after the click; a reset
 * asked to send the password by SMS is refused before the password changes
 * (the DC still takes the old one), audited once; resets and unlocks send no
 * notices and audit no failed ones: notices are off, not failing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ldapUsers } from '../../../main/app/ldap-users';
import { buildServices } from '../../../main/app/build-services';
import { resetAndNotify, unlockAndNotify } from '../../../main/app/out-of-band';
import { DomainError } from '../../../main/domain/errors';
import { Secret } from '../../../main/domain/secret';
import { authenticateAgent } from '../../../main/app/services';
import { FAST_HASHER } from '../../support/fixtures';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { bindDn, holdServersForThisFile, localStore, profileOf, serversOrSkip, tryBind } from '../directory/ldap/servers';

holdServersForThisFile();

test('ad, no delivery set up: no method offered by a channel that is off; an SMS reset refused before the change; no notices tried', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const ad = servers.ad;
  const store = localStore(t);
  assert.deepEqual((await store.stores.tenant.get()).delivery, { smtp: null, sms: null, localOutbox: null }, 'a new file sets up no delivery');
  const services = buildServices(store, ldapUsers(profileOf(servers, 'ad')), { hasher: FAST_HASHER, secrets: new MemorySecretStore() });
  const helpdesk = await authenticateAgent(services, ad.users.helpdesk!, new Secret(ad.userPassword));
  const adele = await services.directory.as(helpdesk.credential ?? null).getUser({ upn: ad.users.plain! });
  assert.ok(adele);
  assert.ok(adele.contactMethods.some((m) => m.kind === 'mobilePhone' && m.verification), 'her mobile is a registered SMS method');

  // The Verify caller panel's list: nothing by a channel that is off, and why.
  const offered = await services.verification.methods(helpdesk, adele);
  assert.deepEqual([offered.email, offered.sms, offered.totp], [null, null, null]);
  assert.deepEqual(offered.withheld.map((w) => [w.method, w.reason]), [['sms', 'delivery-off']]);
  assert.match(offered.withheld[0]!.registered, /•/, 'masked');

  // The password sent by SMS: refused before the DC is asked to change anything, audited once.
  await assert.rejects(
    resetAndNotify(services, helpdesk, { target: { upn: ad.users.plain! } }, 'sms'),
    (error: unknown) => error instanceof DomainError && error.code === 'DELIVERY_NOT_CONFIGURED',
  );
  assert.equal((await tryBind(servers, 'ad', bindDn(servers, 'ad', ad.users.plain!), ad.userPassword)).error, null, 'the old password still binds');
  const refused = await store.stores.audit.list({ targetUpn: ad.users.plain!, limit: 10 });
  assert.deepEqual(refused.map((e) => [e.action, e.result, e.errorCode]), [['password.reset', 'failure', 'DELIVERY_NOT_CONFIGURED']]);

  // Shown on screen: the reset stands, and no notice is tried (none failed, none audited as failed).
  const reset = await resetAndNotify(services, helpdesk, { target: { upn: ad.users.plain! } }, 'screen');
  assert.deepEqual(reset.notifications, []);
  const unlock = await unlockAndNotify(services, helpdesk, { upn: ad.users.locked! });
  assert.equal(unlock.outcome.wasLocked, true);
  assert.deepEqual(unlock.notifications, []);
  assert.equal(await store.stores.audit.count({ action: 'notification.send' }), 0);
});
