/** Every temporary password from its issue to its end, whatever directory holds the user. */

/**
 * One temporary password as the store keeps it, from its issue to its end
 * (times in ms). The life's state is derived from these by
 * main/reset/temporary-password-life.ts, never stored: expiry is only a time.
 */
export interface TemporaryPasswordRecord {
  id: number;
  targetId: string;
  targetUpn: string;
  issuedAt: number;
  issuedById: string;
  issuedByUpn: string;
  expiresAt: number | null;
  /** 'screen', or the masked address or phone it was sent to. */
  deliveredTo: string | null;
  /** The reset asked for a change at next sign-in. */
  forceChange: boolean;
  firstUsedAt: number | null;
  changedAt: number | null;
  supersededAt: number | null;
}

export type TemporaryPasswordIssue = Pick<
  TemporaryPasswordRecord,
  'targetId' | 'targetUpn' | 'issuedAt' | 'issuedById' | 'issuedByUpn' | 'expiresAt' | 'deliveredTo' | 'forceChange'
>;

/**
 * The temporary passwords' life. "Open" means neither replaced by the user nor
 * superseded by another reset (an expired one stays open: it still needs a
 * follow-up call); a user has at most one open at a time.
 */
export interface TemporaryPasswordStore {
  /**
   * A new one; the user's open one, if any, is superseded in the same unit.
   * Called from the store's own unit of work (the embedded reset's), it joins it.
   */
  issue(entry: TemporaryPasswordIssue): Promise<number>;
  /** The user's most recent one, whatever its state. */
  latest(targetId: string): Promise<TemporaryPasswordRecord | null>;
  /** Open ones, oldest first (for follow-up calls). */
  open(page: { limit: number; offset: number }): Promise<TemporaryPasswordRecord[]>;
  countOpen(): Promise<number>;
  /**
   * The users with an open one, oldest first, at most `max` (a search filter:
   * "temporary password not yet changed").
   */
  openTargetIds(max: number): Promise<string[]>;
  /** The user signed in with their open one (the first time only); false when none was open. */
  markFirstUse(targetId: string, at: number): Promise<boolean>;
  /** The user replaced their open one with their own password; false when none was open. */
  markChanged(targetId: string, at: number): Promise<boolean>;
}
