/**
 * "Generate" in the reset dialog of an on-premises user: main suggests a
 * password that meets the tenant's policy and reads well over the phone; the
 * agent's reset with it then goes through like any typed password.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DirectoryHost } from '../../../main/app/directory-host';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import { LOOK_ALIKES } from '../../../main/reset/generator';
import { checkPasswordPolicy } from '../../../main/domain/password-policy';
import { Secret } from '../../../main/domain/secret';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { value, codeOf } from '../../support/ipc-result';

const ORIGIN = 'app://resetdesk/index.html';
const HELPDESK = 'helpdesk.admin@contoso.com';

describe('IPC: suggestPassword', () => {
  let fx: SampleFixture;
  let api: ResetdeskApi;

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
  });
  after(() => fx.close());

  beforeEach(() => {
    const app = createIpcApp({
      host: DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock }),
      clipboard: new MemoryClipboard(),
      clock: fx.clock,
      isTrustedSender: (url) => url === ORIGIN,
    });
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
  });

  const signIn = async () => value(await api.signIn({ upn: HELPDESK, password: fx.passwordOf(HELPDESK).reveal() }));
  const idOf = (upn: string) => fx.store.findUser({ upn })!.id;
  const auditCount = () => (fx.store.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;

  it('needs a signed-in agent and a well-formed user id', async () => {
    assert.equal(codeOf(await api.suggestPassword({ userId: idOf(EX.syncedManaged) })), 'NOT_SIGNED_IN');
    await signIn();
    assert.equal(codeOf(await api.suggestPassword({ userId: 'megan' } as never)), 'INVALID_INPUT');
  });

  it('suggests a compliant, phone-friendly password, different each time, that the reset then accepts', async () => {
    await signIn();
    const userId = idOf(EX.syncedManaged);
    const before = auditCount();
    const { password } = value(await api.suggestPassword({ userId }));
    const again = value(await api.suggestPassword({ userId })).password;
    assert.notEqual(password, again);
    assert.equal(auditCount(), before, 'a suggestion changes nothing, so it writes no audit event');

    assert.deepEqual(checkPasswordPolicy(password, fx.store.tenant.get().passwordPolicy), []);
    assert.match(password, /^[A-Za-z0-9]{16}$/, 'the default policy needs no symbol');
    for (const char of password) assert.ok(!LOOK_ALIKES.includes(char), `look-alike ${char}`);

    const reset = value(await api.resetPassword({ userId, password: again }));
    assert.equal(reset.temporaryPassword, again);
    assert.equal(reset.generated, true, 'main made it: a generated password, kept as it was');
    const signInAsUser = await fx.services.signIn.signIn(EX.syncedManaged, new Secret(again));
    assert.equal(signInAsUser.result, 'password_change_required');
  });

  /** The detail of the newest reset's audit event. */
  const lastDetail = () => JSON.parse(fx.store.audit.list({ action: 'password.reset', limit: 1 })[0]!.detail ?? 'null') as { generated?: boolean };

  it('audits a reset with the suggestion as generated; an edited, an earlier or a reused one as typed (issue 17, item 8)', async () => {
    await signIn();
    const userId = idOf(EX.syncedManaged);
    const kept = value(await api.suggestPassword({ userId })).password;
    value(await api.resetPassword({ userId, password: kept }));
    assert.equal(lastDetail().generated, true, 'the suggestion, unchanged');

    const edited = value(await api.suggestPassword({ userId })).password;
    assert.equal(value(await api.resetPassword({ userId, password: `${edited}#` })).generated, false);
    assert.equal(lastDetail().generated, false, 'edited by the agent: typed');

    const earlier = value(await api.suggestPassword({ userId })).password;
    value(await api.suggestPassword({ userId }));
    value(await api.resetPassword({ userId, password: earlier }));
    assert.equal(lastDetail().generated, false, 'only the latest suggestion counts');

    const once = value(await api.suggestPassword({ userId })).password;
    value(await api.resetPassword({ userId, password: once }));
    assert.equal(lastDetail().generated, true);
    value(await api.resetPassword({ userId, password: `${once}2` }));
    assert.equal(lastDetail().generated, false, 'a suggestion is used once');
  });

  it('follows the tenant\'s policy, not a fixed shape', async () => {
    const db = fx.store.db;
    db.exec('UPDATE tenant SET password_min_length = 24, password_required_categories = 4');
    try {
      await signIn();
      const { password } = value(await api.suggestPassword({ userId: idOf(EX.syncedManaged) }));
      assert.equal(password.length, 24);
      assert.deepEqual(checkPasswordPolicy(password, fx.store.tenant.get().passwordPolicy), []);
      value(await api.resetPassword({ userId: idOf(EX.syncedManaged), password }));
    } finally {
      db.exec('UPDATE tenant SET password_min_length = 8, password_required_categories = 3');
    }
  });

  it('is refused where a typed password is not what the reset takes', async () => {
    await signIn();
    assert.equal(codeOf(await api.suggestPassword({ userId: idOf(EX.cloudMember) })), 'PASSWORD_NOT_ALLOWED');
    assert.equal(codeOf(await api.suggestPassword({ userId: idOf(EX.syncedAdminCount) })), 'ADMIN_COUNT');
    assert.equal(codeOf(await api.suggestPassword({ userId: idOf(EX.syncedFederated) })), 'FEDERATED_DOMAIN');
  });
});
