/**
 * Issue 18: the LDAP replica feed against the real Samba AD DC and slapd.
 * Every user read in pages, mapped as the live search maps them; changes made
 * with the servers' own admin tools (samba-tool, ldap-utils) read after a
 * cursor taken before the read: added, renamed (same id), disabled, deleted
 * (AD: from Deleted Objects; OpenLDAP: missing from readIds), a role group's
 * membership as role holders; a cursor of another DC or database asks for a
 * full read.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { Secret } from '../../../../main/domain/secret';
import type { DirectoryUser } from '../../../../main/domain/types';
import type { ChangePage, ReplicaFeed } from '../../../../main/directory/replica-feed';
import { LdapUserDirectory, summaryOf } from '../../../../main/directory/ldap/ldap-directory';
import { openReplicaFeed } from '../../../../main/directory/ldap/replica-feed-ldap';
import { sambaAdmin, slapdAdmin, slapdSizeLimit, type AdminUser, type DirectoryAdmin } from '../../../support/directory-admin';
import { DomainError } from '../../../../main/domain/errors';
import { bindDn, holdServersForThisFile, localStore, profileOf, serversOrSkip, type Kind, type Servers } from './servers';

holdServersForThisFile();

const PAGE = 100;
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

function setup(t: TestContext, kind: Kind) {
  const servers = serversOrSkip(t);
  if (!servers) return null;
  const side = servers[kind];
  const now = Date.now();
  const store = localStore(t, { clock: () => now });
  const profile = profileOf(servers, kind);
  const identity = { dn: bindDn(servers, kind, side.users.helpdesk!), password: new Secret(side.userPassword) };
  const feed = openReplicaFeed({ profile, identity, clock: () => now, pageSize: PAGE });
  t.after(() => feed.close());
  const live = new LdapUserDirectory({ profile, stores: store.stores }).asIdentity(identity);
  return { servers, side, feed, live, admin: adminOf(servers, kind) };
}

function ctxIdentity(ctx: NonNullable<ReturnType<typeof setup>>) {
  return { dn: bindDn(ctx.servers, 'openldap', ctx.side.users.helpdesk!), password: new Secret(ctx.side.userPassword) };
}

function adminOf(servers: Servers, kind: Kind): DirectoryAdmin {
  return kind === 'ad' ? sambaAdmin(servers.ad.domain) : slapdAdmin(servers.openldap);
}

async function readChanges(feed: ReplicaFeed, cursor: string) {
  const pages: ChangePage[] = [];
  const result = await feed.readChanges(cursor, async (page) => void pages.push(page));
  return {
    result,
    changed: pages.flatMap((p) => p.changed),
    removed: pages.flatMap((p) => p.removedIds),
    roleHolders: pages.find((p) => p.roleHolders)?.roleHolders,
  };
}

async function readIds(feed: ReplicaFeed): Promise<Set<string>> {
  const ids = new Set<string>();
  await feed.readIds(async (page) => page.forEach((id) => ids.add(id)));
  return ids;
}

const localOf = (upn: string) => upn.slice(0, upn.indexOf('@'));

for (const kind of ['ad', 'openldap'] as const satisfies Kind[]) {
  test(`${kind}: readAll pages every user, mapped as the live search maps them`, async (t) => {
    const ctx = setup(t, kind);
    if (!ctx) return;
    const pages: DirectoryUser[][] = [];
    const progress: { read: number; estimate: number | null }[] = [];
    const cursor = await ctx.feed.readAll(async (users, p) => {
      pages.push(users);
      progress.push(p);
    });
    const all = pages.flat();
    assert.ok(pages.length >= 3, `several pages of at most ${PAGE} (${pages.map((p) => p.length).join(', ')})`);
    assert.ok(pages.every((p) => p.length <= PAGE));
    assert.deepEqual(progress.map((p) => p.read), pages.map((_, i) => pages.slice(0, i + 1).flat().length), 'progress counts the users read');
    assert.ok(progress.every((p) => p.estimate === null), 'neither server gives a count with paged results');
    assert.ok(JSON.parse(cursor), 'a cursor');

    const listed = await ctx.live.listUsers();
    assert.ok(listed.length > 300);
    const withoutPhones = ({ mobilePhone: _m, businessPhone: _b, ...rest }: DirectoryUser) => rest;
    assert.deepEqual(all.map(withoutPhones).sort(byId), listed.map(withoutPhones).sort(byId), 'every user, as the pane maps them');
    // The phones as the directory holds them, to search by: the pane masks one that is a verification method.
    const masked = listed.filter((u) => u.mobilePhone !== null && /[^\d+ ()-]/.test(u.mobilePhone));
    assert.ok(masked.length > 0, 'the pane masks verification phones');
    for (const user of masked) assert.match(all.find((u) => u.id === user.id)!.mobilePhone!, /^[\d+ ()-]+$/, `${user.upn}: the number as held`);
    const searched = await ctx.live.searchUsers('', { limit: 1000, offset: 0 });
    assert.deepEqual(all.map(summaryOf).sort(byId), [...searched.users].sort(byId), 'the rows the live search returns');
    const ids = await readIds(ctx.feed);
    assert.deepEqual([...ids].sort(), all.map((u) => u.id).sort(), 'readIds: every id as DirectoryUser.id');
  });

  test(`${kind}: after a cursor, a user added, renamed, disabled and deleted with the admin tools; a role group's members`, async (t) => {
    const ctx = setup(t, kind);
    if (!ctx) return;
    const { admin, feed, side } = ctx;
    const names = ['feed.renamed', 'feed.disabled', 'feed.deleted', 'feed.added', 'feed.moved', 'feed.movedout'];
    const cleanUp = () => names.forEach((name) => admin.removeIfThere(name));
    cleanUp();
    t.after(cleanUp);
    let renamed: AdminUser = admin.addUser('feed.renamed', 'Rena', 'Before');
    const disabled = admin.addUser('feed.disabled', 'Dis', 'Abled');
    const deleted = admin.addUser('feed.deleted', 'Del', 'Eted');
    const movedOut = admin.addUser('feed.movedout', 'Moved', 'Out');

    // Two plain users renamed while the read runs: one already read, one not yet (a later page).
    const listed = await ctx.live.listUsers();
    const cases = new Set(Object.values(side.users).map((upn) => upn.toLowerCase()));
    const plain = listed.filter((u) => !cases.has(u.upn.toLowerCase()) && !u.upn.startsWith('feed.'));
    let during: { user: DirectoryUser; admin: AdminUser }[] = [];
    const restore = () => during.forEach(({ user, admin: a }) => admin.rename(a, user.givenName!, user.surname!));
    t.after(restore);
    const before = new Map<string, DirectoryUser>();
    const cursor = await feed.readAll(async (users) => {
      users.forEach((u) => before.set(u.id, u));
      if (during.length > 0) return;
      const read = users.find((u) => plain.includes(listed.find((l) => l.id === u.id)!))!;
      const ids = new Set(users.map((u) => u.id));
      const notYet = plain.find((u) => !ids.has(u.id))!;
      during = [read, notYet].map((user) => ({ user, admin: { local: localOf(user.upn), upn: user.upn } }));
      for (const { user, admin: a } of during) admin.rename(a, user.givenName!, `${user.surname!}-during`);
    });
    const byUpn = (upn: string) => [...before.values()].find((u) => u.upn.toLowerCase() === upn.toLowerCase());
    const renamedBefore = byUpn(renamed.upn)!;
    const disabledBefore = byUpn(disabled.upn)!;
    const deletedBefore = byUpn(deleted.upn)!;
    const movedOutBefore = byUpn(movedOut.upn)!;
    assert.ok(renamedBefore && disabledBefore && deletedBefore && movedOutBefore, 'the users added before the read are read');

    const added = admin.addUser('feed.added', 'Addie', 'Later');
    renamed = admin.rename(renamed, 'Rena', 'After', kind === 'openldap' ? 'feed.moved' : undefined);
    admin.disable(disabled);
    admin.remove(deleted);
    admin.move(movedOut, kind === 'ad' ? `CN=Users,${side.baseDn}` : side.baseDn);
    admin.setMember('Resetdesk User Admins', added, true);
    t.after(() => {
      try {
        admin.setMember('Resetdesk User Admins', added, false);
      } catch {
        // the test took it out already
      }
    });

    const changes = await readChanges(feed, cursor);
    assert.ok('cursor' in changes.result, 'continued, not a full read');
    const changedByUpn = (upn: string) => changes.changed.find((u) => u.upn.toLowerCase() === upn.toLowerCase());
    assert.ok(changedByUpn(added.upn), 'the user added is read');
    const renamedAfter = changedByUpn(renamed.upn);
    assert.equal(renamedAfter?.id, renamedBefore.id, 'the rename arrives with the same id');
    assert.equal(renamedAfter?.displayName, 'Rena After', 'under the new name');
    assert.equal(changedByUpn(disabled.upn)?.enabled, false, 'the user disabled is read, disabled');
    for (const { user } of during) {
      assert.equal(changes.changed.find((u) => u.id === user.id)?.surname, `${user.surname!}-during`, 'a change made during the read is read');
    }
    const holders = changes.roleHolders;
    assert.ok(holders, 'a role group changed: the page carries the role holders');
    assert.deepEqual(holders.find((u) => u.upn.toLowerCase() === added.upn.toLowerCase())?.roles, ['User Administrator']);
    assert.ok(holders.some((u) => u.upn.toLowerCase() === side.users.helpdesk!.toLowerCase()), 'every role holder, not only the new one');
    assert.ok(holders.every((u) => u.roles.length > 0));

    // An agent may not list Deleted Objects (AD's default, Samba's too): deletions by comparison, on both servers.
    assert.equal(feed.deletions, 'comparison');
    const ids = await readIds(feed);
    assert.ok(!ids.has(deletedBefore.id), 'the deleted user is not among the ids');
    assert.ok(!ids.has(movedOutBefore.id), 'nor the user moved out of the users DN');
    if (kind === 'ad') assert.ok(changes.removed.includes(movedOutBefore.id), 'AD: the user moved out of the users DN is removed with the changes');
    assert.ok(ids.has(renamedBefore.id) && ids.has(disabledBefore.id) && ids.has(changedByUpn(added.upn)!.id), 'the others are');
    if (kind === 'ad') {
      // An administrator may: the deletion comes with the changes, from Deleted Objects.
      const identity = { dn: side.admin.dn, password: new Secret(side.admin.password) };
      const asAdmin = openReplicaFeed({ profile: profileOf(ctx.servers, kind), identity, clock: Date.now, pageSize: PAGE });
      t.after(() => asAdmin.close());
      const seen = await readChanges(asAdmin, cursor);
      assert.equal(asAdmin.deletions, 'changes');
      assert.ok(seen.removed.includes(deletedBefore.id), "the deleted user's id, from Deleted Objects");
      assert.ok(!seen.removed.includes(renamedBefore.id));
    }

    // From the new cursor: the membership removed reaches the role holders again, without the user.
    admin.setMember('Resetdesk User Admins', added, false);
    const next = await readChanges(feed, (changes.result as { cursor: string }).cursor);
    assert.ok(next.roleHolders && !next.roleHolders.some((u) => u.upn.toLowerCase() === added.upn.toLowerCase()), 'no longer a role holder');
  });

  test(`${kind}: a cursor the server cannot continue asks for a full read`, async (t) => {
    const ctx = setup(t, kind);
    if (!ctx) return;
    const cursor = await ctx.feed.readAll(async () => undefined);
    const noop = async () => undefined;
    assert.ok('full' in (await ctx.feed.readChanges('not json', noop)));
    if (kind === 'ad') {
      const was = JSON.parse(cursor) as { dsServiceName: string; invocationId: string; usn: number };
      assert.ok('cursor' in (await ctx.feed.readChanges(cursor, noop)), 'its own cursor continues');
      const otherDc = { ...was, dsServiceName: was.dsServiceName.replace('CN=DC1,', 'CN=DC2,') };
      assert.match((await ctx.feed.readChanges(JSON.stringify(otherDc), noop) as { full: string }).full, /another domain controller/);
      const restored = { ...was, invocationId: '00000000-0000-4000-8000-000000000001' };
      assert.match((await ctx.feed.readChanges(JSON.stringify(restored), noop) as { full: string }).full, /invocation ID/);
    } else {
      assert.ok('cursor' in (await ctx.feed.readChanges(cursor, noop)), 'its own cursor continues');
      assert.ok('full' in (await ctx.feed.readChanges(JSON.stringify({ usn: 5 }), noop)), "AD's cursor is not OpenLDAP's");
    }
  });
}

test('openldap: a size limit that stops the paged read of everyone is DIRECTORY_READ_LIMITED, naming the slapd setting', async (t) => {
  const ctx = setup(t, 'openldap');
  if (!ctx) return;
  // 50 with pages of 100 (refused at the first page) and pages of 20 (refused after 50): both are sizeLimitExceeded.
  slapdSizeLimit(50);
  t.after(() => slapdSizeLimit(null));
  for (const pageSize of [100, 20]) {
    const feed = openReplicaFeed({ profile: profileOf(ctx.servers, 'openldap'), identity: ctxIdentity(ctx), clock: Date.now, pageSize });
    t.after(() => feed.close());
    let read = 0;
    await assert.rejects(
      feed.readAll(async (users) => void (read += users.length)),
      (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.code, 'DIRECTORY_READ_LIMITED');
        assert.match(error.detail ?? '', /sizeLimitExceeded/);
        assert.match(error.detail ?? '', /olcLimits: group\/groupOfNames="<helpdesk group DN>" size\.prtotal=unlimited/);
        return true;
      },
    );
    assert.ok(read <= 50, `pages of ${pageSize}: at most the limit was handed on (${read})`);
    await assert.rejects(feed.readIds(async () => undefined), { code: 'DIRECTORY_READ_LIMITED' }, 'readIds too');
  }
  slapdSizeLimit(null);
  assert.ok(await ctx.feed.readAll(async () => undefined), 'without the limit the read goes through');
});
