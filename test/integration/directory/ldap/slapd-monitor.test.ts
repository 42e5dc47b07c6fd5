/**
 * test/support/slapd-searches.ts counts the test slapd's searches exactly
 * (issue 18 counts them to prove there is no retry storm): N searches move it
 * by N, whoever makes them (this process or an ldapsearch), binds move it by
 * nothing, and the counts' own searches are taken off.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { slapdSearchCount, slapdSearchesDuring } from '../../../support/slapd-searches';
import type { Client } from 'ldapts';
import { bindDn, holdServersForThisFile, serversOrSkip, withBoundClient, type Servers } from './servers';

holdServersForThisFile();

/** `action` with a client bound as the limited suffix's Global Administrator. */
function asAgent<T>(servers: Servers, action: (client: Client) => Promise<T>): Promise<T> {
  const side = servers.limited;
  return withBoundClient(servers, 'limited', bindDn(servers, 'limited', side.users.globaladmin!), side.userPassword, action);
}

test('N searches move the count by exactly N; the counts themselves add nothing', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const first = await slapdSearchCount();
  assert.equal(await slapdSearchCount(), first, 'two counts in a row, nothing between: no move');

  const { searches } = await slapdSearchesDuring(() =>
    asAgent(servers, async (client) => {
      for (let i = 0; i < 7; i += 1) {
        const { searchEntries } = await client.search(servers.limited.usersDn, { filter: `(uid=aaron.anderson${i === 0 ? '' : i})`, attributes: ['mail'] });
        assert.ok(searchEntries.length <= 1);
      }
    }),
  );
  assert.equal(searches, 7);
});

test('searches of another process count; binds do not', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  const side = servers.limited;
  const ldapsearch = () =>
    execFileSync('ldapsearch', ['-LLL', '-H', side.urls[0]!, '-x', '-D', bindDn(servers, 'limited', side.users.globaladmin!), '-w', side.userPassword, '-b', side.usersDn, '(uid=tara.anderson3)', '1.1'], {
      env: { ...process.env, LDAPTLS_CACERT: servers.ca, LDAPTLS_REQCERT: 'demand' },
      stdio: 'pipe',
    }).toString();
  const { searches } = await slapdSearchesDuring(async () => {
    for (let i = 0; i < 3; i += 1) assert.match(ldapsearch(), /^dn: uid=tara\.anderson3,/);
  });
  assert.equal(searches, 3, 'three ldapsearch runs: three searches (their binds are not searches)');

  const binds = await slapdSearchesDuring(() => asAgent(servers, async () => undefined));
  assert.equal(binds.searches, 0, 'a bind and an unbind alone');
});
