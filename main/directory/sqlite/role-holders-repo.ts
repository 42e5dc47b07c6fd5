import type { Database, Statement } from 'better-sqlite3';
import type { AdministratorContact } from '../directory';

interface HolderRow {
  upn: string;
  display_name: string;
  mail: string | null;
}

/**
 * Who holds a role, for the notices that go to every holder (Entra writes to
 * every Global Administrator when an administrator's password is reset).
 * Enabled accounts only: a disabled administrator reads no mail from us.
 */
export class RoleHoldersRepo {
  readonly #holders: Statement<[string, number], HolderRow>;

  constructor(db: Database) {
    // role_assignments is keyed by user: the role is found by a scan of that small
    // table (only agents hold roles), then each user row by its rowid.
    this.#holders = db.prepare(`
      SELECT u.upn, u.display_name, u.mail
        FROM role_assignments r JOIN users u ON u.rowid = r.user_rowid
       WHERE r.role = ? AND u.account_enabled = 1
       ORDER BY u.upn
       LIMIT ?`);
  }

  /** At most `limit` enabled holders of `role`, by UPN; mail in clear (main only). */
  enabledHolders(role: string, limit: number): AdministratorContact[] {
    return this.#holders.all(role, limit).map((row) => ({
      upn: row.upn,
      displayName: row.display_name,
      mail: row.mail === '' ? null : row.mail,
    }));
  }
}
