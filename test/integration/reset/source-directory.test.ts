/**
 * The engine over a directory that is the users' own source (as Active
 * Directory and OpenLDAP are), played by the real SQLite file behind a thin
 * wrapper that reports kind 'ad', records which credential each call acts
 * with, and can make the "server" refuse the change. What it proves is the
 * engine's side: writeback and federation no longer apply, the password is
 * generated, the agent's own credential is used, and a refusal by the
 * directory is audited as the outcome with nothing changed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import type { AgentCredential, DirectoryView, UserDirectory } from '../../../main/directory/directory';
import { DomainError, type ErrorCode } from '../../../main/domain/errors';
import { ROLES } from '../../../main/domain/roles';
import { ResetEngine, type Actor } from '../../../main/reset/engine';
import { updateTenant } from '../../../main/services';
import { sampleDirectory, secret, type SampleFixture } from '../../support/fixtures';

interface SourceDirectory extends UserDirectory {
  credentialsSeen: (AgentCredential | null)[];
  refuseWith: ErrorCode | null;
}

function sourceDirectory(inner: UserDirectory): SourceDirectory {
  const directory: SourceDirectory = {
    kind: 'ad',
    location: 'ldaps://dc1.corp.example:636 (the embedded file behind it)',
    credentialsSeen: [],
    refuseWith: null,
    as(agent) {
      directory.credentialsSeen.push(agent);
      const view = inner.as(agent);
      const wrapped: DirectoryView = {
        getUser: (ref) => view.getUser(ref),
        contactPoints: (ref) => view.contactPoints(ref),
        globalAdministrators: () => view.globalAdministrators(),
        searchUsers: (query, page) => view.searchUsers(query, page),
        preparePassword: (password) => view.preparePassword(password),
        transact: (target, work) =>
          view.transact(target, (tx) => {
            const refuse = async () => {
              if (directory.refuseWith) throw new DomainError(directory.refuseWith);
            };
            return work({
              ...tx,
              accountOf: (id) => tx.accountOf(id),
              audit: (draft) => tx.audit(draft),
              setPassword: async (password, options) => {
                await refuse();
                return tx.setPassword(password, options);
              },
              unlock: async () => {
                await refuse();
                return tx.unlock();
              },
            });
          }),
      };
      return wrapped;
    },
    close: () => inner.close(),
  };
  return directory;
}

describe('reset engine on a directory that is the source of its users', () => {
  let fx: SampleFixture;
  let directory: SourceDirectory;
  let engine: ResetEngine;
  let helpdesk: Actor;
  const credential: AgentCredential = { upn: 'helpdesk.admin@contoso.com' };

  before(async () => {
    fx = await sampleDirectory();
    directory = sourceDirectory(fx.services.directory);
    engine = new ResetEngine(directory);
    helpdesk = { ...(await fx.agent(ROLES.helpdeskAdministrator)), credential };
    const global = await fx.agent(ROLES.globalAdministrator);
    // About Entra's cloud copy of a synced user: must not matter when the app writes to the source.
    await updateTenant(fx.services, global, { passwordWriteback: false });
  });
  after(() => fx.close());

  it('acts with the agent’s own credential, and resets a synced user with writeback off, generated', async () => {
    directory.credentialsSeen.length = 0;
    const preflight = await engine.preflight(helpdesk, { upn: EX.syncedManaged });
    assert.deepEqual(preflight, { allowed: true, passwordMode: 'generated' });
    const outcome = await engine.resetPassword(helpdesk, { target: { upn: EX.syncedManaged } });
    assert.equal(outcome.generated, true);
    assert.equal((await fx.services.signIn.signIn(EX.syncedManaged, outcome.temporaryPassword)).result, 'password_change_required');
    assert.ok(directory.credentialsSeen.length > 0 && directory.credentialsSeen.every((c) => c === credential), 'every call as the agent');
    await assert.rejects(
      engine.resetPassword(helpdesk, { target: { upn: EX.syncedManaged }, password: secret('Typed-Passw0rd-1') }),
      { code: 'PASSWORD_NOT_ALLOWED' },
      'the source directory gets a generated password',
    );
  });

  it('still refuses AdminCount=1 before any change', async () => {
    const answer = await engine.preflight(helpdesk, { upn: EX.syncedAdminCount });
    assert.equal(answer.allowed ? 'allowed' : answer.code, 'ADMIN_COUNT');
  });

  for (const [action, run] of [
    ['password.reset', () => engine.resetPassword(helpdesk, { target: { upn: EX.cloudMember } })],
    ['account.unlock', () => engine.unlock(helpdesk, { upn: EX.locked })],
  ] as const) {
    it(`${action}: a change the directory refuses is audited once as that refusal, and changes nothing`, async () => {
      const user = fx.store.findUser({ upn: action === 'password.reset' ? EX.cloudMember : EX.locked })!;
      const last = fx.store.audit.list({ limit: 1 })[0]?.id ?? 0;
      directory.refuseWith = 'DIRECTORY_ACCESS_DENIED';
      try {
        await assert.rejects(run(), { code: 'DIRECTORY_ACCESS_DENIED' });
      } finally {
        directory.refuseWith = null;
      }
      const events = fx.store.audit.list({ action, limit: 10 }).filter((e) => e.id > last);
      assert.deepEqual(events.map((e) => [e.result, e.errorCode, e.targetUpn]), [['failure', 'DIRECTORY_ACCESS_DENIED', user.upn]]);
      const now = fx.store.findUser({ upn: user.upn })!;
      assert.deepEqual([now.passwordHash, now.locked], [user.passwordHash, user.locked], 'nothing changed');
    });
  }
});
