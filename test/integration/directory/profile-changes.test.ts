/**
 * Issue 16, H: who may add, change, remove or switch a connection profile
 * (main/app/profile-changes.ts), decided in process over a real local file and
 * the sample's real agents. The CLI tests (directory-changes-cli.test.ts) prove
 * the same on Samba and slapd through the built command; these pin each rule
 * where a mutation run can see it: the directory a Global Administrator must be
 * signed in to, the first profile of a fresh file, the connections nobody can
 * sign in to, and one audit event per attempt, allowed or refused.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { changeProfiles, connectionRoleRefusal, removingInUse, type ProfileChange, type ProfileChanger } from '../../../main/app/profile-changes';
import { ROLES } from '../../../main/domain/roles';
import { DomainError } from '../../../main/domain/errors';
import type { AuditEvent } from '../../../main/domain/types';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';

describe('who may change the directory connections', () => {
  let fx: SampleFixture;
  let global: ProfileChanger['actor'];
  let helpdesk: ProfileChanger['actor'];
  before(async () => {
    fx = await sampleDirectory({ size: 40 });
    global = await fx.agent(ROLES.globalAdministrator);
    helpdesk = await fx.agent(ROLES.helpdeskAdministrator);
  });
  after(() => fx.close());

  let applied = 0;
  let signIns = 0;
  beforeEach(() => {
    applied = 0;
    signIns = 0;
  });
  const apply = () => {
    applied++;
  };
  /** The agent signed in to `signedInTo` (the embedded sample's services stand for that directory's sign-in). */
  const as = (actor: ProfileChanger['actor'] | null, signedInTo: string | null) => async () => {
    signIns++;
    return actor ? { services: fx.services, actor, signedInTo } : null;
  };
  const lastChange = async (): Promise<AuditEvent> => (await fx.services.stores.audit.list({ action: 'directory.update', limit: 1 }))[0]!;
  const changesSoFar = () => fx.services.stores.audit.count({ action: 'directory.update' });
  const refused = async (change: ProfileChange, options: Parameters<typeof changeProfiles>[2], code: string) => {
    applied = 0;
    const before = await changesSoFar();
    await assert.rejects(changeProfiles(fx.services.stores, change, options, apply), (e: unknown) => e instanceof DomainError && e.code === code);
    assert.equal(applied, 0, 'nothing applied');
    assert.equal(await changesSoFar(), before + 1, 'the refusal is audited once');
    assert.deepEqual([(await lastChange()).result, (await lastChange()).errorCode], ['failure', code]);
  };
  const allowed = async (change: ProfileChange, options: Parameters<typeof changeProfiles>[2]) => {
    applied = 0;
    const before = await changesSoFar();
    await changeProfiles(fx.services.stores, change, options, apply);
    assert.equal(applied, 1, 'applied once');
    assert.equal(await changesSoFar(), before + 1, 'audited once');
    assert.equal((await lastChange()).result, 'success');
    return JSON.parse((await lastChange()).detail!) as Record<string, unknown>;
  };

  it('a Global Administrator of the directory in use adds one, audited with who asked and where they signed in', async () => {
    const detail = await allowed({ op: 'add', name: 'corp', use: true }, { inUse: null, signIn: as(global, null) });
    assert.deepEqual(detail, { added: 'corp', used: 'corp', signedInTo: 'the embedded directory' });
    assert.equal((await lastChange()).actorUpn, global.upn);
    assert.deepEqual(await allowed({ op: 'add', name: 'lab' }, { inUse: null, signIn: as(global, null) }), { added: 'lab', signedInTo: 'the embedded directory' });
  });

  it("a new profile's own sign-in never counts: signed in to the profile being added is refused (the forged mapping of H)", async () => {
    await refused({ op: 'add', name: 'corp' }, { inUse: null, signIn: as(global, 'corp') }, 'CONNECTION_CHANGE_REFUSED');
    assert.match((await lastChange()).detail!, /"signedInTo":"corp"/);
  });

  it('to change, remove or switch to a profile, a Global Administrator of that profile as stored counts too, by any case', async () => {
    for (const change of [{ op: 'change', name: 'corp' }, { op: 'remove', name: 'corp' }, { op: 'use', name: 'corp' }] as const) {
      await allowed(change, { inUse: 'ad', signIn: as(global, 'CORP') });
    }
    await refused({ op: 'remove', name: 'corp' }, { inUse: 'ad', signIn: as(global, 'lab') }, 'CONNECTION_CHANGE_REFUSED');
    await allowed({ op: 'use', name: null }, { inUse: 'ad', signIn: as(global, 'AD') });
  });

  it('the embedded directory in use is a directory of its own: a sign-in to a profile is not one to it', async () => {
    await refused({ op: 'use', name: 'corp' }, { inUse: null, signIn: as(global, 'ad') }, 'CONNECTION_CHANGE_REFUSED');
    await refused({ op: 'add', name: 'corp' }, { inUse: 'ad', signIn: as(global, null) }, 'CONNECTION_CHANGE_REFUSED');
  });

  it('an agent who is not a Global Administrator there is refused, whatever they signed in to', async () => {
    await refused({ op: 'add', name: 'corp' }, { inUse: null, signIn: as(helpdesk, null) }, 'CONNECTION_CHANGE_REFUSED');
    assert.equal((await lastChange()).actorUpn, helpdesk.upn);
    await refused({ op: 'remove', name: 'corp' }, { inUse: 'ad', signIn: as(helpdesk, 'corp') }, 'CONNECTION_CHANGE_REFUSED');
  });

  it("a refusal says who may change connections in words of its own (not a reset's), and what the agent holds where", async () => {
    const refusalOf = (change: ProfileChange, options: Parameters<typeof changeProfiles>[2]) =>
      changeProfiles(fx.services.stores, change, options, apply).then(
        () => assert.fail('allowed'),
        (e: unknown) => e as DomainError,
      );
    const byRole = await refusalOf({ op: 'add', name: 'corp' }, { inUse: null, signIn: as(helpdesk, null) });
    assert.equal(byRole.code, 'CONNECTION_CHANGE_REFUSED');
    assert.doesNotMatch(byRole.message, /reset|unlock|password/i);
    assert.match(byRole.message, /^Only a Global Administrator signed in to the directory in use can add, change, test, remove or switch directory connections; /);
    assert.match(byRole.message, /one signed in to a stored connection's own directory may also change, remove or switch to that connection\./);
    assert.ok(byRole.message.endsWith(`${helpdesk.upn}, signed in to the embedded directory, holds ${ROLES.helpdeskAdministrator} there.`), byRole.message);
    const byPlace = await refusalOf({ op: 'add', name: 'corp' }, { inUse: 'ad', signIn: as(global, 'lab') });
    assert.ok(byPlace.message.endsWith(`${global.upn} signed in to lab; the directory in use is ad.`), byPlace.message);
  });

  it('connectionRoleRefusal, what the Directories screen is told: null for a Global Administrator, else the words Save answers', () => {
    assert.equal(connectionRoleRefusal({ upn: global.upn, signedInTo: 'ad', roles: [ROLES.globalReader, ROLES.globalAdministrator] }), null);
    const reader = connectionRoleRefusal({ upn: 'reader@contoso.com', signedInTo: 'ad', roles: [ROLES.helpdeskAdministrator, ROLES.globalReader] });
    assert.equal(reader?.code, 'CONNECTION_CHANGE_REFUSED');
    assert.ok(reader?.message.endsWith(`reader@contoso.com, signed in to ad, holds ${ROLES.helpdeskAdministrator}, ${ROLES.globalReader} there.`), reader?.message);
    assert.ok(connectionRoleRefusal({ upn: 'nobody@contoso.com', signedInTo: null, roles: [] })?.message.endsWith('nobody@contoso.com, signed in to the embedded directory, holds no admin role there.'));
  });

  it('nobody said who they are: NOT_SIGNED_IN, naming the directory in use', async () => {
    await refused({ op: 'use', name: 'corp' }, { inUse: 'ad', signIn: as(null, null) }, 'NOT_SIGNED_IN');
    await assert.rejects(changeProfiles(fx.services.stores, { op: 'add', name: 'x' }, { inUse: null, signIn: as(null, null) }, apply), /Global Administrator of the embedded directory/);
  });

  it('connections nobody can sign in to: removing one, or switching away from one in use, asks nobody; anything else still does', async () => {
    const unusable = async (name: string) => name.toLowerCase() === 'old';
    assert.deepEqual(await allowed({ op: 'remove', name: 'old' }, { inUse: 'ad', signIn: as(null, null), unusable }), { removed: 'old', unusableProfile: true });
    assert.deepEqual(await allowed({ op: 'use', name: 'corp' }, { inUse: 'OLD', signIn: as(null, null), unusable }), { used: 'corp', unusableProfile: true });
    assert.equal(signIns, 0, 'nobody was asked to sign in');
    await refused({ op: 'remove', name: 'corp' }, { inUse: 'ad', signIn: as(null, null), unusable }, 'NOT_SIGNED_IN');
    await refused({ op: 'use', name: 'old' }, { inUse: 'ad', signIn: as(null, null), unusable }, 'NOT_SIGNED_IN');
    await refused({ op: 'add', name: 'new' }, { inUse: 'old', signIn: as(null, null), unusable }, 'NOT_SIGNED_IN');
    await refused({ op: 'use', name: 'corp' }, { inUse: null, signIn: as(null, null), unusable: async () => true }, 'NOT_SIGNED_IN');
  });

  it("an error of the change itself is audited with its code, and an unexpected one as INTERNAL", async () => {
    const failing = (error: Error) => () => {
      throw error;
    };
    await assert.rejects(changeProfiles(fx.services.stores, { op: 'remove', name: 'ad' }, { inUse: 'ad', signIn: as(global, 'ad') }, failing(removingInUse('ad', 'AD')!)), /directory in use/);
    assert.deepEqual([(await lastChange()).result, (await lastChange()).errorCode], ['failure', 'INVALID_INPUT']);
    await assert.rejects(changeProfiles(fx.services.stores, { op: 'remove', name: 'ad' }, { inUse: 'x', signIn: as(global, 'x') }, failing(new Error('boom'))), /boom/);
    assert.deepEqual([(await lastChange()).result, (await lastChange()).errorCode], ['failure', 'INTERNAL']);
    assert.equal(removingInUse('corp', null), null);
    assert.equal(removingInUse('corp', 'ad'), null);
  });
});

