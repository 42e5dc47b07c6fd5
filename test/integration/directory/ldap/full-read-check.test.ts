/**
 * `directory test`'s check that the server lets the replica's bind page
 * through every user (main/app/full-read-check.ts), on the real slapd: one
 * bounded read of ids. Where everyone fits under the bound, it reads them all;
 * where they do not, it stops there, having asked slapd for those pages only;
 * on the size-limited suffix (slapd's default 500) it is refused with
 * DIRECTORY_READ_LIMITED's words and the setting to change.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFullRead } from '../../../../main/app/full-read-check';
import { openReplicaFeed } from '../../../../main/directory/ldap/replica-feed-ldap';
import { ERROR_MESSAGES } from '../../../../main/domain/errors';
import { Secret } from '../../../../main/domain/secret';
import { slapdSearchesDuring } from '../../../support/slapd-searches';
import { bindDn, holdServersForThisFile, profileOf, serversOrSkip, type Servers, type Side } from './servers';

holdServersForThisFile();

function feedOf(servers: Servers, side: Side, pageSize: number) {
  const s = servers[side];
  const identity = { dn: bindDn(servers, side, s.users.helpdesk!), password: new Secret(s.userPassword) };
  return openReplicaFeed({ profile: profileOf(servers, side), identity, clock: Date.now, pageSize });
}

test('openldap: every user when they fit under the bound; the first pages only when they do not', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const all = await checkFullRead(feedOf(servers, 'openldap', 50));
  assert.equal(all.ok, true);
  const total = Number(/^all ([\d,]+) users, page by page$/.exec(all.detail)?.[1]?.replace(/,/g, ''));
  assert.ok(total > 100, all.detail);

  const counted = await slapdSearchesDuring(() => checkFullRead(feedOf(servers, 'openldap', 50), 100));
  assert.deepEqual(counted.result, { ok: true, detail: 'the first 100 users page by page, no limit met (the first directory sync reads the rest)' });
  assert.equal(counted.searches, 2, 'two pages of 50 asked for, no more');
});

test('limited: a size limit below the bound is DIRECTORY_READ_LIMITED with the setting to change; one above it is not met', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const refused = await checkFullRead(feedOf(servers, 'limited', 100));
  assert.equal(refused.ok, false);
  assert.ok(refused.detail.startsWith(ERROR_MESSAGES.DIRECTORY_READ_LIMITED), refused.detail);
  assert.match(refused.detail, /sizeLimitExceeded.*olcLimits.*size\.prtotal=unlimited/);
  // Under slapd's 500, the check stops before the limit: it cannot see it (the first sync will).
  assert.equal((await checkFullRead(feedOf(servers, 'limited', 100), 300)).ok, true);
});
