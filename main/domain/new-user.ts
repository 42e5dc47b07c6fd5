/**
 * A user to create in the embedded directory: what `init`, the sample builder
 * and the fixtures hand to the SQLite bulk writer. Below both, so the writer
 * need not know where the users come from.
 */
import type { AuthMethodKind, GuestHome, Source, UserType } from './types';

export interface NewAuthMethod {
  kind: AuthMethodKind;
  /** A phone number, an email address or an authenticator device name; no security questions in the sample. */
  value: string;
}

export interface NewUser {
  /** UUID v4-shaped, from the PRNG. */
  id: string;
  upn: string; displayName: string; givenName: string | null; surname: string | null; mail: string | null;
  mobilePhone: string | null; businessPhone: string | null; department: string | null; jobTitle: string | null;
  source: Source; userType: UserType; guestHome: GuestHome | null; adminCount: 0 | 1; enabled: boolean;
  passwordNeverExpires: boolean; forceChangeNextSignIn: boolean;
  /** ISO strings: 2026-01-01T00:00:00Z minus up to three years. */
  passwordLastSet: string | null; createdAt: string;
  /** lockedUntil is relative to options.now. */
  lockedUntil: string | null; failedAttempts: number; lockoutCount: number;
  roles: string[]; groups: string[]; authMethods: NewAuthMethod[];
}
