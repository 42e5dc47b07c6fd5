import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { dnValue, entryOf, exportLdif } from '../../../scripts/bench/ldif';

const row = {
  upn: 'sofia.garcia@contoso.com',
  display_name: 'Sofía García',
  given_name: 'Sofía',
  surname: 'García',
  mail: 'sofia.garcia@contoso.com',
  mobile_phone: '+1 425 555 0195',
  business_phone: null,
  department: 'Sales',
  job_title: null,
};

/** attribute → values of one LDIF entry, base64 values decoded (RFC 2849). */
function parseEntry(text: string): Map<string, string[]> {
  const attributes = new Map<string, string[]>();
  for (const line of text.trim().split('\n')) {
    const m = /^([A-Za-z]+)(::?) (.*)$/.exec(line);
    assert.ok(m, `not an LDIF line: ${line}`);
    const value = m[2] === '::' ? Buffer.from(m[3]!, 'base64').toString('utf8') : m[3]!;
    attributes.set(m[1]!, [...(attributes.get(m[1]!) ?? []), value]);
  }
  return attributes;
}

test('LDIF: non-ASCII names go base64 and come back unchanged; absent fields are left out', () => {
  const text = entryOf(row);
  assert.match(text, /^cn:: /m, 'an accented value is not a SAFE-STRING');
  const entry = parseEntry(text);
  assert.deepEqual(entry.get('cn'), ['Sofía García']);
  assert.deepEqual(entry.get('givenName'), ['Sofía']);
  assert.deepEqual(entry.get('uid'), ['sofia.garcia@contoso.com']);
  assert.deepEqual(entry.get('mobile'), ['+1 425 555 0195']);
  assert.deepEqual(entry.get('ou'), ['Sales']);
  assert.equal(entry.has('telephoneNumber'), false);
  assert.equal(entry.has('title'), false);
  // A leading space or colon would be lost or misread as plain text.
  assert.deepEqual(parseEntry(entryOf({ ...row, department: ' Sales', job_title: ':Lead' })).get('title'), [':Lead']);
  assert.match(entryOf({ ...row, department: ' Sales' }), /^ou:: /m);
});

test('RFC 4514: DN special characters in a UPN are escaped', () => {
  assert.equal(dnValue('o,brien+x@contoso.com'), 'o\\,brien\\+x@contoso.com');
  assert.equal(dnValue('#lead '), '\\#lead\\ ');
  assert.equal(dnValue('adele.vance@contoso.com'), 'adele.vance@contoso.com');
});

test('exportLdif writes the base entries and one inetOrgPerson per user of a real SQLite file, and leaves it unchanged', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-ldif-'));
  try {
    const file = path.join(dir, 'users.sqlite');
    const db = new BetterSqlite3(file);
    db.exec(`CREATE TABLE users (upn TEXT, display_name TEXT, given_name TEXT, surname TEXT, mail TEXT,
      mobile_phone TEXT, business_phone TEXT, department TEXT, job_title TEXT)`);
    const insert = db.prepare('INSERT INTO users VALUES (@upn, @display_name, @given_name, @surname, @mail, @mobile_phone, @business_phone, @department, @job_title)');
    insert.run(row);
    insert.run({ ...row, upn: 'lee.gu@contoso.com', display_name: 'Lee Gu', given_name: 'Lee', surname: null, mail: null });
    db.close();
    const before = readFileSync(file);
    const out = path.join(dir, 'users.ldif');
    assert.equal(await exportLdif(file, out), 2);
    const entries = readFileSync(out, 'utf8').trim().split('\n\n').map(parseEntry);
    assert.deepEqual(entries.map((e) => e.get('dn')![0]), [
      'dc=contoso,dc=com',
      'ou=people,dc=contoso,dc=com',
      'uid=sofia.garcia@contoso.com,ou=people,dc=contoso,dc=com',
      'uid=lee.gu@contoso.com,ou=people,dc=contoso,dc=com',
    ]);
    assert.deepEqual(entries[3]!.get('sn'), ['Lee Gu'], 'sn is required: the display name stands in');
    assert.deepEqual(entries[3]!.get('objectClass'), ['inetOrgPerson']);
    assert.ok(readFileSync(file).equals(before), 'the directory file is read only');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
