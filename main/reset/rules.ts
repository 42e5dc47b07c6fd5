import type { ErrorCode } from '../domain/errors';
import type { DirectoryUser, TenantSettings } from '../domain/types';
import { canResetAnyone, uncoveredRoles } from './roles';

export type RefusalCode = Extract<
  ErrorCode,
  | 'SELF_RESET'
  | 'INSUFFICIENT_ROLE'
  | 'NOT_HOME_TENANT'
  | 'EXTERNAL_AUTHORITY'
  | 'FEDERATED_DOMAIN'
  | 'WRITEBACK_DISABLED'
  | 'ADMIN_COUNT'
>;

/**
 * How the new password is chosen:
 * - 'generated': cloud users, as in Entra's admin center (a typed one is refused);
 * - 'typed': on-premises users of the embedded file, whose Entra admin center asks for a typed one;
 * - 'either': users of a directory the app writes to itself (Active Directory, OpenLDAP): generated
 *   by default, or typed by the agent, as Active Directory Users and Computers lets them.
 */
export type PasswordMode = 'generated' | 'typed' | 'either';

/** The password mode of a target (see PasswordMode), by its source and where the app writes. */
export function passwordModeOf(target: Pick<DirectoryUser, 'source'>, context: DecisionContext = {}): PasswordMode {
  if (target.source !== 'onPremises') return 'generated';
  return context.writesToSource ? 'either' : 'typed';
}

export type Verdict =
  | { allowed: true; passwordMode: PasswordMode }
  | { allowed: false; code: RefusalCode; detail?: string };

export interface ActorView {
  id: string;
  roles: readonly string[];
}

/**
 * May this actor reset this target's password (or unlock the account)? Entra's
 * rules, checked in this order so the reason given is the one that matters:
 *
 * 1. nobody admin-resets their own password (they change it);
 * 2. an agent with no resetting role can reset nobody;
 * 3. what no agent of this tenant can do, whatever the role: guests homed
 *    elsewhere, External Azure AD users, synced users in a federated domain, synced
 *    users without password writeback, synced accounts with AdminCount=1. Saying
 *    this before a role gap stops an agent escalating to a Global Administrator
 *    who could not help either;
 * 4. every role the target holds must be covered by the agent's roles.
 */
export interface DecisionContext {
  /**
   * The app writes to the directory the user signs in to (Active Directory,
   * OpenLDAP), not to Entra's cloud copy of a synced user: writeback and
   * federation, which are about that copy, do not apply. AdminCount=1 still
   * does (AdminSDHolder strips delegated rights from protected accounts).
   */
  writesToSource?: boolean;
}

export function decideReset(
  actor: ActorView,
  target: DirectoryUser,
  tenant: TenantSettings,
  context: DecisionContext = {},
): Verdict {
  if (actor.id === target.id) return { allowed: false, code: 'SELF_RESET' };
  if (!canResetAnyone(actor.roles)) {
    return { allowed: false, code: 'INSUFFICIENT_ROLE', detail: 'Your roles cannot reset any password.' };
  }
  if (target.userType === 'guest' && target.guestHome !== null) {
    return { allowed: false, code: 'NOT_HOME_TENANT' };
  }
  if (target.source === 'externalAzureAD') return { allowed: false, code: 'EXTERNAL_AUTHORITY' };
  if (target.source === 'onPremises') {
    if (!context.writesToSource && target.domainType === 'federated') return { allowed: false, code: 'FEDERATED_DOMAIN' };
    if (!context.writesToSource && !tenant.passwordWriteback) return { allowed: false, code: 'WRITEBACK_DISABLED' };
    if (target.adminCount === 1) return { allowed: false, code: 'ADMIN_COUNT' };
  }
  const uncovered = uncoveredRoles(actor.roles, target.roles);
  if (uncovered.length > 0) {
    return {
      allowed: false,
      code: 'INSUFFICIENT_ROLE',
      detail: `This user holds ${uncovered.join(', ')}, which your roles do not cover.`,
    };
  }
  return { allowed: true, passwordMode: passwordModeOf(target, context) };
}
