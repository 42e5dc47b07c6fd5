/**
 * The IPC contract: ONE table of every call the renderer can make, shared by
 * main (handlers, validation), preload (createApi) and renderer (types), the way
 * GitHub Desktop keeps its channels in one file. Each entry has the runtime
 * schema its request must pass in main, and the type of its response. Nothing
 * else crosses the bridge.
 *
 * Requests are validated with zod in main, whatever the renderer's types said:
 * a compromised renderer can send anything.
 */
import type { ReplicaStatus } from '../domain/replica-status';
import { z } from 'zod';
import type { ErrorPayload } from '../domain/errors';
import type { AuditEvent, DirectoryUser, PasswordPolicySettings, TenantSettings } from '../domain/types';
import { AUDIT_ACTIONS } from '../domain/types';
import { AUDIT_FILTER_TEXT_MAX } from '../domain/stores/audit-filter';
import type { CallerStatus } from '../reset/guards';
import type { AgentRights } from '../reset/read-rights';
import type { OfferedMethods } from '../reset/verification/offered-methods';
import type { DeliveryChannels } from '../domain/delivery-settings';
export type { OfferedMethods, WithheldMethod } from '../reset/verification/offered-methods';
export type { DeliveryChannels } from '../domain/delivery-settings';
/** What the Verify caller panel shows; the renderer names it through the contract. */
export type { CallerStatus, VerifiedMethod } from '../reset/guards';
import type { SearchResults } from '../domain/types';
import {
  DEFAULT_SAMPLE_SIZE,
  MAX_OFFSET,
  SAMPLE_SIZE,
  codeMethodSchema,
  domainNameSchema,
  passwordSchema,
  searchQuerySchema,
  tenantNameSchema,
  userFilterSchema,
  upnSchema,
  verificationCodeSchema,
  verificationMethodSchema,
} from '../domain/validation';
import type { MethodName } from './methods';
import type { EventNameOf } from './event-names';
import { ldapProfileSchema, type LdapProfile } from '../directory/ldap/profile';
import type { DirectoryCapabilities, DirectoryKind } from '../directory/directory';
import type { OutstandingTemporaryPasswords, TemporaryPasswordView } from '../domain/temporary-passwords';
import type { OutboxMessage, OutboxView } from '../delivery/outbox/message';

export type { OutboxMessage, OutboxView };

/** Phantom marker carrying a response type; it has no runtime content. */
export interface Response<T> {
  readonly __response?: T;
}
const response = <T>(): Response<T> => ({});

// Field rules shared with the CLI (main/validation.ts): one set for both front ends.
const upn = upnSchema;
const userId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'an object id');
const password = passwordSchema;
const resultId = z.string().regex(/^[0-9a-f-]{36}$/i, 'a reset result id');
const empty = z.object({}).strict();

export interface AgentInfo {
  id: string;
  upn: string;
  displayName: string;
  roles: string[];
  /** What these roles let the agent use (main/reset/read-rights.ts): the window offers only that. */
  may: AgentRights;
}
export type { AgentRights };

export type SessionState =
  | { status: 'signedOut' }
  | { status: 'signedIn'; agent: AgentInfo; idleLockMinutes: number }
  /** The password was right but must be changed first (the app takes the agent through it). */
  | { status: 'passwordChangeRequired'; upn: string };

export type PreflightResponse =
  | {
      allowed: true;
      /** 'either' (AD, OpenLDAP): generated unless the agent types one (main/reset/rules.ts PasswordMode). */
      passwordMode: 'generated' | 'typed' | 'either';
      policySummary: string;
      /** The tenant's numbers, so the dialog can check a typed password as it is typed. */
      policy: PasswordPolicySettings;
      /** What the tenant asks of the caller and what this agent verified (level 'recommended': warn, do not refuse). */
      verification?: CallerStatus;
    }
  | { allowed: false; code: ErrorPayload['code']; message: string; verification?: CallerStatus };

export interface UserDetails {
  user: DirectoryUser;
  preflight: PreflightResponse;
  recentAudit: AuditEvent[];
  /** The user's latest temporary password through its life; null when none was issued through the app. */
  temporaryPassword: TemporaryPasswordView | null;
  /**
   * Caller verification: where a code can go (masked) and the authenticator app that can be checked; null per kind when
   * none can be offered (not registered, or its channel not set up: main/reset/verification/offered-methods.ts), and
   * the registered ones withheld, with why.
   */
  verificationMethods?: OfferedMethods;
}

