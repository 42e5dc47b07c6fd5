/**
 * Who may reset whose password, as Entra's "Privileged roles and permissions"
 * password-reset table gives it (Microsoft Learn, Entra ID roles reference).
 *
 * Targets fall in six classes by the roles they hold; each resetting role covers
 * some classes. A target with several roles needs every one covered; an agent
 * with several roles has the union of what they cover.
 */
import { ROLES } from '../domain/roles';

export type TargetClass = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6';

const TARGET_CLASS_OF_ROLE: ReadonlyMap<string, TargetClass> = new Map([
  [ROLES.directoryReaders, 'T1'],
  [ROLES.guestInviter, 'T1'],
  [ROLES.passwordAdministrator, 'T1'],
  [ROLES.messageCenterReader, 'T2'],
  [ROLES.reportsReader, 'T2'],
  [ROLES.usageSummaryReportsReader, 'T2'],
  [ROLES.userExperienceSuccessManager, 'T2'],
  [ROLES.helpdeskAdministrator, 'T3'],
  [ROLES.authenticationAdministrator, 'T4'],
  [ROLES.userAdministrator, 'T5'],
  [ROLES.groupsAdministrator, 'T5'],
]);

/** The classes each resetting role covers. Roles not listed reset nobody. */
const COVERAGE: ReadonlyMap<string, ReadonlySet<TargetClass>> = new Map([
  [ROLES.passwordAdministrator, new Set<TargetClass>(['T1'])],
  [ROLES.helpdeskAdministrator, new Set<TargetClass>(['T1', 'T2', 'T3'])],
  [ROLES.authenticationAdministrator, new Set<TargetClass>(['T1', 'T2', 'T4'])],
  [ROLES.userAdministrator, new Set<TargetClass>(['T1', 'T2', 'T3', 'T5'])],
  [ROLES.privilegedAuthenticationAdministrator, new Set<TargetClass>(['T1', 'T2', 'T3', 'T4', 'T5', 'T6'])],
  [ROLES.globalAdministrator, new Set<TargetClass>(['T1', 'T2', 'T3', 'T4', 'T5', 'T6'])],
]);

/** Roles that can reset at least someone: the agent roles of this app. */
export const RESETTING_ROLES: readonly string[] = [...COVERAGE.keys()];

/** Global Administrator, Privileged Role Administrator and any unknown role are T6. */
export function targetClassOfRole(role: string): TargetClass {
  return TARGET_CLASS_OF_ROLE.get(role) ?? 'T6';
}

/** The classes a target with these roles falls in (T1 when it has none). */
export function targetClassesOf(roles: readonly string[]): Set<TargetClass> {
  if (roles.length === 0) return new Set(['T1']);
  return new Set(roles.map(targetClassOfRole));
}

export function coveredClasses(actorRoles: readonly string[]): Set<TargetClass> {
  const covered = new Set<TargetClass>();
  for (const role of actorRoles) for (const c of COVERAGE.get(role) ?? []) covered.add(c);
  return covered;
}

export function canResetAnyone(actorRoles: readonly string[]): boolean {
  return actorRoles.some((role) => COVERAGE.has(role));
}

/**
 * The target roles the actor's roles do not cover. Empty means the role check
 * passes. A target without roles is T1, so an agent with any resetting role may
 * reset it.
 */
export function uncoveredRoles(actorRoles: readonly string[], targetRoles: readonly string[]): string[] {
  const covered = coveredClasses(actorRoles);
  if (targetRoles.length === 0) return covered.has('T1') ? [] : ['(no admin role)'];
  return targetRoles.filter((role) => !covered.has(targetClassOfRole(role)));
}
