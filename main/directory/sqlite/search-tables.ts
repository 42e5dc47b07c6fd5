/**
 * Which tables a search reads: the embedded directory's own (`users`,
 * `search_keys`), or one replica's of a real directory (`replica_users`,
 * `replica_search_keys`, migration 11, scoped to that replica by a leading
 * `replica_id` in every index). The statements of search.ts and
 * search-filtered.ts are the same for both; only the names, the scope and the
 * way a row becomes a UserSummary differ. So a search over a remote directory
 * is the same B-tree range scans as one over the embedded file.
 *
 * Every part is a literal of ours (the replica's id is an integer from its own
 * table), never typed text: the statements are prepared once per search.
 */
import type { UserSummary } from '../../domain/types';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './users-repo';
import { replicaSummary, REPLICA_SUMMARY_COLUMNS, type ReplicaSummaryRow } from './replica-rows';

export interface SearchTables {
  /** The users table (aliased `u` where a statement joins). */
  readonly users: string;
  /** The (key, user) table. */
  readonly keys: string;
  /** The condition that keeps a statement to this set of users, ending in AND ('' for the embedded file); `alias` qualifies the column. */
  scope(alias?: string): string;
  /** The index of users by folded name, for INDEXED BY. */
  readonly sortIndex: string;
  /** The list's columns of `u`, as summaryOf reads them. */
  readonly summaryColumns: string;
  summaryOf(row: SummaryRow & ReplicaSummaryRow, now: number): UserSummary;
  /** The order of "everyone" (an empty query). */
  readonly everyoneOrder: string;
  /** The condition "holds an admin role" on the row `alias`. */
  admins(alias: string): string;
}

export const EMBEDDED_TABLES: SearchTables = {
  users: 'users',
  keys: 'search_keys',
  scope: () => '',
  sortIndex: 'users_sort_name',
  summaryColumns: SUMMARY_COLUMNS,
  summaryOf: (row, now) => toSummary(row, now),
  // users_display_name: the order the embedded list has always had.
  everyoneOrder: 'u.display_name COLLATE NOCASE, u.rowid',
  admins: (alias) => `${alias}.rowid IN (SELECT user_rowid FROM role_assignments)`,
};

/** One replica's rows (its id from the `replicas` table). */
export function replicaTables(replicaId: number): SearchTables {
  if (!Number.isSafeInteger(replicaId) || replicaId < 1) throw new Error(`not a replica id: ${replicaId}`);
  return {
    users: 'replica_users',
    keys: 'replica_search_keys',
    scope: (alias) => `${alias ? `${alias}.` : ''}replica_id = ${replicaId} AND `,
    sortIndex: 'replica_users_sort_name',
    summaryColumns: REPLICA_SUMMARY_COLUMNS,
    summaryOf: (row, now) => replicaSummary(row, now),
    everyoneOrder: 'u.sort_name, u.rowid',
    // The roles are kept on the row (read from the directory's role groups).
    admins: (alias) => `${alias}.roles_json <> '[]'`,
  };
}
