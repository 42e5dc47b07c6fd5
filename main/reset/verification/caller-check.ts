/**
 * The engine's caller check (main/reset/guards.ts CallerCheck) over the
 * verifications the local file recorded: main decides from its own records,
 * whatever the renderer claims. Reads only.
 */
import { DomainError } from '../../domain/errors';
import type { VerificationReads } from '../../domain/stores';
import type { DirectoryUser, TenantSettings } from '../../domain/types';
import type { CallerAssessment, CallerCheck, GuardActor } from '../guards';
import { isAdministrator, missingDetail, requirementFor, statusOf, VERIFICATION_VALIDITY_MS } from './requirement';

export class StoredCallerCheck implements CallerCheck {
  readonly #reads: VerificationReads;

  constructor(reads: VerificationReads) {
    this.#reads = reads;
  }

  async assess(actor: GuardActor, target: DirectoryUser, tenant: TenantSettings, now: number): Promise<CallerAssessment> {
    return assessCaller(this.#reads, actor, target, tenant, now);
  }
}

export async function assessCaller(
  reads: VerificationReads,
  actor: GuardActor,
  target: Pick<DirectoryUser, 'id' | 'roles'>,
  tenant: Pick<TenantSettings, 'callerVerification'>,
  now: number,
): Promise<CallerAssessment> {
  const requirement = requirementFor(tenant.callerVerification, target);
  const successes = (await reads.verifiedSince(actor.id, target.id, now - VERIFICATION_VALIDITY_MS)).map((c) => ({ method: c.method, verifiedAt: c.verifiedAt! }));
  const status = statusOf(requirement, successes, now);
  if (status.level === 'none') return { status, refusal: null, audit: {} };
  const detail = missingDetail(status, isAdministrator(target));
  const audit: CallerAssessment['audit'] =
    status.verified.length > 0 ? { callerVerifiedBy: status.verified.map((v) => v.method) } : { callerUnverified: true };
  return { status, refusal: detail ? new DomainError('CALLER_NOT_VERIFIED', detail) : null, audit };
}
