import type { Database } from 'better-sqlite3';

/**
 * One numbered schema migration (migrations.ts holds the list and runs them).
 * Its own file so a migration kept in a file of its own
 * (migration-11-replicas.ts) and the list both import it one way.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
