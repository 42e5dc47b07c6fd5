/**
 * slapd killed in the middle of a reset: after the intent is written and
 * before the modify is sent (the afterIntent seam), the real slapd process is
 * SIGKILLed; the modify then goes to a dead server. The reset must end, within
 * the profile's timeouts, in a clear DomainError, with the intent and a
 * failure outcome naming it in the audit, and nothing changed. slapd is started
 * again (scripts/directories/up.sh, idempotent) before the test ends, so the
 * files that wait on the server lock find it running.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '../../../../main/domain/errors';
import { Secret } from '../../../../main/domain/secret';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import { ResetEngine } from '../../../../main/reset/engine';
import { bindDn, holdServersForThisFile, localStore, profileOf, REPO, resetCases, serversOrSkip, tryBind } from './servers';

holdServersForThisFile();

const STATE = process.env.RESETDESK_DIRECTORIES_DIR ?? join(REPO, '.directories');
const SLAPD_PID = join(STATE, 'openldap', 'slapd.pid');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killSlapd(): Promise<void> {
  const pid = Number(readFileSync(SLAPD_PID, 'utf8').trim());
  assert.ok(pid > 1 && alive(pid), `slapd runs (pid ${pid})`);
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(20);
  assert.ok(!alive(pid), 'slapd is gone');
}

function startServers(): void {
  execFileSync('bash', [join(REPO, 'scripts/directories/up.sh')], { stdio: 'pipe', timeout: 120_000 });
}

test('openldap: slapd killed between the intent and the modify: a clear error within the timeouts, intent + failure audited, slapd back', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  resetCases();
  const side = servers.openldap;
  const store = localStore(t);
  const profile = profileOf(servers, 'openldap', { connectTimeoutMs: 1000, timeoutMs: 2000 });
  let killedAt = 0;
  const directory = new LdapUserDirectory({
    profile,
    stores: store.stores,
    afterIntent: async () => {
      await killSlapd();
      killedAt = Date.now();
    },
  });
  const auth = new LdapAuthenticator({ profile, stores: store.stores, directory });
  const signIn = await auth.signIn(side.users.helpdesk!, new Secret(side.userPassword));
  assert.equal(signIn.result, 'ok');
  const actor = { id: signIn.user!.id, upn: signIn.user!.upn, roles: signIn.user!.roles, credential: signIn.credential! };
  const target = side.users.plain!;
  const engine = new ResetEngine(directory, { generate: () => new Secret('Never-Landed-5521!') });
  let caught: unknown;
  let endedAt: number;
  try {
    await engine.resetPassword(actor, { target: { upn: target } });
  } catch (error) {
    caught = error;
  } finally {
    endedAt = Date.now();
    if (killedAt) startServers();
  }
  assert.ok(killedAt > 0, 'the seam ran');
  const took = endedAt - killedAt;
  assert.ok(caught instanceof DomainError, `a DomainError, got ${String(caught)}`);
  t.diagnostic(`after the kill: ${caught.code} (${caught.message}) in ${took} ms (before slapd was restarted)`);
  assert.ok(['DIRECTORY_CONNECTION_LOST', 'DIRECTORY_UNREACHABLE'].includes(caught.code), caught.code);

  const events = await store.stores.audit.list({ limit: 10, action: 'password.reset' });
  const intent = events.find((e) => e.result === 'intent');
  const failure = events.find((e) => e.result === 'failure');
  assert.ok(intent, 'the intent was written before the modify');
  assert.equal(failure?.intentId, intent.id, 'the failure names the intent');
  assert.equal(failure?.errorCode, caught.code);
  assert.deepEqual(await store.stores.audit.openIntents(), []);

  // slapd is back, and the reset never landed: the old password still binds, the temporary one does not.
  assert.equal((await tryBind(servers, 'openldap', bindDn(servers, 'openldap', target), side.userPassword)).error, null);
  assert.equal((await tryBind(servers, 'openldap', bindDn(servers, 'openldap', target), 'Never-Landed-5521!')).error?.code, 49);
});
