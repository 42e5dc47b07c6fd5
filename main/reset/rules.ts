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

/** How the new password is chosen: generated for cloud users, typed by the agent for on-premises users. */
export type PasswordMode = 'generated' | 'typed';

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
  // Entra's admin center asks for a typed password for synced users; written to the source, it is generated.
  const typed = target.source === 'onPremises' && !context.writesToSource;
  return { allowed: true, passwordMode: typed ? 'typed' : 'generated' };
}
