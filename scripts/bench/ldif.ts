/**
 * Exports the directory file's users as LDIF for slapadd: inetOrgPerson with
 * uid (the UPN), cn/displayName, sn, givenName, mail, telephoneNumber (business
 * phone), mobile, ou and departmentNumber (department), title. Read straight
 * from the users table with better-sqlite3, read-only, so the cached file (and
 * the size/mtime key of the slapd cache) is never touched.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import BetterSqlite3 from 'better-sqlite3';
import type { UserRow } from '../../main/directory/sqlite/users-repo';

export const BASE_DN = 'dc=contoso,dc=com';
export const PEOPLE_DN = `ou=people,${BASE_DN}`;

/** The columns exported: the product's own row type, so a renamed column breaks the build, not the bench. */
export type ExportRow = Pick<
  UserRow,
  'upn' | 'display_name' | 'given_name' | 'surname' | 'mail' | 'mobile_phone' | 'business_phone' | 'department' | 'job_title'
>;

/** RFC 2849 SAFE-STRING: ASCII without NUL, CR, LF; not starting with space, ':' or '<'; (ours) not ending in space. */
function isSafeString(value: string): boolean {
  if (value === '' || value.endsWith(' ') || ' :<'.includes(value[0]!)) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0 || c === 10 || c === 13 || c > 127) return false;
  }
  return true;
}

/** RFC 2849: a value that is not a SAFE-STRING goes base64 ("attr:: …"). */
export function line(attribute: string, value: string): string {
  const safe = isSafeString(value);
  return safe ? `${attribute}: ${value}\n` : `${attribute}:: ${Buffer.from(value, 'utf8').toString('base64')}\n`;
}

/** RFC 4514: escape a value for use inside a DN. */
export function dnValue(value: string): string {
  return value.replace(/[,+"\\<>;=]/g, (c) => `\\${c}`).replace(/^[ #]/, (c) => `\\${c}`).replace(/ $/, '\\ ');
}

export function entryOf(row: ExportRow): string {
  let entry = line('dn', `uid=${dnValue(row.upn)},${PEOPLE_DN}`);
  entry += 'objectClass: inetOrgPerson\n';
  entry += line('uid', row.upn);
  entry += line('cn', row.display_name);
  entry += line('displayName', row.display_name);
  entry += line('sn', row.surname ?? row.display_name); // sn is required by person
  if (row.given_name) entry += line('givenName', row.given_name);
  if (row.mail) entry += line('mail', row.mail);
  if (row.business_phone) entry += line('telephoneNumber', row.business_phone);
  if (row.mobile_phone) entry += line('mobile', row.mobile_phone);
  if (row.department) entry += line('ou', row.department) + line('departmentNumber', row.department);
  if (row.job_title) entry += line('title', row.job_title);
  return entry + '\n';
}

/** Writes `head`, then one entry a user of the directory file (rowid order); returns how many users. */
export async function writeLdif(
  dbPath: string,
  outPath: string,
  head: string,
  entry: (row: ExportRow & { rowid: number }) => string,
): Promise<number> {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  const out = createWriteStream(outPath, { mode: 0o600 });
  let count = 0;
  try {
    out.write(head);
    const rows = db
      .prepare(
        `SELECT rowid, upn, display_name, given_name, surname, mail, mobile_phone, business_phone, department, job_title
         FROM users ORDER BY rowid`,
      )
      .iterate() as IterableIterator<ExportRow & { rowid: number }>;
    for (const row of rows) {
      count++;
      if (!out.write(entry(row))) await once(out, 'drain');
    }
  } finally {
    db.close();
    out.end();
    await once(out, 'finish');
  }
  return count;
}

/** Writes the LDIF (base entries first) and returns how many users it holds. */
export function exportLdif(dbPath: string, outPath: string): Promise<number> {
  const head = `dn: ${BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\ndc: contoso\no: Contoso\n\n` + `dn: ${PEOPLE_DN}\nobjectClass: organizationalUnit\nou: people\n\n`;
  return writeLdif(dbPath, outPath, head, entryOf);
}
