/**
 * The query classes of the million-user search issue, with their concrete
 * queries. Fixed ones come from the measurements; the UPN, mail,
 * department and phone queries are taken from users of the directory itself
 * (evenly spread rows, so the same directory always gives the same queries).
 */
import BetterSqlite3 from 'better-sqlite3';
import type { UserFilter } from '../../main/domain/user-filter';

export interface QueryClass {
  name: string;
  queries: string[];
  /** The app's state filters on (issue 17): measured on our engine only, slapd has no equivalent. */
  filter?: UserFilter;
}

/** The "15 typical prefixes (al, mar, sofia g, lopez …)". */
const TYPICAL = ['al', 'mar', 'sofia g', 'lopez', 'jo', 'chen', 'kim', 'garc', 'nguy', 'patel', 'mich', 'dan', 'ann', 'schm', 'priya s'];

const PICKS = 5;

interface Picked {
  upn: string;
  mail: string | null;
  department: string | null;
  business_phone: string | null;
}

export function queryClasses(dbPath: string): QueryClass[] {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    const max = (db.prepare('SELECT max(rowid) AS m FROM users').get() as { m: number }).m;
    const pick = db.prepare(
      `SELECT upn, mail, department, business_phone FROM users
       WHERE rowid >= ? AND mail IS NOT NULL AND business_phone IS NOT NULL AND department IS NOT NULL
       ORDER BY rowid LIMIT 1`,
    );
    const users: Picked[] = [];
    for (let i = 1; i <= PICKS; i++) {
      const row = pick.get(Math.floor((max * i) / (PICKS + 1))) as Picked | undefined;
      if (row) users.push(row);
    }
    const departments = (db.prepare('SELECT DISTINCT department AS d FROM users WHERE department IS NOT NULL ORDER BY 1 LIMIT ?').all(PICKS) as { d: string }[]).map((r) => r.d);
    const phones = users.map((u) => u.business_phone!);
    return [
      { name: 'typical prefixes (15)', queries: TYPICAL },
      { name: 'one letter', queries: ['a', 'e', 'j', 'm', 's'] },
      { name: 'two letters', queries: ['al', 'ma', 'jo', 'ch', 'ke'] },
      { name: 'pasted full UPN', queries: users.map((u) => u.upn) },
      { name: 'phone fragment', queries: ['+1 (425) 555-01'] },
      { name: 'UPN (local part)', queries: users.map((u) => u.upn.split('@')[0]!) },
      { name: 'mail', queries: users.map((u) => u.mail!) },
      { name: 'department', queries: departments },
      { name: 'phone with country code', queries: phones },
      // "+1 425 555 0195" → "4255550195": the national number as an agent types it.
      { name: 'phone without country code', queries: phones.map((p) => p.replace(/^\+\d+\s*/, '').replace(/\D/g, '')) },
    ];
  } finally {
    db.close();
  }
}

/**
 * Browsing by state (issue 17): each filter with no text (its users by name,
 * from its index), and with text that matches many, where the search reads
 * from the smaller side: the filter's few users (admin roles), or the ranges
 * with the filter checked row by row (locked out, synced: thousands at 1M).
 */
export function filteredQueryClasses(): QueryClass[] {
  const letters = ['a', 'e', 'j', 'm', 's'];
  return [
    { name: 'locked out, no text', queries: [''], filter: { locked: true } },
    { name: 'disabled, no text', queries: [''], filter: { disabled: true } },
    { name: 'admin roles, no text', queries: [''], filter: { admins: true } },
    { name: 'temporary password, no text', queries: [''], filter: { temporaryPassword: true } },
    { name: 'locked out + one letter', queries: letters, filter: { locked: true } },
    { name: 'admin roles + one letter', queries: letters, filter: { admins: true } },
    { name: 'synced + typical prefixes', queries: TYPICAL, filter: { source: 'onPremises' } },
    { name: 'locked out + synced + two letters', queries: ['al', 'ma', 'jo', 'ch', 'ke'], filter: { locked: true, source: 'onPremises' } },
  ];
}

export const OFFSETS = [0, 100] as const;
export const LIMIT = 20;
