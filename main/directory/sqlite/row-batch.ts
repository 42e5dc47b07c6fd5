import type { Database, Statement } from 'better-sqlite3';

/**
 * Rows for one table written many to an INSERT statement, for bulk loads. At a
 * million users, binding, stepping and resetting one statement per small row
 * (a method, a group membership) costs as much as writing the row; a hundred
 * rows a statement halve a load's cost for those tables. Rows wait in memory
 * until a statement's worth is ready (a few kilobytes), so flush() must run
 * before anything reads the table or the transaction ends.
 */
export class RowBatch {
  readonly #one: Statement;
  readonly #many: Statement;
  readonly #width: number;
  readonly #values: unknown[] = [];
  readonly #full: number;

  /** `insert` is `INSERT INTO table (col, ...)` with `width` columns and no VALUES. */
  constructor(db: Database, insert: string, width: number, rowsPerStatement = 100) {
    const row = `(${Array<string>(width).fill('?').join(', ')})`;
    this.#one = db.prepare(`${insert} VALUES ${row}`);
    this.#many = db.prepare(`${insert} VALUES ${Array<string>(rowsPerStatement).fill(row).join(', ')}`);
    this.#width = width;
    this.#full = width * rowsPerStatement;
  }

  add(...row: unknown[]): void {
    if (row.length !== this.#width) throw new Error(`a row of ${row.length} values for ${this.#width} columns`);
    this.#values.push(...row);
    if (this.#values.length === this.#full) {
      this.#many.run(this.#values);
      this.#values.length = 0;
    }
  }

  /** Writes the rows still waiting (fewer than a statement's worth), one statement each. */
  flush(): void {
    for (let at = 0; at < this.#values.length; at += this.#width) this.#one.run(this.#values.slice(at, at + this.#width));
    this.#values.length = 0;
  }
}
