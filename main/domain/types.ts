import type { DeliverySettings } from './delivery-settings';

/**
 * The directory's vocabulary, shared by the store, the reset engine, the CLI and
 * (as plain JSON) the renderer. Names follow Microsoft Graph's user resource
 * where one exists (userPrincipalName → upn, onPremisesSyncEnabled → source).
 */

/** Where the account is mastered. */
export const SOURCES = ['cloud', 'onPremises', 'externalAzureAD'] as const;
export type Source = (typeof SOURCES)[number];

export const USER_TYPES = ['member', 'guest'] as const;
export type UserType = (typeof USER_TYPES)[number];

/**
 * Where a guest's account lives. null for members and for guests whose home is
 * this tenant (local guests), who can be reset like members.
 */
export const GUEST_HOMES = ['otherTenant', 'microsoftAccount', 'google'] as const;
export type GuestHome = (typeof GUEST_HOMES)[number];

export const DOMAIN_TYPES = ['managed', 'federated'] as const;
export type DomainType = (typeof DOMAIN_TYPES)[number];

export const AUTH_METHOD_KINDS = [
  'mobilePhone',
  'officePhone',
  'alternateEmail',
  'authenticatorApp',
  'securityQuestion',
] as const;
export type AuthMethodKind = (typeof AUTH_METHOD_KINDS)[number];

/**
 * A way to reach the user, as every boundary shows it: the profile mail and
 * phones, and the registered verification methods. Built in main by
 * contact-methods.ts, which masks every verification value.
 */
export interface ContactMethod {
  /** 'email' is the profile mail; the rest name a phone or a registered method. */
  kind: 'email' | AuthMethodKind;
  /** Masked when `verification`; null when nothing may be shown (security questions). */
  value: string | null;
  /** Registered for self-service reset and caller verification. */
  verification: boolean;
}

