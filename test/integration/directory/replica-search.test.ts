/**
 * A replica of a real directory is searched by the embedded search's own range
 * scans (issue 18): the same users loaded into a replica (replica-store.ts)
 * answer every query and filter exactly as the embedded file holding them
 * does, page after page; replicas of two profiles never mix; a build is not
 * searched until it finishes, and then replaces the old one whole; changes
 * (added, renamed, removed, roles) are found by their new keys only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ReplicaStore } from '../../../main/directory/sqlite/replica-store';
import { LOCKED_NO_END, replicaRowOf, replicaSummary } from '../../../main/directory/sqlite/replica-rows';
import { userKeys } from '../../../main/directory/sqlite/search-keys';
import { replicaTables } from '../../../main/directory/sqlite/search-tables';
import { UserSearch } from '../../../main/directory/sqlite/search';
import { toPublicUser } from '../../../main/directory/sqlite/users-repo';
import type { DirectoryUser, UserSummary } from '../../../main/domain/types';
import type { UserFilter } from '../../../main/domain/user-filter';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';

const QUERIES = ['', 'a', 'ma', 'adele', 'sofia g', 'sales', 'lee gu', 'adele.vance@contoso.com', 'engineering manager', '425', '0101', 'zzqx', '@contoso'];
const FILTERS: (UserFilter | undefined)[] = [undefined, { locked: true }, { disabled: true }, { guests: true }, { admins: true }, { source: 'onPremises' }];

function everything(search: UserSearch, query: string, now: number, filter?: UserFilter, limit = 50): UserSummary[] {
  const all: UserSummary[] = [];
  for (let offset = 0; ; offset += limit) {
    const { users } = search.search(query, { limit, offset }, now, filter);
    all.push(...users);
    if (users.length < limit) return all;
  }
}

/** The list row without the mail, which the embedded list masks where it is also a verification method. */
const row = ({ mail: _mail, ...rest }: UserSummary) => rest;

