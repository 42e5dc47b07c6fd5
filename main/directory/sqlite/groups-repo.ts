import type { Database, Statement } from 'better-sqlite3';
import { RowBatch } from './row-batch';

/** Groups and memberships. The engine does not use them yet; the sample and later reports do. */
export class GroupsRepo {
  readonly #insert: Statement;
  readonly #addMember: Statement;
  readonly #db: Database;
  readonly #namesOf: Statement<[string], { name: string }>;

  constructor(db: Database) {
    this.#db = db;
    this.#insert = db.prepare('INSERT INTO groups (name, description) VALUES (?, ?)');
    this.#addMember = db.prepare(`
      INSERT INTO group_members (group_id, user_rowid)
      SELECT g.id, u.rowid FROM groups g, users u WHERE g.name = ? AND u.upn = ?`);
    this.#namesOf = db.prepare(`
      SELECT g.name FROM groups g
      JOIN group_members m ON m.group_id = g.id JOIN users u ON u.rowid = m.user_rowid
      WHERE u.object_id = ? ORDER BY g.name`);
  }

  /** Returns the new group's id, for memberWriter. */
  create(name: string, description: string): number {
    return Number(this.#insert.run(name, description).lastInsertRowid);
  }

  addMember(groupName: string, upn: string): void {
    const { changes } = this.#addMember.run(groupName, upn);
    if (changes !== 1) throw new Error(`cannot add ${upn} to unknown group ${groupName}`);
  }

  /**
   * addMember's form for bulk loads (init --sample): group ids and user rowids already known,
   * so no lookups, and a hundred memberships a statement (RowBatch). Call flush() after the
   * last one, inside the same transaction.
   */
  memberWriter(): { add(groupId: number, userRowid: number): void; flush(): void } {
    const rows = new RowBatch(this.#db, 'INSERT INTO group_members (group_id, user_rowid)', 2);
    return { add: (groupId, userRowid) => rows.add(groupId, userRowid), flush: () => rows.flush() };
  }

  groupsOf(userId: string): string[] {
    return this.#namesOf.all(userId).map((r) => r.name);
  }
}
