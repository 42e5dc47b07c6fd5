import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  SAMPLE_DOMAINS,
  SAMPLE_EXAMPLES,
  SECURITY_ADMINISTRATOR,
  buildSampleTenant,
  createPrng,
  sampleTenant,
} from '../../../main/app/sample/sample';
import type { CollectedSampleTenant as SampleTenant, NewUser } from '../../../main/app/sample/sample';
import { SAMPLE_SIZE } from '../../../main/domain/validation';
import { ROLES } from '../../../main/domain/roles';
import { AUTH_METHOD_KINDS, DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY, GUEST_HOMES, SOURCES, USER_TYPES } from '../../../main/domain/types';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const build = (size: number, seed = 7, now = NOW): SampleTenant => buildSampleTenant({ size, seed, now });
const byUpn = (tenant: SampleTenant, upn: string): NewUser => {
  const user = tenant.users.find((u) => u.upn === upn);
  assert.ok(user, `no user ${upn}`);
  return user;
};
const domainOf = (upn: string): string => upn.slice(upn.lastIndexOf('@') + 1);
const isExt = (upn: string): boolean => upn.includes('#EXT#@');

describe('createPrng', () => {
  it('is deterministic per seed, stays in [0, 1) and differs between seeds', () => {
    const a = createPrng(123);
    const b = createPrng(123);
    const c = createPrng(124);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(Array.from({ length: 1000 }, () => b()), xs);
    assert.notDeepEqual(Array.from({ length: 1000 }, () => c()), xs);
    for (const x of xs) assert.ok(x >= 0 && x < 1, `out of range: ${x}`);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(mean > 0.45 && mean < 0.55, `mean ${mean}`);
  });

  it('rejects non-finite seeds', () => {
    assert.throws(() => createPrng(Number.NaN), RangeError);
  });
});

