/**
 * What the tenant's `callerVerification` rule asks for one target, and whether
 * what this agent verified covers it. A verification counts for 10 minutes
 * after it succeeded, for the agent who did it and that target only: another
 * agent taking over the call verifies again, and a verification of one user
 * says nothing of another.
 */
import type { CallerVerificationRule, DirectoryUser, VerificationMethod } from '../../domain/types';
import { callerCheckAsks } from '../../domain/caller-check';
import type { CallerStatus, VerifiedMethod } from '../guards';

export const VERIFICATION_VALIDITY_MS = 10 * 60_000;

export interface Requirement {
  level: CallerStatus['level'];
  methodsRequired: number;
}

/**
 * Entra asks two methods of administrators in self-service reset; a target
 * holding any directory role counts as one (Entra's "any Azure administrator
 * role" for its two-gate policy).
 */
export function isAdministrator(target: Pick<DirectoryUser, 'roles'>): boolean {
  return target.roles.length > 0;
}

export function requirementFor(rule: CallerVerificationRule, target: Pick<DirectoryUser, 'roles'>): Requirement {
  switch (rule) {
    case 'off':
      return { level: 'none', methodsRequired: 0 };
    case 'recommended':
      return { level: 'recommended', methodsRequired: 1 };
    case 'required':
      return { level: 'required', methodsRequired: 1 };
    case 'required-for-admins':
      return isAdministrator(target) ? { level: 'required', methodsRequired: 2 } : { level: 'recommended', methodsRequired: 1 };
  }
}

/** A success as the store recorded it. */
export interface Success {
  method: VerificationMethod;
  verifiedAt: number;
}

/**
 * The status from this agent's successes for this target: the latest success
 * of each method still inside its 10 minutes (a success at exactly 10:00 ago
 * still counts, one millisecond later it does not).
 */
export function statusOf(requirement: Requirement, successes: readonly Success[], now: number): CallerStatus {
  const latest = new Map<VerificationMethod, number>();
  for (const s of successes) {
    if (s.verifiedAt > now || now - s.verifiedAt > VERIFICATION_VALIDITY_MS) continue;
    if ((latest.get(s.method) ?? -Infinity) < s.verifiedAt) latest.set(s.method, s.verifiedAt);
  }
  const verified: VerifiedMethod[] = [...latest]
    .sort((a, b) => a[1] - b[1])
    .map(([method, at]) => ({
      method,
      verifiedAt: new Date(at).toISOString(),
      validUntil: new Date(at + VERIFICATION_VALIDITY_MS).toISOString(),
    }));
  return {
    level: requirement.level,
    methodsRequired: requirement.methodsRequired,
    verified,
    // Different methods: two email codes are one method, as Entra counts them.
    satisfied: verified.length >= requirement.methodsRequired,
  };
}

const plural = (n: number) => (n === 1 ? '1 method' : `${n} methods`);

/** The refusal's detail, in the agent's words; null when the status is enough to proceed. */
export function missingDetail(status: CallerStatus, administrator: boolean): string | null {
  // The rule reset and unlock share with the window (main/domain/caller-check.ts).
  if (callerCheckAsks(status) !== 'refuse') return null;
  const have = status.verified.length;
  const who = status.methodsRequired > 1 && administrator ? 'Administrators need' : 'This tenant requires';
  return `${who} ${plural(status.methodsRequired)} verified; ${have} ${have === 1 ? 'is' : 'are'} verified.`;
}
