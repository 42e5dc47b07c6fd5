/**
 * Issue 16, D, as the issue tried it: CLIs in parallel on one local file, each
 * signing in (which settles open intents) and resetting, through proxies that
 * delay every chunk by 150–200 ms each way, so one process's sign-in often
 * falls while another's modify is on its way. Both directories on the same
 * file (AD and OpenLDAP profiles). Every intent must end with exactly one
 * outcome, its own process's: none settled by another process while in
 * flight, none with two outcomes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { storedProfileOf } from '../../../main/app/ldap-users';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { runBinAsync, type CliRun } from '../../support/cli-process';
import { startProxy, targetOf } from '../../support/tcp-proxy';
import { holdServersForThisFile, localStore, profileOf, resetCases, serversOrSkip, type Kind } from '../directory/ldap/servers';

const LATENCY = { min: 150, max: 200 };
const RUNS_PER_WORKER = 3;
/** Workers start this far apart, so their sign-ins fall in each other's changes rather than in step. */
const STAGGER_MS = 1200;

holdServersForThisFile();

test('six CLIs at once, three times each, staggered, through 150–200 ms proxies: every intent has one outcome, its own', async (t) => {
  const servers = serversOrSkip(t);
  if (!servers) return;
  resetCases();
  const store = localStore(t);
  const names: Record<Kind, string> = { ad: 'corp', openldap: 'ol' };
  for (const kind of ['ad', 'openldap'] as const) {
    const proxy = await startProxy({ target: targetOf(servers[kind].urls[0]!), latencyMs: LATENCY });
    t.after(() => proxy.close());
    await store.stores.profiles.add(storedProfileOf(profileOf(servers, kind, { name: names[kind], urls: [proxy.url] })), Date.now());
  }
  const db = store.path;
  store.close();

  const reset = (kind: Kind, user: string) =>
    runBinAsync(['password', 'reset', servers[kind].users[user]!, '--db', db, '--directory', names[kind], '--as', servers[kind].users.helpdesk!, '--json'], {
      agentPassword: servers[kind].userPassword,
    });
  const workers: [Kind, string][] = [['ad', 'plain'], ['ad', 'plain2'], ['ad', 'mustchange'], ['openldap', 'plain'], ['openldap', 'plain2'], ['openldap', 'mustchange']];
  const runs: CliRun[] = [];
  await Promise.all(
    workers.map(async ([kind, user], w) => {
      await sleep(w * STAGGER_MS);
      for (let i = 0; i < RUNS_PER_WORKER; i++) runs.push(await reset(kind, user));
    }),
  );

  for (const run of runs) assert.equal(run.status, 0, run.stdout + run.stderr);
  const check = DirectoryStore.open(db);
  t.after(() => check.close());
  const events = await check.stores.audit.list({ limit: 1000, action: 'password.reset' });
  const intents = events.filter((e) => e.result === 'intent');
  assert.equal(intents.length, workers.length * RUNS_PER_WORKER, 'one intent per reset');
  assert.deepEqual(await check.stores.audit.openIntents(), [], 'none left open');
  for (const intent of intents) {
    const outcomes = events.filter((e) => e.intentId === intent.id);
    assert.equal(outcomes.length, 1, `intent ${intent.id}: exactly one outcome`);
    const [outcome] = outcomes;
    assert.equal(outcome!.result, 'success', `intent ${intent.id}: ${outcome!.errorCode}`);
    assert.equal(JSON.parse(outcome!.detail ?? '{}').resolvedAtStart, undefined, `intent ${intent.id} was settled by another process while in flight`);
    assert.equal(intent.outcomeId, outcome!.id);
  }
});