export { NOTICE_KINDS, PASSWORD_DESTINATIONS, type NoticeKind, type NoticeResult, type PasswordDestination } from '../domain/notices';
import { PASSWORD_DESTINATIONS, type NoticeResult } from '../domain/notices';


interface ResetFacts {
  upn: string;
  generated: boolean;
  forceChangeNextSignIn: boolean;
  unlocked: boolean;
  expiresAt: string | null;
  /** false: the account is disabled, and the reset did not enable it (the dialog says so). */
  accountEnabled: boolean;
  /** Every message the reset sent or failed to send: the out-of-band password first, then Entra's notices. */
  notifications: NoticeResult[];
}

/** The password on the agent's screen, shown once. */
export interface ShownResetResponse extends ResetFacts {
  deliveredTo: 'screen';
  /** Names this result for copy and forget: the password never travels back from the renderer. */
  resultId: string;
  /** Shown once, then forgotten when the dialog closes. */
  temporaryPassword: string;
  groups: string[];
  readout: string[];
  sentTo: null;
}

/**
 * The password went straight to the user (out of band): main never sends it
 * to the renderer, so nothing here holds it and there is nothing to copy.
 * `sent` false: the reset stands but the message did not go out, so nobody
 * knows the password: reset again.
 */
export interface SentResetResponse extends ResetFacts {
  deliveredTo: 'email' | 'sms';
  resultId: null;
  temporaryPassword: null;
  groups: [];
  readout: [];
  /** The masked address or phone it went to. */
  sentTo: string;
  sent: boolean;
}

export type ResetResponse = ShownResetResponse | SentResetResponse;

export interface UnlockResponse {
  upn: string;
  wasLocked: boolean;
  /** false: the account is disabled, and the unlock did not enable it (the pane says so). */
  accountEnabled: boolean;
  /** The user's notices (sent or failed); the unlock stands either way. */
  notifications: NoticeResult[];
}

/** What the app shows before anyone signs in: is there a directory yet, and where. */
export interface AppState {
  directory: 'missing' | 'ready';
  /** The local file (audit, settings, connection profiles). */
  location: string;
  tenantName: string | null;
  /** Where agents sign in and users live: the embedded file, or an AD / OpenLDAP profile (for the status bar). */
  directoryKind: DirectoryKind | null;
  /** What that directory can do (the badges, the temporary passwords' words): the window decides from these, never from the kind. */
  directoryCapabilities: DirectoryCapabilities | null;
  directoryName: string | null;
  directoryLocation: string | null;
}

/** A connection profile as the Directories screen shows and edits it: settings only, never a password. */
export type DirectoryProfileView = LdapProfile;

export interface DirectoriesView {
  /** The profile agents sign in to; null: the embedded directory. */
  active: string | null;
  profiles: DirectoryProfileView[];
  /**
   * Why this agent may not add, change, test, remove or switch connections,
   * in the words Save would answer (main/app/profile-changes.ts), from what
   * the directory says of their roles now; null: they may. The window shows
   * the connections read-only with these words rather than a copy of the rule.
   */
  changeRefusal: ErrorPayload | null;
}

/** "Test connection": each step on its own, the ones after a failure not tried. */
export interface DirectoryTestStep {
  step: string;
  ok: boolean;
  detail: string | null;
}

/** An agent account the first run created: shown once, on the first-run screen only. */
export interface FirstRunAccount {
  upn: string;
  displayName: string;
  roles: string[];
  password: string;
}

export interface ClipboardStatusView {
  holdsCopy: boolean;
  clearsAt: string | null;
}

const domainName = domainNameSchema;

/** One page of the audit log and how many events match (counted up to a cap). */
export interface AuditPage {
  events: AuditEvent[];
  total: number;
  /** True when more than `total` events match: counting stopped at the cap. */
  totalCapped: boolean;
}

/** What saving a file the user picked gave: cancelled, or where it went. */
export type SaveFileResponse = { saved: false } | { saved: true; path: string };
export type ExportAuditResponse = { saved: false } | { saved: true; path: string; events: number };

