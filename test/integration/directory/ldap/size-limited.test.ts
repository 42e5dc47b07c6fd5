/**
 * The size-limited suffix of the test slapd (dc=limited, issue 18's "ordinary
 * OpenLDAP"): slapd's default size limit of 500 and more users than that, so
 * a paged read of everyone fails with sizeLimitExceeded while a bounded search
 * works; liftSizeLimit() gives the agents' groups `size.prtotal=unlimited` and
 * restoreSizeLimit() takes it back. The fixture the replica's tests build on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from 'ldapts';
import { slapdSearchesDuring } from '../../../support/slapd-searches';
import { bindDn, holdServersForThisFile, liftSizeLimit, restoreSizeLimit, serversOrSkip, withBoundClient, type Servers } from './servers';

holdServersForThisFile();

function asAgent<T>(servers: Servers, upn: string, action: (client: Client) => Promise<T>): Promise<T> {
  return withBoundClient(servers, 'limited', bindDn(servers, 'limited', upn), servers.limited.userPassword, action);
}

interface Read {
  read: number;
  code: number | null;
}

/** Every person under usersDn by paged results (pages of 100): the entries read, and the server's refusal's code or null. */
async function readEveryone(servers: Servers, upn: string): Promise<Read> {
  const { usersDn } = servers.limited;
  return asAgent(servers, upn, async (client) => {
    let read = 0;
    try {
      const pages = client.searchPaginated(usersDn, { filter: '(objectClass=inetOrgPerson)', attributes: ['1.1'], paged: { pageSize: 100 } });
      for await (const page of pages) read += page.searchEntries.length;
      return { read, code: null };
    } catch (error) {
      return { read, code: (error as { code?: number }).code ?? -1 };
    }
  });
}

test('limited: a paged read of everyone is refused after 500 (sizeLimitExceeded, 4), in six searches', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const side = servers.limited;
  assert.equal(side.sizeLimit, 500);
  assert.ok(side.userCount! > side.sizeLimit!, 'more users than the limit');
  for (const upn of [side.users.globaladmin!, side.users.helpdesk!]) {
    const counted = await slapdSearchesDuring((): Promise<Read> => readEveryone(servers, upn));
    assert.deepEqual(counted.result, { read: 500, code: 4 }, upn);
    assert.equal(counted.searches, 6, 'five pages of 100, then the refused sixth');
  }
});

test('limited: a bounded search for one user works', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const side = servers.limited;
  const { searchEntries } = await asAgent(servers, side.users.globaladmin!, (client) =>
    client.search(side.usersDn, { filter: `(mail=tara.anderson3@${side.domain})`, attributes: ['cn'] }),
  );
  assert.deepEqual(searchEntries.map((e) => [e.dn, e.cn]), [[`uid=tara.anderson3,${side.usersDn}`, 'Tara Anderson 3']]);
});

test('limited: liftSizeLimit() lets both agents\' groups page through all; restoreSizeLimit() takes it back', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const side = servers.limited;
  liftSizeLimit();
  try {
    for (const upn of [side.users.globaladmin!, side.users.helpdesk!]) {
      assert.deepEqual(await readEveryone(servers, upn), { read: side.userCount, code: null }, upn);
    }
  } finally {
    restoreSizeLimit();
  }
  assert.deepEqual(await readEveryone(servers, side.users.helpdesk!), { read: 500, code: 4 }, 'limited again');
});