describe('the first profile of a fresh file', () => {
  let fx: SampleFixture;
  before(async () => {
    fx = await sampleDirectory({ size: 40 });
  });
  after(() => fx.close());

  it('asks nobody when nothing is there yet (the first run), and is audited as such; a switch is not a first profile', async () => {
    let signIns = 0;
    const signIn = async () => {
      signIns++;
      return null;
    };
    await assert.rejects(changeProfiles(fx.services.stores, { op: 'use', name: 'corp' }, { inUse: null, signIn }, () => {}), (e: unknown) => e instanceof DomainError && e.code === 'NOT_SIGNED_IN');
    // That refusal is an audit event: the file, with no profile yet, is no longer fresh.
    await assert.rejects(changeProfiles(fx.services.stores, { op: 'add', name: 'corp' }, { inUse: null, signIn }, () => {}), (e: unknown) => e instanceof DomainError && e.code === 'NOT_SIGNED_IN');
    fx.close();
    fx = await sampleDirectory({ size: 40 });
    signIns = 0;
    let applied = false;
    await changeProfiles(fx.services.stores, { op: 'add', name: 'corp', use: true }, { inUse: null, signIn }, async () => {
      applied = true;
      await fx.services.stores.profiles.add({ name: 'corp', type: 'ad', config: {} }, Date.now());
    });
    assert.equal(applied, true);
    assert.equal(signIns, 0);
    const [event] = await fx.services.stores.audit.list({ action: 'directory.update', limit: 1 });
    assert.deepEqual([event!.actorUpn, event!.result, JSON.parse(event!.detail!)], [null, 'success', { added: 'corp', used: 'corp', firstProfile: true }]);
    // Now it has a profile and an audit: the next one needs a Global Administrator.
    await assert.rejects(changeProfiles(fx.services.stores, { op: 'add', name: 'lab' }, { inUse: 'corp', signIn }, () => {}), (e: unknown) => e instanceof DomainError && e.code === 'NOT_SIGNED_IN');
    assert.equal(signIns, 1);
  });
});