describe('buildSampleTenant', () => {
  it('is deterministic for the same (size, seed, now)', () => {
    assert.deepEqual(build(200, 42), build(200, 42));
  });

  it('depends on now only through lockedUntil', () => {
    const a = build(200, 42, NOW);
    const b = build(200, 42, new Date(NOW.getTime() + 86_400_000));
    const strip = (t: SampleTenant) => ({ ...t, users: t.users.map((u) => ({ ...u, lockedUntil: u.lockedUntil !== null })) });
    assert.deepEqual(strip(a), strip(b));
    assert.notDeepEqual(a.users.map((u) => u.lockedUntil), b.users.map((u) => u.lockedUntil));
  });

  it('gives different users for different seeds', () => {
    const a = build(200, 1);
    const b = build(200, 2);
    assert.notEqual(a.settings.tenantId, b.settings.tenantId);
    assert.notDeepEqual(a.users.map((u) => u.id), b.users.map((u) => u.id));
    assert.notDeepEqual(a.users.map((u) => u.upn), b.users.map((u) => u.upn));
  });

  it('has exactly size users, at the minimum size too', () => {
    for (const size of [SAMPLE_SIZE.min, SAMPLE_SIZE.min + 1, 57, 500, 1000]) {
      assert.equal(build(size).users.length, size);
      assert.equal(build(size).size, size);
    }
  });

  it('builds up to the million users init --sample accepts', () => {
    assert.equal(SAMPLE_SIZE.max, 1_000_000);
    assert.equal(sampleTenant({ size: SAMPLE_SIZE.max, seed: 1, now: NOW }).size, SAMPLE_SIZE.max);
    assert.throws(() => sampleTenant({ size: SAMPLE_SIZE.max + 1, seed: 1, now: NOW }), RangeError);
  });

  it('needs its agents and example users: SAMPLE_SIZE.min, what the CLI and IPC accept, is exactly that many', () => {
    assert.equal(SAMPLE_SIZE.min, Object.keys(ROLES).length + Object.keys(SAMPLE_EXAMPLES).length);
    const smallest = build(SAMPLE_SIZE.min);
    assert.equal(smallest.agents.length + Object.keys(SAMPLE_EXAMPLES).length, SAMPLE_SIZE.min, 'no generated user at the minimum');
  });

  it('refuses sizes below SAMPLE_SIZE.min and non-integer sizes with a RangeError', () => {
    for (const size of [SAMPLE_SIZE.min - 1, 0, -5, 100.5, Number.NaN]) {
      assert.throws(() => build(size), (err: unknown) => err instanceof RangeError && /Sample size/.test(err.message), `size ${size}`);
    }
    assert.throws(() => buildSampleTenant({ size: 100, seed: 1, now: new Date('nope') }), RangeError);
  });

  it('describes the Contoso tenant', () => {
    const { settings } = build(100);
    assert.equal(settings.name, 'Contoso');
    assert.match(settings.tenantId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(settings.domains, [
      { name: 'contoso.com', type: 'managed', isDefault: true },
      { name: 'contoso.onmicrosoft.com', type: 'managed', isDefault: false },
      { name: 'corp.contoso.com', type: 'managed', isDefault: false },
      { name: 'partners.contoso.com', type: 'federated', isDefault: false },
    ]);
    assert.equal(settings.passwordWriteback, true);
    assert.equal(settings.temporaryPasswordLifetimeDays, null);
    assert.deepEqual(settings.passwordPolicy, DEFAULT_PASSWORD_POLICY);
    assert.deepEqual(settings.lockoutPolicy, DEFAULT_LOCKOUT_POLICY);
  });

  for (const seed of [1, 2, 3]) {
    it(`keeps UPNs unique case-insensitively and ids unique and UUID-shaped (seed ${seed})`, () => {
      const { users } = build(1000, seed);
      assert.equal(new Set(users.map((u) => u.upn.toLowerCase())).size, users.length);
      assert.equal(new Set(users.map((u) => u.id)).size, users.length);
      for (const u of users) assert.match(u.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  }

  it('has one agent per role, a Security Administrator among them, each a clean cloud member in IT', () => {
    const tenant = build(SAMPLE_SIZE.min);
    const wanted: string[] = Object.values(ROLES);
    assert.ok(wanted.includes(SECURITY_ADMINISTRATOR), 'the "any other role" agent');
    assert.equal(tenant.agents.length, wanted.length);
    for (const role of wanted) {
      const holders = tenant.agents.filter((a) => a.roles.includes(role));
      assert.equal(holders.length, 1, `holders of ${role}`);
      const agent = holders[0];
      assert.ok(agent);
      const user = byUpn(tenant, agent.upn);
      assert.deepEqual(user.roles, agent.roles);
      assert.ok(user.roles.includes(role));
      assert.equal(domainOf(user.upn), 'contoso.com');
      assert.equal(user.source, 'cloud');
      assert.equal(user.userType, 'member');
      assert.equal(user.enabled, true);
      assert.equal(user.lockedUntil, null);
      assert.equal(user.forceChangeNextSignIn, false);
      assert.equal(user.adminCount, 0);
      assert.equal(user.department, 'IT');
      assert.ok(user.jobTitle);
      assert.ok(user.authMethods.length >= 2, `${user.upn} needs two methods`);
    }
    assert.equal(byUpn(tenant, 'password.admin@contoso.com').roles[0], ROLES.passwordAdministrator);
    assert.equal(byUpn(tenant, 'security.admin@contoso.com').roles[0], SECURITY_ADMINISTRATOR);
    const nonAgentRoleHolders = tenant.users.filter((u) => u.roles.length > 0 && !tenant.agents.some((a) => a.upn === u.upn));
    assert.deepEqual(nonAgentRoleHolders, []);
  });

  it('has every SAMPLE_EXAMPLES user with the promised attributes', () => {
    const t = build(SAMPLE_SIZE.min, 99);
    const E = SAMPLE_EXAMPLES;
    const clean = (u: NewUser) => {
      assert.equal(u.enabled, true, u.upn);
      assert.equal(u.lockedUntil, null, u.upn);
      assert.deepEqual(u.roles, [], u.upn);
    };

    const cloud = byUpn(t, E.cloudMember);
    assert.deepEqual([cloud.source, cloud.userType, cloud.guestHome, cloud.adminCount], ['cloud', 'member', null, 0]);
    clean(cloud);
    assert.ok(cloud.authMethods.length > 0);

    for (const [upn, domain] of [[E.syncedManaged, 'corp.contoso.com'], [E.syncedFederated, 'partners.contoso.com']] as const) {
      const u = byUpn(t, upn);
      assert.deepEqual([u.source, u.userType, domainOf(u.upn), u.adminCount, u.passwordNeverExpires], ['onPremises', 'member', domain, 0, false]);
      clean(u);
    }
    const protectedUser = byUpn(t, E.syncedAdminCount);
    assert.deepEqual([protectedUser.source, domainOf(protectedUser.upn), protectedUser.adminCount], ['onPremises', 'corp.contoso.com', 1]);
    clean(protectedUser);
    const neverExpires = byUpn(t, E.passwordNeverExpiresSynced);
    assert.deepEqual([neverExpires.source, neverExpires.passwordNeverExpires, neverExpires.adminCount], ['onPremises', true, 0]);
    assert.equal(domainOf(neverExpires.upn), 'corp.contoso.com');

    const guests = [
      [E.guestOtherTenant, 'otherTenant', 'alice@fabrikam.com', 'Alice Ciccu (Fabrikam)'],
      [E.guestMicrosoftAccount, 'microsoftAccount', 'bob.kelly@outlook.com', 'Bob Kelly (Outlook.com)'],
      [E.guestGoogle, 'google', 'carol.smith@gmail.com', 'Carol Smith (Gmail)'],
    ] as const;
    for (const [upn, home, mail, displayName] of guests) {
      const g = byUpn(t, upn);
      assert.deepEqual([g.userType, g.guestHome, g.mail, g.displayName, g.source], ['guest', home, mail, displayName, 'cloud']);
      assert.equal(g.upn, `${mail.replace('@', '_')}#EXT#@contoso.onmicrosoft.com`);
      assert.equal(g.passwordLastSet, null);
      assert.deepEqual(g.authMethods, []);
    }
    assert.equal(E.guestOtherTenant, 'alice_fabrikam.com#EXT#@contoso.onmicrosoft.com');

    const local = byUpn(t, E.localGuest);
    assert.deepEqual([local.userType, local.guestHome, local.source, domainOf(local.upn)], ['guest', null, 'cloud', 'contoso.com']);
    clean(local);

    const external = byUpn(t, E.externalAzureAD);
    assert.deepEqual([external.source, external.userType, external.guestHome], ['externalAzureAD', 'member', null]);
    assert.ok(isExt(external.upn) && external.upn.startsWith('henrietta.mueller_northwind.com#EXT#@'));

    const disabled = byUpn(t, E.disabled);
    assert.deepEqual([disabled.source, disabled.userType, disabled.enabled, disabled.lockedUntil], ['cloud', 'member', false, null]);

    const locked = byUpn(t, E.locked);
    assert.deepEqual([locked.source, locked.enabled, locked.failedAttempts, locked.lockoutCount], ['cloud', true, 0, 1]);
    assert.equal(locked.lockedUntil, new Date(NOW.getTime() + 3_600_000).toISOString());

    const unregistered = byUpn(t, E.unregistered);
    assert.deepEqual([unregistered.source, unregistered.userType, unregistered.authMethods], ['cloud', 'member', []]);
    clean(unregistered);
  });

  it('keeps the example users identical whatever the size', () => {
    const small = build(SAMPLE_SIZE.min, 5);
    const large = build(800, 5);
    for (const upn of Object.values(SAMPLE_EXAMPLES)) assert.deepEqual(byUpn(large, upn), byUpn(small, upn));
  });

  for (const seed of [1, 2, 3]) {
    it(`keeps every user consistent with the domain rules (seed ${seed})`, () => {
      const t = build(1000, seed);
      const domains = new Set(t.settings.domains.map((d) => d.name));
      const groups = new Set(t.groups.map((g) => g.name));
      for (const u of t.users) {
        assert.ok(domains.has(domainOf(u.upn)), `${u.upn}: unknown domain`);
        assert.ok(SOURCES.includes(u.source) && USER_TYPES.includes(u.userType), u.upn);
        if (u.userType === 'member') assert.equal(u.guestHome, null, `${u.upn}: member with a guest home`);
        if (u.guestHome !== null) assert.ok(GUEST_HOMES.includes(u.guestHome) && u.userType === 'guest', u.upn);
        if (u.userType === 'guest' && isExt(u.upn)) assert.notEqual(u.guestHome, null, `${u.upn}: external guest without a home`);
        if (u.userType === 'guest' && !isExt(u.upn)) assert.equal(u.guestHome, null, `${u.upn}: local guest with a home`);
        const domain = domainOf(u.upn);
        if (u.source === 'onPremises') assert.ok(domain === SAMPLE_DOMAINS.syncedManaged || domain === SAMPLE_DOMAINS.syncedFederated, u.upn);
        else assert.ok(domain !== SAMPLE_DOMAINS.syncedManaged && domain !== SAMPLE_DOMAINS.syncedFederated, u.upn);
        if (u.source === 'externalAzureAD' || u.guestHome !== null) {
          assert.ok(isExt(u.upn) && domain === SAMPLE_DOMAINS.initial, u.upn);
          assert.equal(`${(u.mail ?? '').replace('@', '_')}#EXT#@${SAMPLE_DOMAINS.initial}`.toLowerCase(), u.upn.toLowerCase());
          assert.equal(u.passwordLastSet, null, u.upn);
        } else {
          assert.ok(!isExt(u.upn), u.upn);
          assert.equal(u.mail, u.upn, `${u.upn}: mail`);
          assert.ok(u.givenName && u.surname && u.displayName.includes(u.givenName), u.upn);
        }
        if (u.adminCount === 1) assert.equal(u.source, 'onPremises', u.upn);
        for (const m of u.authMethods) {
          assert.ok(AUTH_METHOD_KINDS.includes(m.kind) && m.kind !== 'securityQuestion', u.upn);
          assert.ok(m.value.length > 0, u.upn);
          if (m.kind === 'alternateEmail') assert.match(m.value, /^[a-z0-9.-]+@[a-z0-9.-]+$/);
          if (m.kind === 'mobilePhone') assert.equal(m.value, u.mobilePhone);
          if (m.kind === 'officePhone') assert.equal(m.value, u.businessPhone);
        }
        for (const phone of [u.mobilePhone, u.businessPhone]) if (phone !== null) assert.match(phone, /^\+\d{1,3}( \d+)+$/);
        for (const g of u.groups) assert.ok(groups.has(g), `${u.upn}: unknown group ${g}`);
        assert.match(u.upn.split('@')[0] ?? '', /^[a-z0-9._#-]+$/i);
        assert.ok(u.createdAt >= '2022-12-01' && u.createdAt <= '2026-01-01T00:00:00.000Z', u.createdAt);
        if (u.passwordLastSet !== null) assert.ok(u.passwordLastSet >= u.createdAt && u.passwordLastSet <= '2026-01-01T00:00:00.000Z');
        if (u.lockedUntil !== null) {
          assert.ok(u.lockedUntil > NOW.toISOString(), `${u.upn} should be locked after now`);
          assert.ok(u.lockoutCount >= 1 && u.enabled, u.upn);
        }
        assert.ok(u.failedAttempts >= 0 && u.failedAttempts < DEFAULT_LOCKOUT_POLICY.threshold, u.upn);
      }
    });
  }

  for (const seed of [1, 2, 3]) {
    it(`has about the intended mix at size 500 (seed ${seed})`, () => {
      const { users } = build(500, seed);
      const share = (pred: (u: NewUser) => boolean) => users.filter(pred).length / users.length;
      const within = (name: string, value: number, lo: number, hi: number) =>
        assert.ok(value >= lo && value <= hi, `${name}: ${(value * 100).toFixed(1)}% not in [${lo * 100}%, ${hi * 100}%]`);
      within('cloud members', share((u) => u.source === 'cloud' && u.userType === 'member'), 0.65, 0.82);
      within('synced managed', share((u) => u.source === 'onPremises' && domainOf(u.upn) === 'corp.contoso.com'), 0.07, 0.14);
      within('synced federated', share((u) => u.source === 'onPremises' && domainOf(u.upn) === 'partners.contoso.com'), 0.03, 0.08);
      within('guests', share((u) => u.userType === 'guest'), 0.03, 0.09);
      within('external Azure AD', share((u) => u.source === 'externalAzureAD'), 0.015, 0.05);
      within('disabled', share((u) => !u.enabled), 0.015, 0.05);
      within('locked', share((u) => u.lockedUntil !== null), 0.015, 0.05);
      within('password never expires', share((u) => u.passwordNeverExpires), 0.03, 0.08);
      within('must change', share((u) => u.forceChangeNextSignIn), 0.01, 0.04);
      within('with a mobile phone', share((u) => u.mobilePhone !== null), 0.6, 0.95);
      const synced = users.filter((u) => u.source === 'onPremises' && domainOf(u.upn) === 'corp.contoso.com');
      within('AdminCount=1 among synced managed', synced.filter((u) => u.adminCount === 1).length / synced.length, 0.03, 0.15);
      for (const home of GUEST_HOMES) assert.ok(users.some((u) => u.guestHome === home), `no ${home} guest`);
      for (const source of ['cloud', 'onPremises'] as const) {
        assert.ok(users.some((u) => u.source === source && !u.enabled), `no disabled ${source} user`);
      }
      const departments = new Set(users.map((u) => u.department).filter((d) => d !== null));
      assert.ok(departments.size >= 12, `departments: ${departments.size}`);
      const methodKinds = new Set(users.flatMap((u) => u.authMethods.map((m) => m.kind)));
      assert.deepEqual([...methodKinds].sort(), ['alternateEmail', 'authenticatorApp', 'mobilePhone', 'officePhone']);
      assert.ok(new Set(users.map((u) => u.givenName)).size > 100, 'names should vary');
    });
  }
});

/** V8's own collector, reachable without --expose-gc on the test command line. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('sampleTenant streams its users', () => {
  it('makes nothing up front: a million-user tenant hands out its first users and can stop there', () => {
    const tenant = sampleTenant({ size: 1_000_000, seed: 7, now: NOW });
    const first: NewUser[] = [];
    for (const user of tenant.users()) {
      first.push(user);
      if (first.length === 2000) break; // leaves the rest of the million unmade
    }
    const agentUpns = tenant.agents.map((a) => a.upn);
    assert.deepEqual(first.slice(0, agentUpns.length).map((u) => u.upn), agentUpns, 'the agents come first');
    const examples = new Set<string>(Object.values(SAMPLE_EXAMPLES));
    assert.ok(first.slice(agentUpns.length, SAMPLE_SIZE.min).every((u) => examples.has(u.upn)), 'then the example users');
    assert.equal(new Set(first.map((u) => u.upn.toLowerCase())).size, first.length);
    // The same first users as a small sample of the same seed: the agents and examples do not depend on the size.
    const small = build(SAMPLE_SIZE.min, 7);
    assert.deepEqual(first.slice(0, SAMPLE_SIZE.min), small.users);
  });

  it('yields the same users on every read, and each reader gets its own copies', () => {
    const tenant = sampleTenant({ size: 300, seed: 11, now: NOW });
    const a = [...tenant.users()];
    const b = [...tenant.users()];
    assert.deepEqual(a, b);
    assert.notEqual(a[0], b[0]);
    assert.equal(a.length, 300);
  });

  it('keeps no user it has handed out, so a million never sit in memory at once', async () => {
    const iterator = sampleTenant({ size: 5000, seed: 3, now: NOW }).users()[Symbol.iterator]();
    const made: WeakRef<NewUser>[] = [];
    for (let i = 0; i < 4000; i++) {
      const step = iterator.next();
      assert.ok(step.done !== true);
      made.push(new WeakRef(step.value));
    }
    await new Promise((resolve) => setImmediate(resolve)); // WeakRef targets stay alive until the current job ends
    collectGarbage();
    const alive = made.filter((ref) => ref.deref() !== undefined).length;
    // The last one or two may be pinned by the generator's frame or the engine's caches; a builder
    // that kept its users (in an array, a map of UPNs to users...) would still hold all 4,000.
    assert.ok(alive < 40, `${alive} of the 4,000 users read so far are still held`);
    let rest = 0;
    for (let step = iterator.next(); step.done !== true; step = iterator.next()) rest++;
    assert.equal(rest, 1000, 'the iteration goes on where it stopped');
  });
});
