import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canResetAnyone, uncoveredRoles } from '../../../main/reset/roles';

/**
 * The password-reset table of Entra's "Privileged roles and permissions", transcribed by hand
 * (role names as strings, not through ROLES) so the module cannot grade itself.
 * Columns: Password Adm, Helpdesk Adm, Authentication Adm, User Adm,
 * Privileged Auth Adm, Global Adm.
 */
const ACTORS = [
  'Password Administrator',
  'Helpdesk Administrator',
  'Authentication Administrator',
  'User Administrator',
  'Privileged Authentication Administrator',
  'Global Administrator',
] as const;

type Row = { cls: string; targets: (string | null)[]; may: [boolean, boolean, boolean, boolean, boolean, boolean] };
const Y = true;
const N = false;

/** null = the target holds no admin role. */
const TABLE: Row[] = [
  { cls: 'T1', targets: [null, 'Directory Readers', 'Guest Inviter', 'Password Administrator'], may: [Y, Y, Y, Y, Y, Y] },
  {
    cls: 'T2',
    targets: ['Message Center Reader', 'Reports Reader', 'Usage Summary Reports Reader', 'User Experience Success Manager'],
    may: [N, Y, Y, Y, Y, Y],
  },
  { cls: 'T3', targets: ['Helpdesk Administrator'], may: [N, Y, N, Y, Y, Y] },
  { cls: 'T4', targets: ['Authentication Administrator'], may: [N, N, Y, N, Y, Y] },
  { cls: 'T5', targets: ['User Administrator', 'Groups Administrator'], may: [N, N, N, Y, Y, Y] },
  {
    cls: 'T6',
    targets: [
      'Global Administrator',
      'Privileged Authentication Administrator',
      'Privileged Role Administrator',
      'Exchange Administrator',
    ],
    may: [N, N, N, N, Y, Y],
  },
];

const rolesOf = (target: string | null): string[] => (target === null ? [] : [target]);

for (const row of TABLE) {
  for (const target of row.targets) {
    ACTORS.forEach((actor, i) => {
      const expected = row.may[i];
      test(`${row.cls}: ${actor} ${expected ? 'may' : 'may not'} reset a target holding ${target ?? 'no role'}`, () => {
        const uncovered = uncoveredRoles([actor], rolesOf(target));
        if (expected) {
          assert.deepEqual(uncovered, []);
        } else {
          // The uncovered list names the role that is not covered.
          assert.deepEqual(uncovered, [target]);
        }
      });
    });
  }
}

test('every resetting role can reset someone', () => {
  for (const actor of ACTORS) assert.equal(canResetAnyone([actor]), true, actor);
});

const NON_RESETTING: string[][] = [
  ['Directory Readers'],
  ['Reports Reader'],
  ['Groups Administrator'],
  ['Privileged Role Administrator'],
  ['Guest Inviter'],
  [],
];

for (const actorRoles of NON_RESETTING) {
  const name = actorRoles.join(', ') || 'no role';
  test(`non-resetting actor (${name}) resets nobody`, () => {
    assert.equal(canResetAnyone(actorRoles), false);
    assert.notDeepEqual(uncoveredRoles(actorRoles, []), []);
    assert.ok(uncoveredRoles(actorRoles, []).length > 0);
    // Not even a target in the lowest role class.
    assert.deepEqual(uncoveredRoles(actorRoles, ['Directory Readers']), ['Directory Readers']);
  });
}

test('several actor roles: the union of what they cover', () => {
  // Password Administrator alone does not cover T4; with Authentication Administrator it does.
  assert.deepEqual(uncoveredRoles(['Password Administrator'], ['Authentication Administrator']), [
    'Authentication Administrator',
  ]);
  assert.deepEqual(
    uncoveredRoles(['Password Administrator', 'Authentication Administrator'], ['Authentication Administrator']),
    [],
  );
  // Helpdesk + Authentication covers T3 and T4, separately and together.
  const hdAuth = ['Helpdesk Administrator', 'Authentication Administrator'];
  assert.deepEqual(uncoveredRoles(hdAuth, ['Helpdesk Administrator']), []);
  assert.deepEqual(uncoveredRoles(hdAuth, ['Authentication Administrator']), []);
  assert.deepEqual(uncoveredRoles(hdAuth, ['Helpdesk Administrator', 'Authentication Administrator']), []);
  // ...but still not T5 or T6.
  assert.deepEqual(uncoveredRoles(hdAuth, ['User Administrator']), ['User Administrator']);
  assert.deepEqual(uncoveredRoles(hdAuth, ['Global Administrator']), ['Global Administrator']);
  // A non-resetting role alongside a resetting one adds nothing and takes nothing away.
  assert.deepEqual(uncoveredRoles(['Directory Readers', 'Helpdesk Administrator'], ['Reports Reader']), []);
  assert.equal(canResetAnyone(['Directory Readers', 'Helpdesk Administrator']), true);
});

test('several target roles: every one must be covered, and the gaps are named', () => {
  assert.deepEqual(
    uncoveredRoles(['Helpdesk Administrator'], ['Helpdesk Administrator', 'Authentication Administrator']),
    ['Authentication Administrator'],
  );
  assert.deepEqual(
    uncoveredRoles(['Password Administrator'], ['Directory Readers', 'Reports Reader', 'Global Administrator']),
    ['Reports Reader', 'Global Administrator'],
  );
  assert.deepEqual(
    uncoveredRoles(['User Administrator'], ['Groups Administrator', 'Helpdesk Administrator', 'Reports Reader']),
    [],
  );
});