/** A user as every boundary shows it. Timestamps are ISO 8601 strings or null. */
export interface DirectoryUser {
  id: string;
  upn: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  mobilePhone: string | null;
  businessPhone: string | null;
  /** Mail and phones above are masked where they are also verification methods. */
  contactMethods: ContactMethod[];
  department: string | null;
  jobTitle: string | null;
  source: Source;
  userType: UserType;
  guestHome: GuestHome | null;
  domain: string;
  domainType: DomainType;
  adminCount: 0 | 1;
  roles: string[];
  enabled: boolean;
  locked: boolean;
  lockedUntil: string | null;
  failedAttempts: number;
  lockoutCount: number;
  forceChangeNextSignIn: boolean;
  passwordNeverExpires: boolean;
  passwordLastSet: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PasswordPolicySettings {
  minLength: number;
  maxLength: number;
  /** How many of lower, upper, digit, symbol a password needs. */
  requiredCategories: number;
}

export interface LockoutPolicySettings {
  /** Failed sign-ins before the first lockout (Entra: 10). */
  threshold: number;
  /** First lockout duration in seconds (Entra: 60); each later one doubles. */
  durationSeconds: number;
}

export interface TenantDomain {
  name: string;
  type: DomainType;
  isDefault: boolean;
}

/**
 * When the agent must verify the caller before a reset or unlock (Specops and
 * ManageEngine make agents do it; Entra's admin reset does not):
 * - off: never asked;
 * - recommended: the agent is warned, and an unverified change is audited as such;
 * - required: one verified method for everyone;
 * - required-for-admins (the default): two methods for a target holding an
 *   admin role (as Entra asks two methods of administrators in self-service
 *   reset), recommended for everyone else.
 */
export const CALLER_VERIFICATION_RULES = ['off', 'recommended', 'required', 'required-for-admins'] as const;
export type CallerVerificationRule = (typeof CALLER_VERIFICATION_RULES)[number];

/** How a caller proves they are the user: a code sent by email or SMS, or their authenticator app's current code. */
export const VERIFICATION_METHODS = ['email', 'sms', 'totp'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** Entra keeps the current password from being reused; a tenant may keep more. */
export const DEFAULT_PASSWORD_HISTORY = 1;
export const MAX_PASSWORD_HISTORY = 24;
/** Entra's limit for the custom banned-password list. */
export const MAX_BANNED_TERMS = 1000;

export interface TenantSettings {
  tenantId: string;
  name: string;
  domains: TenantDomain[];
  passwordWriteback: boolean;
  /** null: temporary passwords never expire (Entra's default). */
  temporaryPasswordLifetimeDays: number | null;
  passwordPolicy: PasswordPolicySettings;
  lockoutPolicy: LockoutPolicySettings;
  callerVerification: CallerVerificationRule;
  /** How many of the user's last passwords a new one may not repeat (0: no history check). */
  passwordHistoryCount: number;
  /** The tenant's custom banned-password terms (at most MAX_BANNED_TERMS); the global list always applies. */
  bannedPasswords: string[];
  /** How codes, notifications and out-of-band passwords are sent; secrets live in the OS keychain. */
  delivery: DeliverySettings;
}

/** The settings a new tenant starts with for verification, history, banned terms and delivery. */
export const DEFAULT_TENANT_EXTRAS: Pick<
  TenantSettings,
  'callerVerification' | 'passwordHistoryCount' | 'bannedPasswords' | 'delivery'
> = {
  callerVerification: 'required-for-admins',
  passwordHistoryCount: DEFAULT_PASSWORD_HISTORY,
  bannedPasswords: [],
  delivery: { smtp: null, sms: null, localOutbox: null },
};

export const DEFAULT_PASSWORD_POLICY: PasswordPolicySettings = {
  minLength: 8,
  maxLength: 256,
  requiredCategories: 3,
};

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicySettings = {
  threshold: 10,
  durationSeconds: 60,
};

export const AUDIT_ACTIONS = [
  'password.reset',
  'account.unlock',
  'signin',
  'password.change',
  'tenant.update',
  'directory.update',
  // A code sent to the caller, and the caller's answer checked (never the code itself).
  'verification.send',
  'verification.check',
  // An authenticator app registered for a user (its secret sealed; never in the audit).
  'verification.register',
  // A message to a user or an administrator: a notification, or an out-of-band temporary password.
  'notification.send',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  id: number;
  at: string;
  actorId: string | null;
  actorUpn: string | null;
  targetId: string | null;
  targetUpn: string | null;
  action: AuditAction;
  /** 'intent': a change about to be sent to a remote directory; its outcome is a later event naming it. */
  result: 'success' | 'failure' | 'intent';
  errorCode: string | null;
  /** Non-secret facts (which setting changed, whether an unlock happened). */
  detail: string | null;
  /** For the outcome of a change sent to a remote directory: the id of its intent. */
  intentId: number | null;
  /** For an intent only: the id of its outcome, or null while the outcome is being checked. */
  outcomeId?: number | null;
}

/** An audit event as a change records it; the store adds its id and time. */
export type AuditDraft = Omit<AuditEvent, 'id' | 'at' | 'detail' | 'intentId' | 'outcomeId'> & {
  detail?: string | null;
  intentId?: number | null;
};

export interface SearchPage {
  limit: number;
  offset: number;
}

/**
 * How many users match in all. Counting stops at COUNT_CAP: past it `exact` is
 * false and the agent sees "more than 1,000" (an exact count over a million
 * users would cost more than the search itself).
 */
export interface SearchTotal {
  count: number;
  exact: boolean;
}

/**
 * A user as a list of search results shows them: the name, UPN, mail and
 * department of the row, and what its badges need (locked, disabled, guest,
 * synced, protected, federated, external, roles). Everything else (contact
 * methods, lockout counters, password dates) is the full DirectoryUser, read one
 * at a time with getUser when the agent opens the user. A search reads, copies
 * and paints only these, twenty to fifty at every keystroke.
 */
export type UserSummary = Pick<
  DirectoryUser,
  | 'id'
  | 'upn'
  | 'displayName'
  | 'mail'
  | 'department'
  | 'source'
  | 'userType'
  | 'domainType'
  | 'adminCount'
  | 'roles'
  | 'enabled'
  | 'locked'
  | 'lockedUntil'
>;

/** One page of results and the total it was taken from. */
export interface SearchResults {
  users: UserSummary[];
  total: SearchTotal;
}
