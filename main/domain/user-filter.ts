/**
 * The states a user search can be narrowed to, as Entra's "All users" filters
 * them: locked out, disabled, guests, where the account is mastered (cloud or
 * synced from on-premises), holders of an admin role, and users whose
 * temporary password (issued through Resetdesk) is not yet replaced. Every
 * filter set must hold (they combine with AND, and with the search text).
 *
 * Plain data shared by main, the CLI and (as JSON) the renderer. What each one
 * means for a listed user is `matchesFilter`: the in-memory index applies it
 * row by row; the embedded search writes the same rules as SQL
 * (main/directory/sqlite/search-filter.ts), and an LDAP search as filter
 * clauses (main/directory/ldap/filter.ts).
 */
import type { UserSummary } from './types';

/** Where the account is mastered, as a filter names it: `onPremises` is what the list badges "Synced". */
export const FILTER_SOURCES = ['cloud', 'onPremises'] as const;
export type FilterSource = (typeof FILTER_SOURCES)[number];

export interface UserFilter {
  /** Locked out now (a lockout that has run out does not count). */
  locked?: boolean;
  disabled?: boolean;
  guests?: boolean;
  /** Holding at least one admin role. */
  admins?: boolean;
  source?: FilterSource;
  /**
   * Issued a temporary password through Resetdesk that they have not replaced
   * yet (the "Temporary passwords" view's rows: outstanding, used or expired).
   */
  temporaryPassword?: boolean;
}

/** Open temporary passwords a search reads at most to filter by them (one per user: a reset supersedes the last). */
export const OPEN_TEMPORARY_MAX = 100_000;

/** The on/off filters, in the order the app and the CLI list them. */
export const FLAG_FILTERS = ['locked', 'disabled', 'guests', 'admins', 'temporaryPassword'] as const;
export type FlagFilter = (typeof FLAG_FILTERS)[number];

/** The filter with only what narrows (false and absent alike dropped): one shape per meaning. */
export function normalizeFilter(filter: UserFilter | undefined): UserFilter {
  const out: UserFilter = {};
  if (!filter) return out;
  for (const flag of FLAG_FILTERS) if (filter[flag]) out[flag] = true;
  if (filter.source) out.source = filter.source;
  return out;
}

export function isEmptyFilter(filter: UserFilter | undefined): boolean {
  return Object.keys(normalizeFilter(filter)).length === 0;
}

/** A stable name for a filter (statement caches, the renderer's request keys). */
export function filterKey(filter: UserFilter | undefined): string {
  const f = normalizeFilter(filter);
  return [...FLAG_FILTERS.filter((flag) => f[flag]), ...(f.source ? [`source=${f.source}`] : [])].join(',');
}

/** Locked as of `now`: a lock with an end that has passed is over. */
export function lockedAt(user: Pick<UserSummary, 'locked' | 'lockedUntil'>, now: number): boolean {
  if (user.lockedUntil === null) return user.locked;
  return Date.parse(user.lockedUntil) > now;
}

/**
 * Whether a listed user passes the filter. `openTemporary` holds the ids of
 * the users with an open temporary password (asked only when that filter is on).
 */
export function matchesFilter(
  user: UserSummary,
  filter: UserFilter,
  now: number,
  openTemporary: ReadonlySet<string> = new Set(),
): boolean {
  if (filter.locked && !lockedAt(user, now)) return false;
  if (filter.disabled && user.enabled) return false;
  if (filter.guests && user.userType !== 'guest') return false;
  if (filter.admins && user.roles.length === 0) return false;
  if (filter.source && user.source !== filter.source) return false;
  if (filter.temporaryPassword && !openTemporary.has(user.id)) return false;
  return true;
}
