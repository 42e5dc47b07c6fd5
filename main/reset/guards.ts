/**
 * What the reset engine asks besides Entra's role rules, each behind a port so
 * the engine stays free of SQLite, delivery and clocks of its own:
 *
 * - callers: has the caller proved they are the user (tenant rule
 *   `callerVerification`)? Refuses with CALLER_NOT_VERIFIED, or lets an
 *   unverified change through with a warning that the audit records;
 * - passwords: banned terms and history for a password a person chose (the
 *   policy's length and character rules are checked by the engine itself);
 * - temporaryPasswords: told of every temporary password issued, inside the
 *   reset's unit of work, so its life can be followed to its end.
 *
 * Each is optional: an engine without one behaves as before it existed (the
 * provider tests build such engines); the app and the CLI wire all three.
 */
import type { DomainError } from '../domain/errors';
import type { Secret } from '../domain/secret';
import type { DirectoryUser, TenantSettings, VerificationMethod } from '../domain/types';

/** Who acts, as the guards need it (the engine's Actor has these). */
export interface GuardActor {
  id: string;
  upn: string;
}

/** One verified method, as the pane shows it ("Caller verified by SMS code at 10:42 (valid 10 min)"). */
export interface VerifiedMethod {
  method: VerificationMethod;
  verifiedAt: string;
  validUntil: string;
}

/** What the tenant asks for this target, and what this agent has done so far. */
export interface CallerStatus {
  /** 'none': the rule is off; 'recommended': warned, not refused; 'required': refused until done. */
  level: 'none' | 'recommended' | 'required';
  /** How many different methods must be verified (2 for administrators under required-for-admins). */
  methodsRequired: number;
  verified: VerifiedMethod[];
  /** True when `verified` covers `methodsRequired` different methods. */
  satisfied: boolean;
}

export interface CallerAssessment {
  status: CallerStatus;
  /** CALLER_NOT_VERIFIED when the rule requires more than was verified; null otherwise. */
  refusal: DomainError | null;
  /** Facts for the audit detail: which methods verified the caller, or that the change went ahead unverified. */
  audit: { callerVerifiedBy: VerificationMethod[] } | { callerUnverified: true } | Record<string, never>;
}

export interface CallerCheck {
  /** Reads only: the verifications this agent completed for this target that are still valid at `now`. */
  assess(actor: GuardActor, target: DirectoryUser, tenant: TenantSettings, now: number): Promise<CallerAssessment>;
}

export interface PasswordCheck {
  /**
   * Why a chosen password may not be used for this user: each reason one
   * sentence that never quotes the password ("It contains a banned word:
   * contoso."). Empty when it may. `history`: also refuse the user's last N
   * passwords (costly: only when the password is about to be written).
   */
  problems(target: Pick<DirectoryUser, 'id' | 'givenName' | 'surname'>, password: Secret, tenant: TenantSettings, options: { history: boolean }): Promise<string[]>;
  /**
   * Records a password just set, for the history check (a hash, never the
   * password). `hash`: a scrypt hash of it already made (the embedded store's),
   * kept as it is so a reset costs one hash, not two.
   */
  remember(userId: string, password: Secret, tenant: TenantSettings, now: number, hash?: string): Promise<void>;
}

export interface IssuedTemporaryPassword {
  target: Pick<DirectoryUser, 'id' | 'upn'>;
  issuedBy: GuardActor;
  issuedAt: number;
  expiresAt: number | null;
  /** The reset asked the user to change it at next sign-in. */
  forceChangeNextSignIn: boolean;
  /** 'screen' when the agent saw it; otherwise the masked address or phone it was sent to. */
  deliveredTo: string;
}

export interface TemporaryPasswordLog {
  /** A new temporary password; any earlier one of the same user still open is superseded. */
  issued(entry: IssuedTemporaryPassword): Promise<void>;
}

export interface ResetGuards {
  callers?: CallerCheck;
  passwords?: PasswordCheck;
  temporaryPasswords?: TemporaryPasswordLog;
}