/** The audit screen's filters: parts of UPNs as typed (case-insensitive), and an action. */
const auditFilter = z.object({
  target: z.string().trim().max(AUDIT_FILTER_TEXT_MAX).optional(),
  agent: z.string().trim().max(AUDIT_FILTER_TEXT_MAX).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  // A date range, both ends included: instants with their offset (the window's days are its own time zone's).
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export interface AppSettingsView {
  tenant: TenantSettings;
  directoryLocation: string;
  idleLockMinutes: number;
  clipboardClearSeconds: number;
}

/** Why a chosen password would be refused, one sentence each (empty: it may be used). */
export interface PasswordCheckResponse {
  problems: string[];
}

export const contract = {
  getAppState: { request: empty, response: response<AppState>() },
  createDirectory: {
    request: z.discriminatedUnion('kind', [
      // From the smallest sample `init --sample` takes up to the first run's own size (its default).
      z.object({ kind: z.literal('sample'), size: z.int().min(SAMPLE_SIZE.min).max(DEFAULT_SAMPLE_SIZE).optional() }).strict(),
      z
        .object({ kind: z.literal('empty'), tenantName: tenantNameSchema, domain: domainName })
        .strict(),
      // A real directory: the local file keeps only settings, audit and this profile.
      z.object({ kind: z.literal('directory'), profile: ldapProfileSchema, tenantName: tenantNameSchema.optional() }).strict(),
    ]),
    response: response<{ accounts: FirstRunAccount[] }>(),
  },
  getSession: { request: empty, response: response<SessionState>() },
  signIn: { request: z.object({ upn, password }).strict(), response: response<SessionState>() },
  changeOwnPassword: {
    request: z.object({ upn, currentPassword: password, newPassword: password }).strict(),
    response: response<SessionState>(),
  },
  signOut: { request: empty, response: response<SessionState>() },
  searchUsers: {
    request: z
      .object({
        query: searchQuerySchema,
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).max(MAX_OFFSET).default(0),
        /** Narrows to users in every state it names; absent: everyone the text matches. */
        filter: userFilterSchema.optional(),
      })
      .strict(),
    response: response<SearchResults>(),
  },
  getUser: { request: z.object({ userId }).strict(), response: response<UserDetails>() },
  preflightReset: { request: z.object({ userId }).strict(), response: response<PreflightResponse>() },
  /** On-premises users: a password meeting the tenant's policy, phone-friendly, that the agent may keep or edit. */
  suggestPassword: { request: z.object({ userId }).strict(), response: response<{ password: string }>() },
  resetPassword: {
    request: z
      .object({
        userId,
        password: password.optional(),
        forceChangeNextSignIn: z.boolean().default(true),
        deliverTo: z.enum(PASSWORD_DESTINATIONS).default('screen'),
      })
      .strict(),
    response: response<ResetResponse>(),
  },
  unlockAccount: {
    request: z.object({ userId }).strict(),
    response: response<UnlockResponse>(),
  },
  /** Caller verification: a one-time code to the user's registered email or mobile phone (masked in the answer). */
  sendVerificationCode: {
    request: z.object({ userId, method: codeMethodSchema }).strict(),
    response: response<{ sentTo: string; expiresAt: string }>(),
  },
  /** The code the caller read back, or their authenticator app's current code. */
  checkVerificationCode: {
    request: z.object({ userId, method: verificationMethodSchema, code: verificationCodeSchema }).strict(),
    response: response<{ verification: CallerStatus }>(),
  },
  copyTemporaryPassword: {
    request: z.object({ resultId }).strict(),
    response: response<{ clearsAt: string }>(),
  },
  clipboardStatus: { request: empty, response: response<ClipboardStatusView>() },
  forgetResetResult: { request: z.object({ resultId }).strict(), response: response<{ forgotten: boolean }>() },
  listAudit: {
    request: auditFilter
      .extend({
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).max(MAX_OFFSET).default(0),
      })
      .strict(),
    response: response<AuditPage>(),
  },
  /** Every event matching the filters, as CSV, to a file the agent picks. */
  exportAudit: { request: auditFilter.strict(), response: response<ExportAuditResponse>() },
  /** First run: the agent accounts' passwords to a file the user picks (readable by them only). */
  saveFirstRunAccounts: { request: empty, response: response<SaveFileResponse>() },
  /** First run: one account's password to the clipboard (main still holds it; nothing is sent back). */
  copyFirstRunPassword: { request: z.object({ upn }).strict(), response: response<{ clearsAt: string }>() },
  /** First run is over: main forgets the passwords. */
  forgetFirstRunAccounts: { request: empty, response: response<{ forgotten: true }>() },
  getSettings: { request: empty, response: response<AppSettingsView>() },
  /** The connection profiles and which one is in use (shown on the sign-in screen too: no secrets in them). */
  listDirectories: { request: empty, response: response<DirectoriesView>() },
  /** Adds a profile (or replaces the one of that name): a Global Administrator's change, audited. */
  saveDirectory: {
    request: z.object({ profile: ldapProfileSchema, replace: z.boolean().default(false) }).strict(),
    response: response<DirectoriesView>(),
  },
  removeDirectory: { request: z.object({ name: z.string().trim().min(1).max(64) }).strict(), response: response<DirectoriesView>() },
  /** Reach, TLS and certificate, bind, a search, the role mapping: at first run, or by a Global Administrator. */
  testDirectory: {
    request: z.object({ profile: ldapProfileSchema, upn, password }).strict(),
    response: response<{ steps: DirectoryTestStep[] }>(),
  },
  /** Which directory agents sign in to (null: the embedded one). Ends the session: a sign-in belongs to its directory. */
  useDirectory: {
    request: z.object({ name: z.string().trim().min(1).max(64).nullable() }).strict(),
    response: response<AppState>(),
  },
  /** The reset dialog's typed password, checked live (policy + banned terms, not history): the reasons, never the password. */
  checkPassword: { request: z.object({ userId, password }).strict(), response: response<PasswordCheckResponse>() },
  /** The must-change screen's new password, checked live: only for the UPN whose sign-in asked for the change. */
  checkNewPassword: { request: z.object({ upn, password }).strict(), response: response<PasswordCheckResponse>() },
  /** Temporary passwords not yet changed by their users, oldest first: for follow-up calls. */
  listOutstandingTemporaryPasswords: {
    request: z
      .object({
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).max(MAX_OFFSET).default(0),
      })
      .strict(),
    response: response<OutstandingTemporaryPasswords>(),
  },
  /** What the sample's local outbox received (mail and SMS), newest first; signed-in agents, not counted as activity. */
  listOutbox: { request: empty, response: response<OutboxView>() },
  /** Which delivery channels the tenant has set up (mail, SMS): what the window offers, and whether users get notices. */
  getDeliveryChannels: { request: empty, response: response<DeliveryChannels>() },
  /** Where the local copy search answers from stands (a real directory), for the status bar; null: there is none to keep. */
  getDirectoryCopy: { request: empty, response: response<ReplicaStatus | null>() },
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What a caller passes (defaults may be omitted). */
export type RequestOf<M extends Method> = z.input<Contract[M]['request']>;
/** What a handler receives after validation (defaults filled in). */
export type ValidRequestOf<M extends Method> = z.output<Contract[M]['request']>;
export type ResponseOf<M extends Method> = Contract[M]['response'] extends Response<infer T> ? T : never;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export const METHODS = Object.keys(contract) as Method[];
export { channelOf } from './methods';

