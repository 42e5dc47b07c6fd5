/**
 * A search's state filters (main/domain/user-filter.ts) as LDAP filter
 * clauses, per schema, read from the same attributes the mappings decide the
 * state by (ad-mapping.ts, openldap-mapping.ts). The clauses narrow what the
 * server sends; each mapped user is then checked with matchesFilter, which has
 * the last word (a lockout whose duration ran out still has its lockoutTime
 * or pwdAccountLockedTime until the next sign-in clears it).
 *
 * null: no user of this directory can be in that state, so nothing is asked
 * (AD and OpenLDAP users are on-premises members: never guests, never cloud).
 */
import type { UserFilter } from '../../domain/user-filter';
import type { UserRef } from '../directory';
import type { FilterNode } from './filter';
import { ADMIN_LOCKED_TIME } from './openldap-mapping';

/** LDAP_MATCHING_RULE_BIT_AND: userAccountControl:1.2.840.113556.1.4.803:=2 is "disabled". */
const BIT_AND = '1.2.840.113556.1.4.803';
const UF_ACCOUNTDISABLE = '2';

export interface StateClauseContext {
  /** The profile's group DN → role mapping: an admin holds a role through one of these groups. */
  roleGroups: Readonly<Record<string, string>>;
  /** Users with an open temporary password (the local file's), or null when too many to name in a filter. */
  openTemporaryIds: readonly string[] | null;
  /** The clause naming one user by id (objectGUID, entryUUID); null for an id this directory cannot name. */
  refFilter(ref: UserRef): FilterNode | null;
}

/** What both schemas share: the states held outside the lock attributes. */
function commonClauses(filter: UserFilter, context: StateClauseContext): FilterNode[] | null {
  if (filter.guests || filter.source === 'cloud') return null;
  const clauses: FilterNode[] = [];
  if (filter.admins) {
    const groups = Object.keys(context.roleGroups);
    if (groups.length === 0) return null;
    clauses.push(anyOf(groups.map((dn): FilterNode => ({ equals: 'memberOf', value: dn }))));
  }
  if (filter.temporaryPassword && context.openTemporaryIds !== null) {
    const named = context.openTemporaryIds.flatMap((id) => context.refFilter({ id }) ?? []);
    if (named.length === 0) return null;
    clauses.push(anyOf(named));
  }
  return clauses;
}

function anyOf(nodes: FilterNode[]): FilterNode {
  return nodes.length === 1 ? nodes[0]! : { or: nodes };
}

/** Active Directory: lockoutTime set (locked, or was), the disabled bit of userAccountControl. */
export function adStateClauses(filter: UserFilter, context: StateClauseContext): FilterNode[] | null {
  const clauses = commonClauses(filter, context);
  if (clauses === null) return null;
  if (filter.locked) clauses.push({ atLeast: 'lockoutTime', value: '1' });
  if (filter.disabled) clauses.push({ extensible: 'userAccountControl', rule: BIT_AND, value: UF_ACCOUNTDISABLE });
  return clauses;
}

/** OpenLDAP ppolicy: a lock time other than the administrative one is a lockout; the administrative one is "disabled". */
export function openLdapStateClauses(filter: UserFilter, context: StateClauseContext): FilterNode[] | null {
  const clauses = commonClauses(filter, context);
  if (clauses === null) return null;
  const administrative: FilterNode = { equals: 'pwdAccountLockedTime', value: ADMIN_LOCKED_TIME };
  if (filter.locked) clauses.push({ and: [{ present: 'pwdAccountLockedTime' }, { not: administrative }] });
  if (filter.disabled) clauses.push(administrative);
  return clauses;
}
