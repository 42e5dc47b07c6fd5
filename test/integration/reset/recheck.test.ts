import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { DirectoryView, UserDirectory } from '../../../main/directory/directory';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { DomainError, type ErrorCode } from '../../../main/domain/errors';
import { ResetEngine, type Actor } from '../../../main/reset/engine';
import { ROLES } from '../../../main/domain/roles';
import type { Secret } from '../../../main/domain/secret';
import { updateTenant } from '../../../main/app/services';
import { sampleDirectory, secret, type SampleFixture } from '../../support/fixtures';

/**
 * The real SQLite directory, with a hook that runs once the new password is
 * prepared (hashed) and before the engine writes it: the window in which
 * someone else can change the directory, opened on purpose instead of by timing.
 */
function pausingDirectory(directory: UserDirectory, whilePreparing: () => unknown): UserDirectory {
  const inner = directory.as(null);
  const view: DirectoryView = {
    getUser: (ref) => inner.getUser(ref),
    contactPoints: (ref) => inner.contactPoints(ref),
    globalAdministrators: () => inner.globalAdministrators(),
    searchUsers: (query, page) => inner.searchUsers(query, page),
    async preparePassword(password: Secret) {
      const prepared = await inner.preparePassword(password);
      await whilePreparing();
      return prepared;
    },
    transact: (target, work) => inner.transact(target, work),
  };
  return { kind: directory.kind, capabilities: directory.capabilities, location: directory.location, as: () => view, close: () => directory.close() };
}

interface Race {
  what: string;
  target: string;
  agent: string;
  /** Typed for on-premises targets, absent (generated) for cloud ones. */
  password?: string;
  /** What changes in the directory while the password is being hashed. */
  change(fx: SampleFixture, actor: Actor): unknown;
  code: ErrorCode;
}

const rowidOf = (fx: SampleFixture, upn: string) =>
  (fx.store.db.prepare('SELECT rowid FROM users WHERE upn = ?').get(upn) as { rowid: number }).rowid;

const races: Race[] = [
  {
    what: 'the target is made a Global Administrator',
    target: EX.cloudMember,
    agent: ROLES.helpdeskAdministrator,
    change: (fx) =>
      fx.store.db
        .prepare('INSERT INTO role_assignments (user_rowid, role) VALUES (?, ?)')
        .run(rowidOf(fx, EX.cloudMember), ROLES.globalAdministrator),
    code: 'INSUFFICIENT_ROLE',
  },
  {
    what: 'the agent loses its role',
    target: EX.cloudMember,
    agent: ROLES.helpdeskAdministrator,
    change: (fx, actor) => fx.store.db.prepare('DELETE FROM role_assignments WHERE user_rowid = ?').run(rowidOf(fx, actor.upn)),
    code: 'AGENT_ACCOUNT_UNUSABLE',
  },
  {
    what: "the target's domain becomes federated",
    target: EX.syncedManaged,
    agent: ROLES.helpdeskAdministrator,
    password: 'Typed-Passw0rd',
    change: (fx) => fx.store.db.prepare("UPDATE domains SET type = 'federated' WHERE name = ?").run(EX.syncedManaged.split('@')[1]),
    code: 'FEDERATED_DOMAIN',
  },
  {
    what: 'password writeback is turned off',
    target: EX.syncedManaged,
    agent: ROLES.helpdeskAdministrator,
    password: 'Typed-Passw0rd',
    // Turned off the way a Global Administrator would, in another session.
    change: async (fx) => updateTenant(fx.services, await fx.agent(ROLES.globalAdministrator), { passwordWriteback: false }),
    code: 'WRITEBACK_DISABLED',
  },
];

describe('a reset decides again, on fresh state, after the password is hashed', () => {
  let fx: SampleFixture;
  beforeEach(async () => {
    fx = await sampleDirectory({ size: 60 });
  });
  afterEach(() => fx.close());

  const passwordColumns = (upn: string) =>
    fx.store.db.prepare('SELECT password_hash, force_change_next_sign_in, password_last_set FROM users WHERE upn = ?').get(upn);
  const resetEvents = () => fx.store.audit.list({ action: 'password.reset', limit: 1000 });

  for (const race of races) {
    it(`refuses and audits the reset when ${race.what} while the password is hashed`, async () => {
      const actor = await fx.agent(race.agent);
      const engine = new ResetEngine(pausingDirectory(fx.services.directory, () => race.change(fx, actor)));
      const passwordBefore = passwordColumns(race.target);
      const eventsBefore = resetEvents().length;

      // Allowed when asked: the first pass lets the reset through to the hashing.
      assert.equal((await fx.services.engine.preflight(actor, { upn: race.target })).allowed, true);
      await assert.rejects(
        engine.resetPassword(actor, { target: { upn: race.target }, password: race.password ? secret(race.password) : undefined }),
        (error: unknown) => error instanceof DomainError && error.code === race.code,
      );

      assert.deepEqual(passwordColumns(race.target), passwordBefore, 'the password is not changed');
      const events = resetEvents();
      assert.equal(events.length, eventsBefore + 1, 'one event for the refused reset');
      assert.equal(events[0]?.result, 'failure');
      assert.equal(events[0]?.errorCode, race.code);
      assert.equal(events[0]?.actorUpn, actor.upn);
      assert.equal(events[0]?.targetUpn, race.target);
      if (race.password) {
        const signIn = await fx.services.signIn.signIn(race.target, secret(race.password));
        assert.equal(signIn.result, 'invalid_credentials', 'the typed password does not work');
      }
    });
  }

  it('a reset refused on the first pass hashes nothing: a refusal costs no scrypt work', async () => {
    const actor = await fx.agent(ROLES.helpdeskAdministrator);
    let prepared = 0;
    const engine = new ResetEngine(pausingDirectory(fx.services.directory, () => prepared++));
    for (const [target, password] of [
      ['global.admin@contoso.com', undefined],
      [EX.syncedManaged, 'short1'],
    ] as const) {
      await assert.rejects(engine.resetPassword(actor, { target: { upn: target }, password: password ? secret(password) : undefined }));
    }
    assert.equal(prepared, 0);
    assert.deepEqual(
      resetEvents().map((e) => e.errorCode),
      ['POLICY_VIOLATION', 'INSUFFICIENT_ROLE'],
      'each refusal audited once',
    );
  });

  it('a change that leaves the decision the same lets the reset through', async () => {
    const actor = await fx.agent(ROLES.helpdeskAdministrator);
    // A role the helpdesk covers: the fresh decision still allows it.
    const engine = new ResetEngine(
      pausingDirectory(fx.services.directory, () =>
        fx.store.db
          .prepare('INSERT INTO role_assignments (user_rowid, role) VALUES (?, ?)')
          .run(rowidOf(fx, EX.cloudMember), ROLES.directoryReaders),
      ),
    );
    const outcome = await engine.resetPassword(actor, { target: { upn: EX.cloudMember } });
    assert.equal((await fx.services.signIn.signIn(EX.cloudMember, outcome.temporaryPassword)).result, 'password_change_required');
    assert.equal(resetEvents()[0]?.result, 'success');
  });
});