// The table and methods.ts list the same names, in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameMethods: Same<Method, MethodName> = true;
void sameMethods;

export function isMethod(value: string): value is Method {
  return Object.hasOwn(contract, value);
}

/**
 * Why a session ended, as `session.ended` says: the idle lock; the agent signing
 * out; a switch of directory (a sign-in belongs to the directory that answered
 * it); a sign-in at this desk (another agent, or a password to change first);
 * the agent's own account no longer able to act (disabled, locked, no role);
 * the app quitting.
 */
export const SESSION_END_REASONS = ['idleLock', 'signedOut', 'directorySwitched', 'signIn', 'accountUnusable', 'quit'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * The one-way events main pushes to the window, beside the methods (as GitHub
 * Desktop's ipc-shared.ts keeps its one-way channels): each name and the schema
 * its payload must pass before it leaves main (main/ipc/events.ts). Plain JSON,
 * and never a secret nor what only a signed-in agent may read (an outbox
 * message's text): the window asks for that with a method, which checks who
 * asks. The Electron glue sends them on channels named after them, the
 * Chromium target into the page, and the team server will stream them (SSE).
 */
export const eventContract = {
  /** The signed-in session ended in main (for the window: the idle lock, whose timer runs in main alone). */
  'session.ended': z.object({ why: z.enum(SESSION_END_REASONS) }).strict(),
  /** The clipboard guard's state after a copy or a clear: the reset dialog's countdown ends on `holdsCopy: false`. */
  'clipboard.changed': z.object({ holdsCopy: z.boolean(), clearsAt: z.iso.datetime().nullable() }).strict(),
  /** The sample's local outbox received a message: the open Outbox screen reads the list again. */
  'outbox.received': z.object({ channel: z.enum(['email', 'sms']), at: z.iso.datetime() }).strict(),
} as const;

export type EventContract = typeof eventContract;
export type EventName = keyof EventContract;
export type EventPayloadOf<E extends EventName> = z.output<EventContract[E]>;

// The event table and event-names.ts list the same names, in both directions.
const sameEvents: Same<EventName, EventNameOf> = true;
void sameEvents;
