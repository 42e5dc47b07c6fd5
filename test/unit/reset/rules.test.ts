import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TENANT_EXTRAS } from '../../../main/domain/types';
import fc from 'fast-check';
import type { DirectoryUser, TenantSettings } from '../../../main/domain/types';
import { decideReset, passwordModeOf, type ActorView } from '../../../main/reset/rules';

function user(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id: 'target-1',
    upn: 'alex@contoso.com',
    displayName: 'Alex Target',
    givenName: 'Alex',
    surname: 'Target',
    mail: null,
    mobilePhone: null,
    businessPhone: null,
    contactMethods: [],
    department: null,
    jobTitle: null,
    source: 'cloud',
    userType: 'member',
    guestHome: null,
    domain: 'contoso.com',
    domainType: 'managed',
    adminCount: 0,
    roles: [],
    enabled: true,
    locked: false,
    lockedUntil: null,
    failedAttempts: 0,
    lockoutCount: 0,
    forceChangeNextSignIn: false,
    passwordNeverExpires: false,
    passwordLastSet: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function tenant(overrides: Partial<TenantSettings> = {}): TenantSettings {
  return {
    tenantId: 'tenant-1',
    name: 'Contoso',
    domains: [{ name: 'contoso.com', type: 'managed', isDefault: true }],
    passwordWriteback: true,
    temporaryPasswordLifetimeDays: null,
    passwordPolicy: { minLength: 8, maxLength: 256, requiredCategories: 3 },
    lockoutPolicy: { threshold: 10, durationSeconds: 60 }, ...DEFAULT_TENANT_EXTRAS,
    ...overrides,
  };
}

const actor = (...roles: string[]): ActorView => ({ id: 'agent-1', roles });
const helpdesk = actor('Helpdesk Administrator');
const globalAdmin = actor('Global Administrator');

/** An on-premises user that passes every target-state check (managed domain, writeback on, adminCount 0). */
const onPrem = (o: Partial<DirectoryUser> = {}) => user({ source: 'onPremises', domainType: 'managed', adminCount: 0, ...o });

test('SELF_RESET: nobody admin-resets their own password, whatever the role', () => {
  const me = user({ id: 'agent-1' });
  assert.deepEqual(decideReset(globalAdmin, me, tenant()), { allowed: false, code: 'SELF_RESET' });
  // Different id, same otherwise: allowed.
  assert.equal(decideReset(globalAdmin, user({ id: 'agent-2' }), tenant()).allowed, true);
});

test('INSUFFICIENT_ROLE: an actor with no resetting role', () => {
  for (const roles of [[], ['Directory Readers'], ['Groups Administrator', 'Privileged Role Administrator']]) {
    const v = decideReset(actor(...roles), user(), tenant());
    assert.equal(v.allowed, false, roles.join());
    assert.equal(!v.allowed && v.code, 'INSUFFICIENT_ROLE');
  }
});

test('INSUFFICIENT_ROLE: an uncovered target role is named in detail', () => {
  const v = decideReset(helpdesk, user({ roles: ['Authentication Administrator'] }), tenant());
  assert.equal(v.allowed, false);
  assert.ok(!v.allowed);
  assert.equal(v.code, 'INSUFFICIENT_ROLE');
  assert.match(v.detail ?? '', /Authentication Administrator/);

  const mixed = decideReset(helpdesk, user({ roles: ['Reports Reader', 'Global Administrator'] }), tenant());
  assert.ok(!mixed.allowed);
  assert.equal(mixed.code, 'INSUFFICIENT_ROLE');
  assert.match(mixed.detail ?? '', /Global Administrator/);
  assert.doesNotMatch(mixed.detail ?? '', /Reports Reader/, 'a covered role is not listed');
});

for (const guestHome of ['otherTenant', 'microsoftAccount', 'google'] as const) {
  test(`NOT_HOME_TENANT: a guest whose home is ${guestHome}`, () => {
    const v = decideReset(globalAdmin, user({ userType: 'guest', guestHome }), tenant());
    assert.deepEqual(v, { allowed: false, code: 'NOT_HOME_TENANT' });
  });
}

test('a local guest (guestHome null) can be reset like a member', () => {
  const v = decideReset(helpdesk, user({ userType: 'guest', guestHome: null }), tenant());
  assert.deepEqual(v, { allowed: true, passwordMode: 'generated' });
});

test('EXTERNAL_AUTHORITY: source External Azure AD', () => {
  const v = decideReset(globalAdmin, user({ source: 'externalAzureAD' }), tenant());
  assert.deepEqual(v, { allowed: false, code: 'EXTERNAL_AUTHORITY' });
});

test('FEDERATED_DOMAIN: an on-premises user in a federated domain', () => {
  const v = decideReset(globalAdmin, onPrem({ domainType: 'federated' }), tenant());
  assert.deepEqual(v, { allowed: false, code: 'FEDERATED_DOMAIN' });
});

test('WRITEBACK_DISABLED: on-premises, managed, writeback off', () => {
  const v = decideReset(globalAdmin, onPrem(), tenant({ passwordWriteback: false }));
  assert.deepEqual(v, { allowed: false, code: 'WRITEBACK_DISABLED' });
});

test('ADMIN_COUNT: on-premises, managed, writeback on, adminCount 1', () => {
  const v = decideReset(globalAdmin, onPrem({ adminCount: 1 }), tenant({ passwordWriteback: true }));
  assert.deepEqual(v, { allowed: false, code: 'ADMIN_COUNT' });
});

test('adminCount 1 on a cloud user does not block (it is an on-premises AD attribute)', () => {
  const v = decideReset(helpdesk, user({ source: 'cloud', adminCount: 1 }), tenant());
  assert.deepEqual(v, { allowed: true, passwordMode: 'generated' });
});

test('writeback off does not matter for cloud users', () => {
  assert.deepEqual(decideReset(helpdesk, user(), tenant({ passwordWriteback: false })), {
    allowed: true,
    passwordMode: 'generated',
  });
});

test('allowed: cloud → generated, on-premises → typed', () => {
  assert.deepEqual(decideReset(helpdesk, user({ source: 'cloud' }), tenant()), {
    allowed: true,
    passwordMode: 'generated',
  });
  assert.deepEqual(decideReset(helpdesk, onPrem(), tenant({ passwordWriteback: true })), {
    allowed: true,
    passwordMode: 'typed',
  });
});

test('order: federated before writeback before adminCount', () => {
  const all = onPrem({ domainType: 'federated', adminCount: 1 });
  assert.deepEqual(decideReset(globalAdmin, all, tenant({ passwordWriteback: false })), {
    allowed: false,
    code: 'FEDERATED_DOMAIN',
  });
  assert.deepEqual(decideReset(globalAdmin, onPrem({ adminCount: 1 }), tenant({ passwordWriteback: false })), {
    allowed: false,
    code: 'WRITEBACK_DISABLED',
  });
});

test('order: self-reset first, even for a guest or an uncovered role', () => {
  const v = decideReset(actor('Password Administrator'), user({ id: 'agent-1', userType: 'guest', guestHome: 'google', roles: ['Global Administrator'] }), tenant());
  assert.deepEqual(v, { allowed: false, code: 'SELF_RESET' });
});

test('order: target-state reasons come before role coverage', () => {
  const pa = actor('Password Administrator');
  assert.deepEqual(
    decideReset(pa, user({ userType: 'guest', guestHome: 'otherTenant', roles: ['Global Administrator'] }), tenant()),
    { allowed: false, code: 'NOT_HOME_TENANT' },
  );
  assert.deepEqual(decideReset(pa, user({ source: 'externalAzureAD', roles: ['Global Administrator'] }), tenant()), {
    allowed: false,
    code: 'EXTERNAL_AUTHORITY',
  });
  assert.deepEqual(
    decideReset(pa, onPrem({ adminCount: 1, roles: ['Helpdesk Administrator'] }), tenant({ passwordWriteback: true })),
    { allowed: false, code: 'ADMIN_COUNT' },
  );
});

test('order: an actor with no resetting role gets INSUFFICIENT_ROLE even for a foreign guest', () => {
  const v = decideReset(actor('Reports Reader'), user({ userType: 'guest', guestHome: 'microsoftAccount' }), tenant());
  assert.ok(!v.allowed);
  assert.equal(v.code, 'INSUFFICIENT_ROLE');
  const ext = decideReset(actor(), onPrem({ domainType: 'federated' }), tenant());
  assert.ok(!ext.allowed);
  assert.equal(ext.code, 'INSUFFICIENT_ROLE');
});

const ROLE_POOL = [
  'Global Administrator',
  'Privileged Authentication Administrator',
  'Privileged Role Administrator',
  'User Administrator',
  'Groups Administrator',
  'Authentication Administrator',
  'Helpdesk Administrator',
  'Password Administrator',
  'Directory Readers',
  'Guest Inviter',
  'Reports Reader',
  'Exchange Administrator',
];

test('property: an allowed reset never targets a foreign guest, an External Azure AD user, or a blocked synced user', () => {
  const targetArb = fc.record({
    id: fc.constantFrom('t1', 't2', 'agent-1'),
    source: fc.constantFrom('cloud', 'onPremises', 'externalAzureAD' as const),
    userType: fc.constantFrom('member', 'guest' as const),
    guestHome: fc.constantFrom(null, 'otherTenant', 'microsoftAccount', 'google' as const),
    domainType: fc.constantFrom('managed', 'federated' as const),
    adminCount: fc.constantFrom(0, 1 as const),
    roles: fc.uniqueArray(fc.constantFrom(...ROLE_POOL), { maxLength: 3 }),
  });
  const actorRoles = fc.uniqueArray(fc.constantFrom(...ROLE_POOL), { maxLength: 3 });
  fc.assert(
    fc.property(targetArb, actorRoles, fc.boolean(), (t, roles, writeback) => {
      const target = user(t as Partial<DirectoryUser>);
      const v = decideReset(actor(...roles), target, tenant({ passwordWriteback: writeback }));
      if (!v.allowed) return;
      assert.notEqual(target.id, 'agent-1');
      assert.ok(!(target.userType === 'guest' && target.guestHome !== null), 'foreign guest allowed');
      assert.notEqual(target.source, 'externalAzureAD');
      if (target.source === 'onPremises') {
        assert.equal(target.domainType, 'managed');
        assert.equal(writeback, true);
        assert.equal(target.adminCount, 0);
        assert.equal(v.passwordMode, 'typed');
      } else {
        assert.equal(v.passwordMode, 'generated');
      }
    }),
    { numRuns: 500 },
  );
});

test('written to the source (AD, OpenLDAP): an on-premises user takes a generated or a typed password; a cloud user only a generated one', () => {
  const context = { writesToSource: true };
  assert.deepEqual(decideReset(helpdesk, onPrem(), tenant({ passwordWriteback: false }), context), { allowed: true, passwordMode: 'either' });
  assert.deepEqual(decideReset(helpdesk, user({ source: 'cloud' }), tenant(), context), { allowed: true, passwordMode: 'generated' });
  assert.equal(passwordModeOf(onPrem(), context), 'either');
  assert.equal(passwordModeOf(onPrem()), 'typed');
  assert.equal(passwordModeOf(user({ source: 'cloud' }), context), 'generated');
});
