/**
 * The team's PostgreSQL stopped or unreachable (issue 19, part 4, at the
 * store): every port answers STORE_UNAVAILABLE, a clear code and not the
 * driver's words; nothing is half written; and once the database answers
 * again the same stores serve without being reopened. The database sits
 * behind a TCP proxy that plays it stopping (connections cut, new ones refused).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../../main/domain/errors';
import { openPool } from '../../../main/postgres/connection';
import { pgStores } from '../../../main/postgres/pg-stores';
import { TEAM_TENANT, freshDatabase, makeTeamStore, optionsFor, postgresOrSkip } from '../../support/postgres';
import { startProxy } from '../../support/tcp-proxy';

const unavailable = (error: unknown) => error instanceof DomainError && error.code === 'STORE_UNAVAILABLE';

const draft = {
  actorId: 'agent-1',
  actorUpn: 'helpdesk.admin@contoso.com',
  targetId: 'user-1',
  targetUpn: 'adele.vance@contoso.com',
  action: 'password.reset',
  result: 'success',
  errorCode: null,
} as const;

test('PostgreSQL stopped: every port answers STORE_UNAVAILABLE, nothing is half written, and it serves again when the database is back', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const db = await freshDatabase(t, info);
  await makeTeamStore(info, db.owner, db.app);
  const proxy = await startProxy({ target: { host: info.host, port: info.port } });
  t.after(() => proxy.close());
  const options = optionsFor(info, 'app', db.name);
  const stores = pgStores(openPool({ ...options, target: { ...options.target, port: proxy.port }, connectTimeoutMs: 2000 }), () => Date.now());
  t.after(() => stores.close().catch(() => {}));

  await stores.audit.append(draft, Date.now());
  assert.equal((await stores.tenant.get()).name, 'Contoso');

  proxy.down();
  proxy.disconnect();
  const calls: [string, () => Promise<unknown>][] = [
    ['tenant.get', () => stores.tenant.get()],
    ['audit.list', () => stores.audit.list({ limit: 10 })],
    ['audit.append', () => stores.audit.append(draft, Date.now())],
    ['audit.intend', () => stores.audit.intend({ ...draft, result: 'intent' }, Date.now(), { directory: 'corp', ownerHost: 'h', ownerPid: 1, settleAfter: 0 })],
    ['profiles.list', () => stores.profiles.list()],
    ['appSettings.set', () => stores.appSettings.set('k', 'v')],
    ['verifications.sentSince', () => stores.verifications.sentSince('user-1', 'sms', 0)],
    ['verifications.unit', () => stores.verifications.unit(async (tx) => tx.audit(draft))],
    ['temporaryPasswords.issue', () => stores.temporaryPasswords.issue({ targetId: 'user-1', targetUpn: 'a@contoso.com', issuedAt: 1, issuedById: 'a', issuedByUpn: 'b', expiresAt: null, deliveredTo: null, forceChange: true })],
    ['updateTenant', () => stores.updateTenant({ passwordHistoryCount: 5 }, { ...draft, action: 'tenant.update' })],
  ];
  for (const [name, call] of calls) await assert.rejects(call(), unavailable, name);

  proxy.up();
  assert.equal((await stores.tenant.get()).passwordHistoryCount, TEAM_TENANT.passwordHistoryCount, 'the refused change was not made');
  assert.equal((await stores.audit.list({ limit: 10 })).length, 1, 'no event of the outage was written');
  assert.deepEqual(await stores.temporaryPasswords.open({ limit: 10, offset: 0 }), []);
  await stores.audit.append(draft, Date.now());
  assert.deepEqual(await stores.audit.verifyChain(), { checked: 2, broken: null });
});
