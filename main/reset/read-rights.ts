/**
 * Who may read what, in Entra's terms. Changes are decided elsewhere (the
 * engine for resets and unlocks, Global Administrator for settings and
 * connections); this is the reading side, which the IPC gate, the CLI (an
 * agent signed in with --as) and the renderer's screens all follow.
 *
 * - users (search, the user pane, the temporary passwords, verification
 *   methods, the live password check): the roles that may reset someone
 *   (roles.ts RESETTING_ROLES), as the user pane is where a reset starts, and
 *   Global Reader, which reads every user property an administrator reads.
 *   Directory Readers and no role at all: refused (Entra shows them basic
 *   profiles, not lockout state, contact methods or reset history).
 * - audit (the Audit screen, its export, the pane's recent activity): Entra's
 *   audit-log readers ("What are Microsoft Entra audit logs?", roles for the
 *   audit log: Reports Reader, Security Reader, Security Administrator,
 *   Global Reader; Global Administrator reads everything), and the roles that
 *   reset: this trail holds only the helpdesk's own work, and an agent follows
 *   a call up from it (who reset this user, when, sent where).
 * - settings (tenant policy, delivery, the app's timers): every role above,
 *   since each works under them; nobody else.
 * - directories (the connection profiles): Global Administrator, who changes
 *   them, and Global Reader, who reads every configuration.
 * - outbox (the sample's delivered mail and SMS: codes and sent passwords):
 *   the roles that reset, who send them; a reader has no business with codes.
 */
import { DomainError } from '../domain/errors';
import { ROLES } from '../domain/roles';
import { RESETTING_ROLES } from './roles';

export const READ_RIGHTS = ['users', 'audit', 'settings', 'directories', 'outbox'] as const;
export type ReadRight = (typeof READ_RIGHTS)[number];

const USER_READERS: readonly string[] = [...RESETTING_ROLES, ROLES.globalReader];
const AUDIT_READERS: readonly string[] = [
  ROLES.globalAdministrator,
  ROLES.globalReader,
  ROLES.securityAdministrator,
  ROLES.securityReader,
  ROLES.reportsReader,
  ...RESETTING_ROLES,
];

/** The roles that may read each thing, in the order an error message names them. */
export const READERS: Readonly<Record<ReadRight, readonly string[]>> = {
  users: USER_READERS,
  audit: unique(AUDIT_READERS),
  settings: unique([...AUDIT_READERS, ...USER_READERS]),
  directories: [ROLES.globalAdministrator, ROLES.globalReader],
  outbox: RESETTING_ROLES,
};

/** What each right is called in a refusal ("Reading the audit needs…"). */
const WHAT: Record<ReadRight, string> = {
  users: 'users',
  audit: 'the audit',
  settings: 'the settings',
  directories: 'the directory connections',
  outbox: 'the sample outbox',
};

function unique(roles: readonly string[]): string[] {
  return [...new Set(roles)];
}

export function mayRead(right: ReadRight, roles: readonly string[]): boolean {
  const readers = READERS[right];
  return roles.some((role) => readers.includes(role));
}

/** ROLE_REQUIRED naming the roles that may read it, or null when these roles may. */
export function readRefusal(right: ReadRight, roles: readonly string[]): DomainError | null {
  if (mayRead(right, roles)) return null;
  return new DomainError('ROLE_REQUIRED', `Reading ${WHAT[right]} needs one of these roles: ${READERS[right].join(', ')}.`);
}

/** Throws readRefusal's error: for the CLI and handlers that read as an agent. */
export function requireRead(right: ReadRight, roles: readonly string[]): void {
  const refusal = readRefusal(right, roles);
  if (refusal) throw refusal;
}

/**
 * What the signed-in agent's roles let them use, for the window to offer only
 * that (main enforces it on every call whatever the window shows).
 */
export interface AgentRights {
  readUsers: boolean;
  readAudit: boolean;
  readSettings: boolean;
  readDirectories: boolean;
  readOutbox: boolean;
  // Whether they may change connections is not here: the Directories screen is told with the list (profile-changes.ts).
}

export function rightsOf(roles: readonly string[]): AgentRights {
  return {
    readUsers: mayRead('users', roles),
    readAudit: mayRead('audit', roles),
    readSettings: mayRead('settings', roles),
    readDirectories: mayRead('directories', roles),
    readOutbox: mayRead('outbox', roles),
  };
}
