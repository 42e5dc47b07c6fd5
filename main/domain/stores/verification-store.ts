/** Caller-verification challenges (codes as HMACs only), whatever directory holds the users. */
import type { AuditDraft, VerificationMethod } from '../types';

/** One code sent to a caller, or one authenticator check, as the store keeps it (never the code). */
export interface VerificationChallenge {
  id: string;
  agentId: string;
  targetId: string;
  targetUpn: string;
  method: VerificationMethod;
  /** Where the code went, masked; for an authenticator, its label. */
  destination: string | null;
  codeHmac: string | null;
  salt: string | null;
  /** For an accepted authenticator code: the start of the code's time step (so a replay is recognised). */
  createdAt: number;
  expiresAt: number;
  attempts: number;
  status: 'pending' | 'verified' | 'failed' | 'superseded';
  verifiedAt: number | null;
}

/** Reads of the verification challenges (outside any unit: they only look). */
export interface VerificationReads {
  /** The newest challenge of this agent for this target by this method, whatever its status. */
  latest(agentId: string, targetId: string, method: VerificationMethod): Promise<VerificationChallenge | null>;
  /** This agent's successes for this target verified at or after `since`. */
  verifiedSince(agentId: string, targetId: string, since: number): Promise<VerificationChallenge[]>;
  /** The newest authenticator success for this target by any agent (a code accepted once is not accepted again). */
  lastTotpSuccess(targetId: string): Promise<VerificationChallenge | null>;
  /** How many codes were sent to this target by this method at or after `since`, whoever sent them (a failed send counts: it was tried). */
  sentSince(targetId: string, method: VerificationMethod, since: number): Promise<number>;
}

/**
 * One transaction over the challenges: its reads, writes and audit commit
 * together, and no other writer's read-decide-write interleaves with it (the
 * hourly send limit is counted and the code inserted in one unit).
 */
export interface VerificationUnit extends VerificationReads {
  readonly now: number;
  /** Marks every pending challenge of this agent, target and method superseded. */
  supersede(agentId: string, targetId: string, method: VerificationMethod): Promise<void>;
  insert(challenge: VerificationChallenge): Promise<void>;
  update(id: string, change: Pick<VerificationChallenge, 'attempts' | 'status' | 'verifiedAt'>): Promise<void>;
  /** A code whose send failed: still pending, it is closed (superseded) so it can never be checked; it still counts as sent. */
  withdraw(id: string): Promise<void>;
  audit(draft: AuditDraft): Promise<void>;
}

export interface VerificationStore extends VerificationReads {
  /**
   * Runs `work` as one unit: committed when it resolves, rolled back when it
   * throws. Await every step of `tx` inside it; `tx` is no longer usable after.
   */
  unit<T>(work: (tx: VerificationUnit) => Promise<T>): Promise<T>;
  /**
   * Runs `work` (a step on another store, such as making the tenant's code
   * pepper in the keychain) while holding the store's write lock, so other
   * processes on it wait. It reads and writes nothing of the store; its
   * failure is passed on.
   */
  serialise<T>(work: () => Promise<T>): Promise<T>;
}
