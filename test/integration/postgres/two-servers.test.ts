/**
 * Two servers on one team database (issue 19, part 4, at the store): each
 * with its own connections, as two processes would have. The hourly send
 * limit holds under concurrent sends from both (no lost update), and their
 * audit events interleave into one unbroken chain.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Stores } from '../../../main/domain/stores';
import { openPool } from '../../../main/postgres/connection';
import { pgStores } from '../../../main/postgres/pg-stores';
import { freshDatabase, makeTeamStore, optionsFor, postgresOrSkip } from '../../support/postgres';

const T0 = Date.now();
const LIMIT = 5;

/** One send as the verification service makes it: count the hour's sends, refuse past the limit, else record the code. */
const send = (stores: Stores, i: number) =>
  stores.verifications.unit(async (tx) => {
    if ((await tx.sentSince('user-1', 'sms', T0 - 3_600_000)) >= LIMIT) return false;
    // A round trip between the count and the insert, where another server's send could slip in without the lock.
    await tx.latest('agent-1', 'user-1', 'sms');
    await tx.insert({
      id: `c-${i}`,
      agentId: 'agent-1',
      targetId: 'user-1',
      targetUpn: 'adele.vance@contoso.com',
      method: 'sms',
      destination: null,
      codeHmac: 'hmac',
      salt: 'salt',
      createdAt: T0 + i,
      expiresAt: T0 + 600_000,
      attempts: 0,
      status: 'pending',
      verifiedAt: null,
    });
    return true;
  });

test('two servers on one database: five codes an hour in all, and one unbroken audit chain', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const db = await freshDatabase(t, info);
  await makeTeamStore(info, db.owner, db.app, T0);
  const [a, b] = [0, 1].map(() => pgStores(openPool({ ...optionsFor(info, 'app', db.name), maxConnections: 6 }), () => Date.now()));
  t.after(async () => {
    await a!.close();
    await b!.close();
  });

  const sent = await Promise.all(Array.from({ length: 16 }, (_, i) => send(i % 2 ? a! : b!, i)));
  assert.equal(sent.filter(Boolean).length, LIMIT, 'five sent in all, whichever server took them');
  assert.equal(await a!.verifications.sentSince('user-1', 'sms', T0 - 3_600_000), LIMIT);

  const event = { actorId: 'agent-1', actorUpn: 'helpdesk.admin@contoso.com', targetId: 'user-1', targetUpn: 'adele.vance@contoso.com', action: 'password.reset', result: 'success', errorCode: null } as const;
  await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a! : b!).audit.append(event, T0 + i)));
  assert.deepEqual(await b!.audit.verifyChain(), { checked: 30, broken: null });
  assert.equal((await a!.audit.list({ limit: 100 })).length, 30, 'every event of both servers, one trail');
});
