/**
 * `resetdesk audit list --target TEXT` / `--agent TEXT` match as the app's
 * Audit screen does (issue 16, item 5): any part of the UPN, any case, through
 * the one auditFilterOf both front ends call. The events are made by the
 * engine on a real SQLite file; the built CLI reads them back.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { auditFilterOf } from '../../../main/domain/stores/audit-filter';
import { ROLES } from '../../../main/domain/roles';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { runBin } from '../../support/cli-process';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';

let fx: SampleFixture;
let helpdesk = '';

/** The ids `audit list` prints for these arguments (--json). */
function cliIds(...args: string[]): number[] {
  const run = runBin(['audit', 'list', ...args, '--limit', '1000', '--db', fx.dbPath, '--json']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  return (run.json as { id: number }[]).map((e) => e.id);
}

/** The ids the app's Audit screen lists for the same typed filters (its handler calls auditFilterOf on the same file). */
function appIds(typed: { target?: string; agent?: string }): number[] {
  const store = DirectoryStore.open(fx.dbPath);
  try {
    return store.audit.list({ ...auditFilterOf(typed), limit: 1000 }).map((e) => e.id);
  } finally {
    store.close();
  }
}

before(async () => {
  fx = await sampleDirectory({ size: 60 });
  const actor = await fx.agent(ROLES.helpdeskAdministrator);
  helpdesk = actor.upn;
  await fx.services.engine.resetPassword(actor, { target: { upn: EX.cloudMember } });
  await fx.services.engine.unlock(actor, { upn: EX.locked });
  await assert.rejects(fx.services.engine.resetPassword(actor, { target: { upn: EX.syncedFederated } }));
  fx.store.close();
});
after(() => fx.close());

test('--target matches any part of the target UPN, any case, the same events as the app', () => {
  const adele = cliIds('--target', 'adele');
  assert.ok(adele.length > 0, '"adele" finds Adele Vance\'s events');
  assert.deepEqual(adele, appIds({ target: 'adele' }));
  for (const text of ['ADELE', 'Vance@Contoso', EX.cloudMember, ` ${EX.cloudMember.toUpperCase()} `]) {
    assert.deepEqual(cliIds('--target', text), adele, text);
  }
  const run = runBin(['audit', 'list', '--target', 'adele', '--db', fx.dbPath]);
  assert.doesNotMatch(run.stdout, /No audit events/);
  assert.match(run.stdout, new RegExp(EX.cloudMember.replace(/\./g, '\\.')));
});

test('--agent matches any part of the agent UPN, and both filters and the action combine', () => {
  const byHelpdesk = cliIds('--agent', helpdesk.split('@')[0]!.toUpperCase());
  assert.deepEqual(byHelpdesk, appIds({ agent: helpdesk.split('@')[0]! }));
  assert.ok(byHelpdesk.length >= 3, 'the reset, the unlock and the refusal');
  const refused = runBin(['audit', 'list', 'password.reset', '--target', 'partners', '--agent', 'helpdesk', '--db', fx.dbPath, '--json']);
  assert.deepEqual((refused.json as { errorCode: string }[]).map((e) => e.errorCode), ['FEDERATED_DOMAIN']);
});

test("LIKE's wildcards in the text are taken literally; too long a text is INVALID_INPUT", () => {
  assert.deepEqual(cliIds('--target', '%'), []);
  assert.deepEqual(cliIds('--target', 'adele_vance'), []);
  const long = runBin(['audit', 'list', '--target', 'a'.repeat(257), '--db', fx.dbPath, '--json']);
  assert.equal(long.status, 2);
  assert.equal(long.json.error.code, 'INVALID_INPUT');
});