describe('replica search', () => {
  let fx: SampleFixture;
  let users: DirectoryUser[];
  let replicas: ReplicaStore;
  let now: number;
  before(async () => {
    fx = await sampleDirectory({ size: 1500, seed: 5 });
    now = fx.clock();
    const ids = fx.store.db.prepare('SELECT object_id FROM users ORDER BY rowid').pluck().all() as string[];
    users = ids.map((id) => {
      const record = fx.store.users.byId(id, now)!;
      // What an LDAP mapping hands the replica: the fields as the directory holds them.
      return { ...toPublicUser(record), mail: record.mail, mobilePhone: record.mobilePhone, businessPhone: record.businessPhone };
    });
    replicas = new ReplicaStore(fx.store.db);
  });
  after(() => fx.close());

  function build(profile: string, list: DirectoryUser[], cursor = 'c1'): number {
    const build = replicas.startBuild(profile, now);
    for (let at = 0; at < list.length; at += 400) build.add(list.slice(at, at + 400));
    build.finish(cursor, now);
    return replicas.live(profile)!.id;
  }

  it('answers every query and filter as the embedded search over the same users, page after page', () => {
    const id = build('corp', users);
    assert.equal(replicas.live('corp')!.users, users.length);
    const embedded = new UserSearch(fx.store.db);
    const replica = new UserSearch(fx.store.db, replicaTables(id));
    for (const query of QUERIES) {
      for (const filter of FILTERS) {
        const label = `"${query}" ${JSON.stringify(filter ?? {})}`;
        const expected = everything(embedded, query, now, filter);
        const found = everything(replica, query, now, filter, 7);
        const byId = (list: UserSummary[]) => (query === '' ? [...list].sort((a, b) => a.id.localeCompare(b.id)) : list);
        // An empty query lists by folded name in the replica, by display name in the embedded file: the same users.
        assert.deepEqual(byId(found).map(row), byId(expected).map(row), label);
        assert.deepEqual(
          replica.search(query, { limit: 20, offset: 0 }, now, filter).total,
          embedded.search(query, { limit: 20, offset: 0 }, now, filter).total,
          `${label}: the count`,
        );
      }
    }
  });

  it('keeps two profiles apart, and searches a build only once it has finished, replacing the old one whole', () => {
    const first = replicas.live('corp')!.id;
    const other = build('lab', users.slice(0, 10));
    const lab = new UserSearch(fx.store.db, replicaTables(other));
    assert.equal(lab.search('', { limit: 50, offset: 0 }, now).total.count, 10, "the other profile's replica holds its own ten");
    const next = replicas.startBuild('corp', now);
    next.add(users.slice(0, 3));
    assert.equal(replicas.live('corp')!.id, first, 'search stays on the live replica while a new one is read');
    next.finish('c2', now);
    const live = replicas.live('corp')!;
    assert.deepEqual([live.id, live.users, live.cursor], [next.id, 3, 'c2']);
    assert.equal(new UserSearch(fx.store.db, replicaTables(live.id)).search('', { limit: 50, offset: 0 }, now).total.count, 3);
    while (replicas.purgeRetired());
    const overtaken = replicas.startBuild('corp', now);
    overtaken.add(users.slice(0, 2));
    replicas.startBuild('corp', now).abandon(); // a second writer's build retires the first
    assert.throws(() => overtaken.finish('c9', now), /Another read of the directory replaced this one/);
    assert.equal(replicas.live('corp')!.id, next.id, 'the build that was overtaken never goes live');
    while (replicas.purgeRetired());
    const left = fx.store.db.prepare('SELECT count(*) FROM replica_users WHERE replica_id = ?').pluck();
    assert.equal(left.get(first), 0, 'the replaced replica is deleted');
    assert.equal(fx.store.db.prepare('SELECT count(*) FROM replica_search_keys WHERE replica_id = ?').pluck().get(first), 0);
    assert.equal(left.get(other), 10, "and nothing of the other profile's");
  });

  it('applies changes: a user added, renamed and removed is found by the new name only, and roles follow the holders', () => {
    const id = build('corp', users.slice(0, 200), 'c3');
    const search = new UserSearch(fx.store.db, replicaTables(id));
    const find = (query: string) => search.search(query, { limit: 50, offset: 0 }, now).users.map((u) => u.id);
    const renamed = { ...users[0]!, displayName: 'Quillon Marchbanks', givenName: 'Quillon', surname: 'Marchbanks' };
    const added = users[300]!;
    const removed = users[1]!;
    const counts = replicas.applyChanges(id, { changed: [renamed, added], removedIds: [removed.id] });
    assert.deepEqual(counts, { added: 1, changed: 1, removed: 1 });
    assert.deepEqual(find('quillon'), [renamed.id]);
    assert.deepEqual(find('marchbanks'), [renamed.id]);
    assert.ok(!find(users[0]!.displayName).includes(renamed.id), 'not under the old name');
    assert.ok(find(added.upn).includes(added.id));
    assert.ok(!find(removed.upn).includes(removed.id));
    assert.equal(replicas.live('corp')!.users, 200);
    assert.deepEqual(replicas.applyChanges(id, { changed: [renamed], removedIds: [] }), { added: 0, changed: 0, removed: 0 }, 'an unchanged user writes nothing');

    const admin = { ...users[5]!, roles: ['Helpdesk Administrator'] };
    replicas.applyChanges(id, { changed: [], removedIds: [], roleHolders: [admin] });
    const admins = () => search.search('', { limit: 300, offset: 0 }, now, { admins: true }).users.map((u) => u.id);
    assert.deepEqual(admins(), [admin.id], 'anyone else holds no role any more');
  });

  it('retires a profile\'s replica when the profile is changed or removed: the old server\'s copy never answers for the new', async () => {
    build('moved', users.slice(0, 5));
    replicas.fail('moved', 'DIRECTORY_UNREACHABLE', null, now, () => now + 1);
    await fx.store.stores.profiles.add({ name: 'moved', type: 'openldap', config: {} }, now);
    await fx.store.stores.profiles.replace({ name: 'moved', type: 'openldap', config: { baseDn: 'dc=other' } }, now);
    assert.equal(replicas.live('moved'), null, 'changed: no live replica until the next full read');
    assert.equal(replicas.failure('moved'), null);
    build('moved', users.slice(0, 5));
    await fx.store.stores.profiles.remove('moved');
    assert.equal(replicas.live('moved'), null, 'removed');
  });

  it('finds deletions by comparing every id the directory holds', () => {
    const id = replicas.live('corp')!.id;
    const comparison = replicas.compareIds(id);
    const held = fx.store.db.prepare('SELECT object_id FROM replica_users WHERE replica_id = ?').pluck().all(id) as string[];
    comparison.see(held.slice(2));
    const gone = comparison.gone();
    assert.deepEqual(gone.sort(), held.slice(0, 2).sort());
    assert.equal(replicas.remove(id, gone), 2);
    assert.equal(replicas.live('corp')!.users, held.length - 2);
  });

  it("keeps exactly a user's keys: a rename drops the old ones, a removal all, and a page that repeats a user writes it once", () => {
    const id = build('keys', [...users.slice(0, 20), users[3]!]);
    assert.equal(replicas.live('keys')!.users, 20, 'the repeated entry counted once');
    const keysOf = (objectId: string) =>
      fx.store.db
        .prepare('SELECT k.key FROM replica_search_keys k JOIN replica_users u ON u.rowid = k.user_rowid WHERE u.replica_id = ? AND u.object_id = ? ORDER BY 1')
        .pluck()
        .all(id, objectId) as string[];
    const renamed = { ...users[3]!, displayName: 'Ysolde Brannigan', givenName: 'Ysolde', surname: 'Brannigan', department: 'Cartography' };
    replicas.applyChanges(id, { changed: [renamed], removedIds: [] });
    const expected = [...new Set(userKeys(renamed))].sort();
    assert.deepEqual(keysOf(renamed.id), expected, 'the new keys, and none of the old');
    replicas.remove(id, [renamed.id]);
    const orphans = fx.store.db.prepare(`SELECT count(*) FROM replica_search_keys k WHERE k.replica_id = ?
      AND NOT EXISTS (SELECT 1 FROM replica_users u WHERE u.rowid = k.user_rowid)`);
    assert.equal(orphans.pluck().get(id), 0, 'no key left without its user');
    assert.deepEqual(keysOf(renamed.id), []);
  });

  it('counts what changed: role holders taken off, removals, and failures in a row with their backoff', () => {
    const id = build('counts', users.slice(0, 30).map((u, i) => (i < 3 ? { ...u, roles: ['Helpdesk Administrator'] } : { ...u, roles: [] })));
    const kept = { ...users[0]!, roles: ['Helpdesk Administrator'] };
    assert.deepEqual(replicas.applyChanges(id, { changed: [], removedIds: [users[29]!.id, 'not-there'], roleHolders: [kept] }), { added: 0, changed: 2, removed: 1 });
    assert.equal(replicas.live('counts')!.users, 29);
    const first = replicas.fail('counts', 'DIRECTORY_UNREACHABLE', null, 1000, (n) => 1000 + n);
    const second = replicas.fail('counts', 'DIRECTORY_READ_LIMITED', 'olcLimits', 2000, (n) => 2000 + n * 10);
    assert.deepEqual([first.failures, second.failures, second.retryAt], [1, 2, 2020]);
    assert.deepEqual(replicas.failure('counts'), { code: 'DIRECTORY_READ_LIMITED', detail: 'olcLimits', failedAt: 2000, failures: 2, retryAt: 2020 });
    replicas.recovered('counts');
    assert.equal(replicas.failure('counts'), null);
    assert.equal(replicas.fail('counts', 'DIRECTORY_UNREACHABLE', null, 3000, (n) => n).failures, 1, 'a success starts the count again');
  });

  it('deletes a replaced replica whole, its row last', () => {
    const old = build('purge', users.slice(0, 5));
    build('purge', users.slice(0, 2));
    while (replicas.purgeRetired());
    assert.equal(fx.store.db.prepare('SELECT count(*) FROM replicas WHERE id = ?').pluck().get(old), 0);
    assert.equal(replicas.purgeRetired(), false, 'nothing left to do');
  });

  it('shows a lock as the directory mapped it: until its end, or until an administrator unlocks', () => {
    const at = Date.parse('2026-12-07T10:00:00Z');
    const until = { ...users[0]!, locked: true, lockedUntil: '2026-12-07T10:30:00.000Z', roles: ['b', 'a'] };
    const row = replicaRowOf(until);
    assert.equal(row.roles_json, '["a","b"]', 'roles sorted');
    const summary = (now: number, r = row) => replicaSummary({ ...r, admin_count: 0 }, now);
    assert.deepEqual([summary(at).locked, summary(at).lockedUntil], [true, '2026-12-07T10:30:00.000Z']);
    assert.deepEqual([summary(Date.parse('2026-12-07T10:30:00Z')).locked, summary(at + 3_600_000).lockedUntil], [false, null], 'over at its end');
    const noEnd = replicaRowOf({ ...until, lockedUntil: null });
    assert.equal(noEnd.locked_until, LOCKED_NO_END);
    assert.deepEqual([summary(at, noEnd).locked, summary(at, noEnd).lockedUntil], [true, null]);
    assert.equal(replicaRowOf({ ...until, locked: false, lockedUntil: null }).locked_until, null);
    assert.throws(() => replicaTables(0), /not a replica id/);
    assert.throws(() => replicaTables(1.5), /not a replica id/);
  });
});
