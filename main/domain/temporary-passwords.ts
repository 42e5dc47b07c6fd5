/**
 * A temporary password's life as the app shows it (the user pane, the
 * follow-up view, `resetdesk temp-passwords`): plain JSON, shared by main and
 * the renderer. How a state is derived lives in main/reset/temporary-password-life.ts.
 *
 * - outstanding: issued, not used yet (as far as the directory tells);
 * - used: the user signed in with it and has not replaced it (the embedded
 *   directory only: AD and OpenLDAP do not report a sign-in);
 * - changed: the user replaced it with their own;
 * - expired: its lifetime passed before the user replaced it;
 * - superseded: another reset issued a newer one.
 */
export const TEMPORARY_PASSWORD_STATES = ['outstanding', 'used', 'changed', 'expired', 'superseded'] as const;
export type TemporaryPasswordState = (typeof TEMPORARY_PASSWORD_STATES)[number];

/** Not replaced yet: the states a follow-up call is for. */
export type OpenTemporaryPasswordState = Extract<TemporaryPasswordState, 'outstanding' | 'used' | 'expired'>;

export interface TemporaryPasswordIssuer {
  upn: string;
  /** Null when the directory no longer knows the agent (the UPN is shown instead). */
  displayName: string | null;
}

/** The user's latest temporary password, for the pane. Times are ISO strings. */
export interface TemporaryPasswordView {
  state: TemporaryPasswordState;
  issuedAt: string;
  issuedBy: TemporaryPasswordIssuer;
  /** 'screen' when the agent saw it, else the masked address or phone it went to. */
  deliveredTo: string;
  firstUsedAt: string | null;
  changedAt: string | null;
  expiresAt: string | null;
  supersededAt: string | null;
  /** Which directory: AD and OpenLDAP do not report a sign-in, so first use is unknown there. */
  directory: 'embedded' | 'ad' | 'openldap';
  firstUseReported: boolean;
}

/** One row of "Temporary passwords not yet changed". */
export interface OutstandingTemporaryPassword {
  userId: string;
  upn: string;
  /** Null when the directory no longer has the user. */
  displayName: string | null;
  state: OpenTemporaryPasswordState;
  issuedAt: string;
  issuedBy: TemporaryPasswordIssuer;
  /** Whole days since it was issued. */
  ageDays: number;
  expiresAt: string | null;
  firstUsedAt: string | null;
}

export interface OutstandingTemporaryPasswords {
  rows: OutstandingTemporaryPassword[];
  /** All open ones, not only this page. */
  total: number;
}
