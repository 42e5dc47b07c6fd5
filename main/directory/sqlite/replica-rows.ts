/**
 * A real directory's user as its replica row holds it (migration 11's
 * `replica_users`): what the results list shows and the search keys are made
 * of, as the LDAP mapping read them. Nothing secret: no password data, no
 * verification values beyond what the list already shows.
 */
import type { DirectoryUser, UserSummary } from '../../domain/types';
import { toSummary, type SummaryRow, type UserRow } from './users-repo';
import { sortName } from './search-keys';

/**
 * locked_until of a lock with no end (AD's lockoutDuration 0, OpenLDAP's
 * pwdLockoutDuration 0: until an administrator unlocks): later than any
 * `now`, so "locked now" is one comparison for both kinds. The latest
 * instant a JavaScript Date holds.
 */
export const LOCKED_NO_END = 8_640_000_000_000_000;

/** A search result's columns: the embedded row's, with the roles kept on the row and no methods to mask a mail with. */
export type ReplicaSummaryRow = Omit<SummaryRow, 'alternate_mails_json'>;

export const REPLICA_SUMMARY_COLUMNS = `u.object_id, u.upn, u.display_name, u.mail, u.department, u.source, u.user_type,
  u.domain_type, u.admin_count, u.account_enabled, u.locked_until, u.roles_json`;

export function replicaSummary(row: ReplicaSummaryRow, now: number): UserSummary {
  // The embedded row's reading, with no methods to mask the mail by; a lock with no end has no end to show.
  const summary = toSummary({ ...row, alternate_mails_json: '[]' }, now);
  return row.locked_until === LOCKED_NO_END ? { ...summary, lockedUntil: null } : summary;
}

/** The row's values, in the order of the writer's INSERT (replica-store.ts). */
export type ReplicaRowValues = Pick<
  UserRow,
  | 'object_id'
  | 'upn'
  | 'display_name'
  | 'given_name'
  | 'surname'
  | 'mail'
  | 'mobile_phone'
  | 'business_phone'
  | 'department'
  | 'job_title'
  | 'source'
  | 'user_type'
  | 'domain_type'
  | 'admin_count'
  | 'account_enabled'
  | 'locked_until'
  | 'roles_json'
> & { sort_name: string };

/** The row's columns, in the writer's order. */
export const REPLICA_COLUMNS = [
  'object_id', 'upn', 'display_name', 'sort_name', 'given_name', 'surname', 'mail', 'mobile_phone', 'business_phone',
  'department', 'job_title', 'source', 'user_type', 'domain_type', 'admin_count', 'account_enabled', 'locked_until', 'roles_json',
] as const satisfies readonly (keyof ReplicaRowValues)[];

/** A mapped directory user as its replica row: the lock as an instant (or LOCKED_NO_END), the roles sorted. */
export function replicaRowOf(user: DirectoryUser): ReplicaRowValues {
  let lockedUntil: number | null = null;
  if (user.locked) lockedUntil = user.lockedUntil === null ? LOCKED_NO_END : Date.parse(user.lockedUntil);
  return {
    object_id: user.id,
    upn: user.upn,
    display_name: user.displayName,
    sort_name: sortName(user.displayName),
    given_name: user.givenName,
    surname: user.surname,
    mail: user.mail,
    mobile_phone: user.mobilePhone,
    business_phone: user.businessPhone,
    department: user.department,
    job_title: user.jobTitle,
    source: user.source,
    user_type: user.userType,
    domain_type: user.domainType,
    admin_count: user.adminCount,
    account_enabled: user.enabled ? 1 : 0,
    locked_until: lockedUntil,
    roles_json: JSON.stringify([...user.roles].sort()),
  };
}
