/**
 * The closed set of domain errors. Every refusal the engine, the CLI and the IPC
 * layer can give is one of these codes, each with the words an agent reads.
 * The refusal texts follow Microsoft Entra ID's own documentation (Microsoft
 * Learn, "Reset a user's password" in the Entra ID fundamentals), so an agent
 * who knows the Entra admin center recognises them.
 *
 * Messages never include a password, a hash or a stack trace: `detail` is for
 * facts the agent can act on (a role name, which policy rule failed).
 */
export const ERROR_MESSAGES = {
  INVALID_INPUT: 'The request is not valid.',
  USER_NOT_FOUND: 'No user with that user principal name exists in this directory.',
  AUTH_FAILED: 'Your account or password is incorrect.',
  LOCKED_OUT:
    'Your account is temporarily locked to prevent unauthorized use. Try again later, or ask an administrator to unlock it.',
  ACCOUNT_DISABLED: 'Your account has been disabled. Contact your administrator.',
  PASSWORD_CHANGE_REQUIRED: 'You must change your password before you can continue.',
  PASSWORD_EXPIRED: 'Your temporary password has expired. Ask the helpdesk for a new one.',
  INSUFFICIENT_ROLE: "Your admin role doesn't allow you to reset this user's password or unlock this account.",
  SELF_RESET: "You can't reset your own password as an administrator. Change it instead.",
  NOT_HOME_TENANT:
    "Unless your tenant is the home directory for a user, you won't be able to reset their password. This user signs in with an account from another organization, a Microsoft account, or a Google account.",
  EXTERNAL_AUTHORITY:
    "This user's source of authority is External Azure AD, so you won't be able to reset the password. Only the user, or an administrator in that tenant, can reset the password.",
  WRITEBACK_DISABLED:
    "This user's source of authority is Windows Server Active Directory. You can reset the password only after password writeback is turned on.",
  FEDERATED_DOMAIN:
    'Changing the user password for federated domains is not supported. Change the user password in the on-premises Active Directory.',
  ADMIN_COUNT:
    'hr=80231367: the attribute AdminCount is set to 1 on this user in Active Directory, which prevents an administrator from resetting the password. AdminCount must be set to 0 for an administrator to reset the password.',
  POLICY_VIOLATION: "The password doesn't meet the password policy.",
  PASSWORD_REQUIRED:
    "This user's password is managed on-premises: type the new temporary password, or have one made for the policy (Generate in the app, --generate on the CLI).",
  PASSWORD_NOT_ALLOWED: 'This is a cloud user: cloud users get an auto-generated temporary password, so a typed password is not accepted.',
  DIRECTORY_NOT_FOUND: 'No directory exists at that path. Create one with "resetdesk init".',
  DIRECTORY_EXISTS: 'A directory already exists at that path.',
  NOT_A_DIRECTORY:
    'That file is not a Resetdesk directory, so Resetdesk will not open or change it. Give the path of a directory made by "resetdesk init".',
  DIRECTORY_READ_ONLY:
    'Resetdesk cannot write to that directory file or its folder, and it must (the audit trail is kept there). Check the permissions.',
  DIRECTORY_DAMAGED:
    'That directory file is damaged (truncated or corrupted) and cannot be opened. Restore it from a backup.',
  DATABASE_NEWER:
    'This directory was written by a newer version of Resetdesk. Update Resetdesk to open it.',
  NOT_SIGNED_IN: 'Sign in to continue.',
  SESSION_LOCKED: 'Resetdesk locked after a period without activity. Sign in again to continue.',
  // The agent's own account changed in the directory mid-session; the detail says how.
  AGENT_ACCOUNT_UNUSABLE: 'You have been signed out: your own account can no longer act in this directory.',
  RESULT_GONE: 'That temporary password is no longer available. Reset the password again if the user still needs one.',
  FIRST_RUN_OVER:
    'The first-run passwords are no longer kept by Resetdesk. Sign in with a password you stored, or ask a Global Administrator to reset it.',
  FILE_NOT_SAVED: 'The file could not be saved there. Choose another folder and try again.',
  FORBIDDEN_SENDER: 'The request did not come from Resetdesk.',
  // A newer search took this one's place before it ran; the app never shows it.
  SEARCH_SUPERSEDED: 'A newer search replaced this one.',
  // Real directories (Active Directory, OpenLDAP): what the server or the network answered.
  DIRECTORY_UNREACHABLE:
    'The directory server did not answer (no server reachable, or it took too long). Nothing was changed. Check the connection profile and the network, then try again.',
  DIRECTORY_TLS_REQUIRED:
    'Passwords are only sent to a directory over an encrypted connection (ldaps:// or StartTLS). Nothing was sent. Change the connection profile.',
  DIRECTORY_CERTIFICATE:
    "The directory server's certificate is not trusted or does not match its name, so Resetdesk did not talk to it. Check the profile's CA file and server address.",
  DIRECTORY_ACCESS_DENIED:
    'The directory refused: this account has no Reset Password right on that user. Ask a directory administrator to delegate it.',
  DIRECTORY_CONNECTION_LOST:
    'The directory server stopped answering in the middle of the change. Check the user in the directory before trying again.',
  // The modify was sent and its answer lost: the server may have made the change. Never audited as a failure.
  DIRECTORY_OUTCOME_UNKNOWN:
    'The directory server stopped answering after the change was sent, so it may or may not have been made. Resetdesk will check the user in the directory and record in the audit what it finds.',
  DIRECTORY_ERROR: 'The directory refused the operation.',
  // The local replica's full read (issue 18): the server stops a paged read of every user; the detail names the setting.
  DIRECTORY_READ_LIMITED:
    'The directory refused to list every user (a size limit, or no right to page through results), so Resetdesk cannot keep a local copy for search. Search goes to the server and finds at most its limit. Ask the directory administrator to lift the limit for the helpdesk.',
  DIRECTORY_PROFILE_NOT_FOUND:
    'No directory connection by that name. "resetdesk directory list" shows them; "resetdesk directory add" makes one.',
  // Who may change connections (main/app/profile-changes.ts); the detail says who asked, signed in where, holding what.
  CONNECTION_CHANGE_REFUSED:
    "Only a Global Administrator signed in to the directory in use can add, change, test, remove or switch directory connections; one signed in to a stored connection's own directory may also change, remove or switch to that connection.",
  // Who may change the tenant's settings (main/services.ts); the detail says what was asked.
  SETTINGS_CHANGE_REFUSED:
    "Only a Global Administrator can change the tenant's settings: caller verification, password history, banned passwords, temporary-password lifetime, password writeback, and mail and SMS delivery.",
  // Caller verification: the caller proves they are the user before a reset or unlock.
  CALLER_NOT_VERIFIED:
    "Verify the caller first: ask them to read back a code sent to one of the user's verification methods, or their authenticator app's current code.",
  VERIFICATION_METHOD_UNAVAILABLE: 'This user has no verification method of that kind registered.',
  VERIFICATION_NOT_STARTED: 'No code is waiting for this user. Send a code first.',
  VERIFICATION_CODE_WRONG: 'That is not the code that was sent. Ask the caller to read it again.',
  VERIFICATION_EXPIRED: 'That code has expired (a code is valid for 10 minutes). Send a new code.',
  VERIFICATION_SEND_LIMIT:
    'Five codes were sent to this user by that method in the last hour (a send that failed counts), the most Resetdesk sends: wait, or verify the caller another way.',
  VERIFICATION_ATTEMPTS_EXCEEDED:
    'Five wrong codes: this verification attempt has ended. If the caller really is the user, send a new code.',
  // Delivery of codes, notifications and out-of-band passwords.
  DELIVERY_NOT_CONFIGURED:
    'Sending by that channel is not set up for this tenant. A Global Administrator can set it up with resetdesk delivery smtp (email) or resetdesk delivery sms.',
  DELIVERY_FAILED: 'The message could not be delivered.',
  SECRET_STORE_UNAVAILABLE:
    'The system keychain is not available, so Resetdesk cannot read or keep a secret it needs. Unlock the keychain (on Linux, start the Secret Service) and try again.',
  // Reading (users, the audit, settings…) needs an admin role that allows it; the detail names which.
  ROLE_REQUIRED: "Your admin role doesn't allow this.",
  // The local file (settings, audit, profiles; the embedded users).
  LOCAL_FILE_UNSAFE:
    "Other accounts on this computer can write to Resetdesk's local file or its folder, so Resetdesk will not use it. Make them yours only (chmod 600 the file, 700 its folder).",
  // The detail says what was changed: nothing, except for a directory change whose outcome could not be recorded.
  LOCAL_FILE_FULL:
    "The disk holding Resetdesk's local file is full, so Resetdesk could not write to it. Free some space, then try again.",
  LOCAL_FILE_IO:
    "The disk could not read or write Resetdesk's local file (an input/output error). Check the disk, then try again.",
  // The team's database (PostgreSQL), reached by the team server; the detail says what to check.
  STORE_UNAVAILABLE: "The team's database did not answer, so nothing was read or changed. Try again when it is back.",
  STORE_AUTH_FAILED: "The team's database refused the account or password it was given. Nothing was changed.",
  STORE_TLS_FAILED:
    "The team's database could not be reached over a trusted TLS connection (its certificate is not signed by the CA given, or names another host). Nothing was changed.",
  STORE_SCHEMA_NEWER: "The team's database was set up by a newer version of Resetdesk. Update Resetdesk to use it.",
  INTERNAL: 'Something went wrong and nothing was changed. Try again.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_MESSAGES, value);
}

/** The serialisable shape every boundary (CLI, IPC) sends. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** Extra facts for the agent, appended to the fixed message. Never a secret. */
  readonly detail: string | undefined;

  constructor(code: ErrorCode, detail?: string) {
    super(detail ? `${ERROR_MESSAGES[code]} ${detail}` : ERROR_MESSAGES[code]);
    this.name = 'DomainError';
    this.code = code;
    this.detail = detail;
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message };
  }
}

/**
 * Maps anything thrown to the payload a boundary may show. Unknown errors become
 * INTERNAL with the fixed message: their text might carry SQL, paths or input.
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof DomainError) return error.toPayload();
  return { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL };
}
