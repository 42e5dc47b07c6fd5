/**
 * Changes made in the product slapd "with the admin tools, not through the
 * product" (issue 18's incremental sync): ldapmodify as the rootdn renames
 * users (displayName and sn), adds a few and deletes a few, on the writable
 * copy of the bench mdb (product-slapd.ts: the cached one never changes).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'ldapts';
import { PEOPLE_DN } from './ldif';
import type { RunningProductSlapd } from './product-slapd';

const run = promisify(execFile);

/** The surname every renamed user gets: one word no bench user has, so a search for it finds exactly the renamed. */
export const RENAMED_SN = 'Quillfeather';

export interface ChangePlan {
  renamed: number;
  added: number;
  deleted: number;
}

/** The DNs of the first `count` users under ou=people, as the rootdn (no size limit) reads them. */
export async function someUsers(slapd: RunningProductSlapd, count: number): Promise<string[]> {
  const client = new Client({ url: slapd.url, tlsOptions: { ca: readFileSync(slapd.ca), rejectUnauthorized: true }, timeout: 60_000 });
  try {
    await client.bind(slapd.admin.dn, slapd.admin.password);
    for await (const page of client.searchPaginated(PEOPLE_DN, { scope: 'one', filter: '(objectClass=inetOrgPerson)', attributes: ['1.1'], paged: { pageSize: count } })) {
      return page.searchEntries.map((e) => e.dn);
    }
    return [];
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** The LDIF of a plan over `dns` (renamed first, then deleted): `round` keeps the added users' names apart between calls. */
function changeLdif(dns: readonly string[], plan: ChangePlan, round: number): string {
  const out: string[] = [];
  for (const dn of dns.slice(0, plan.renamed)) {
    out.push(`dn: ${dn}`, 'changetype: modify', 'replace: displayName', `displayName: Renamed ${RENAMED_SN}`, '-', 'replace: sn', `sn: ${RENAMED_SN}`, '-', '');
  }
  for (let i = 0; i < plan.added; i++) {
    const uid = `replica.bench.${round}.${i}`;
    out.push(`dn: uid=${uid},${PEOPLE_DN}`, 'changetype: add', 'objectClass: inetOrgPerson', `uid: ${uid}`, `cn: Added ${RENAMED_SN}`,
      `displayName: Added ${RENAMED_SN}`, 'givenName: Added', `sn: ${RENAMED_SN}`, `mail: ${uid}@contoso.com`, '');
  }
  for (const dn of dns.slice(plan.renamed, plan.renamed + plan.deleted)) out.push(`dn: ${dn}`, 'changetype: delete', '');
  return out.join('\n');
}

/** Applies the plan with ldapmodify (the rootdn's password in a 0600 file, not on the command line); resolves when slapd has them all. */
export async function makeChanges(slapd: RunningProductSlapd, plan: ChangePlan, round = 1): Promise<{ ms: number }> {
  const dns = await someUsers(slapd, plan.renamed + plan.deleted);
  if (dns.length < plan.renamed + plan.deleted) throw new Error(`only ${dns.length} users to change`);
  const dir = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-changes-'));
  try {
    const ldif = path.join(dir, 'changes.ldif');
    const secret = path.join(dir, 'admin.pw');
    writeFileSync(ldif, changeLdif(dns, plan, round), { mode: 0o600 });
    writeFileSync(secret, slapd.admin.password, { mode: 0o600 });
    const t0 = performance.now();
    await run('ldapmodify', ['-H', slapd.url, '-x', '-D', slapd.admin.dn, '-y', secret, '-f', ldif], {
      env: { ...process.env, LDAPTLS_CACERT: slapd.ca, LDAPTLS_REQCERT: 'demand' },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 10 * 60_000,
    });
    return { ms: performance.now() - t0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
