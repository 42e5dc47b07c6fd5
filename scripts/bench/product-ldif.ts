/**
 * The LDIF of the bench slapd the product's own OpenLDAP provider reads
 * (product-slapd.ts), in the layout of the test slapd's second suffix
 * (scripts/directories/seed.py, dc=contoso,dc=com): users in ou=people as
 * inetOrgPerson with mail holding the UPN (the profile's UPN attribute), the
 * agent in ou=helpdesk, its role group in ou=groups, the default ppolicy entry
 * in ou=policies. slapadd runs no overlay, so the agent's memberOf is written
 * here, beside the group's member (what the memberof overlay would keep).
 * entryUUID, entryCSN, createTimestamp and modifyTimestamp are slapadd's own.
 */
import { createHash, randomBytes } from 'node:crypto';
import { BASE_DN, dnValue, line, PEOPLE_DN, writeLdif, type ExportRow } from './ldif';

export const HELPDESK_DN = `ou=helpdesk,${BASE_DN}`;
export const GROUPS_DN = `ou=groups,${BASE_DN}`;
export const POLICIES_DN = `ou=policies,${BASE_DN}`;
export const DEFAULT_POLICY_DN = `cn=default,${POLICIES_DN}`;
/** The role group the profile maps to Global Administrator. */
export const GLOBAL_ADMINS_DN = `cn=Resetdesk Global Administrators,${GROUPS_DN}`;
export const AGENT_UPN = 'bench.agent@contoso.com';
export const AGENT_DN = `uid=bench.agent,${HELPDESK_DN}`;

/** slapd's {SSHA}: base64(SHA-1(password + salt) + salt). */
export function ssha(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

function entry(dn: string, attributes: [string, string][]): string {
  return line('dn', dn) + attributes.map(([a, v]) => line(a, v)).join('') + '\n';
}

/** The default policy, as seed.py's policy(): lockout after 5, 30 minutes, passwords expire after 42 days. */
function policyEntry(): string {
  return entry(DEFAULT_POLICY_DN, [
    ['objectClass', 'device'],
    ['objectClass', 'pwdPolicy'],
    ['cn', 'default'],
    ['pwdAttribute', 'userPassword'],
    ['pwdMustChange', 'TRUE'],
    ['pwdLockout', 'TRUE'],
    ['pwdMaxFailure', '5'],
    ['pwdLockoutDuration', '1800'],
    ['pwdFailureCountInterval', '1800'],
    ['pwdMinLength', '8'],
    ['pwdInHistory', '5'],
    ['pwdAllowUserChange', 'TRUE'],
    ['pwdCheckQuality', '1'],
    ['pwdMaxAge', String(42 * 86400)],
  ]);
}

/** Base, OUs, policy, the agent (a Global Administrator by its group) and the group. */
function head(agentPasswordHash: string): string {
  const ou = (dn: string, name: string) => entry(dn, [['objectClass', 'organizationalUnit'], ['ou', name]]);
  return [
    entry(BASE_DN, [['objectClass', 'dcObject'], ['objectClass', 'organization'], ['dc', 'contoso'], ['o', 'Contoso (Resetdesk bench)']]),
    ou(HELPDESK_DN, 'helpdesk'),
    ou(PEOPLE_DN, 'people'),
    ou(GROUPS_DN, 'groups'),
    ou(POLICIES_DN, 'policies'),
    policyEntry(),
    entry(AGENT_DN, [
      ['objectClass', 'inetOrgPerson'],
      ['uid', 'bench.agent'],
      ['cn', 'Bench Agent'],
      ['displayName', 'Bench Agent'],
      ['givenName', 'Bench'],
      ['sn', 'Agent'],
      ['mail', AGENT_UPN],
      ['userPassword', agentPasswordHash],
      ['memberOf', GLOBAL_ADMINS_DN],
    ]),
    entry(GLOBAL_ADMINS_DN, [
      ['objectClass', 'groupOfNames'],
      ['cn', 'Resetdesk Global Administrators'],
      ['description', 'Maps to the Entra role Global Administrator in Resetdesk'],
      ['member', AGENT_DN],
    ]),
  ].join('');
}

/**
 * One user: RDN uid=<local part of the UPN>; a local part already used (the
 * sample has one in seven twice, in other domains) gets .<rowid>, kept as a
 * second uid value as the RDN requires.
 */
export function productEntryWriter(): (row: ExportRow & { rowid: number }) => string {
  const used = new Set<string>();
  return (row) => {
    if (row.upn.toLowerCase() === AGENT_UPN) throw new Error(`the directory file has a user ${AGENT_UPN}: the bench agent's UPN`);
    const local = row.upn.slice(0, row.upn.lastIndexOf('@'));
    let rdn = local;
    if (used.has(local.toLowerCase())) rdn = `${local}.${row.rowid}`;
    used.add(rdn.toLowerCase());
    let out = line('dn', `uid=${dnValue(rdn)},${PEOPLE_DN}`);
    out += 'objectClass: inetOrgPerson\n';
    out += line('uid', local);
    if (rdn !== local) out += line('uid', rdn);
    out += line('cn', row.display_name);
    out += line('displayName', row.display_name);
    out += line('sn', row.surname ?? row.display_name); // required by person
    if (row.given_name) out += line('givenName', row.given_name);
    out += line('mail', row.upn); // the profile's UPN attribute
    if (row.business_phone) out += line('telephoneNumber', row.business_phone);
    if (row.mobile_phone) out += line('mobile', row.mobile_phone);
    if (row.department) out += line('departmentNumber', row.department);
    if (row.job_title) out += line('title', row.job_title);
    return out + '\n';
  };
}

/** The whole LDIF: returns how many users of the file it holds (the agent not counted). */
export function writeProductLdif(dbPath: string, outPath: string, agentPasswordHash: string): Promise<number> {
  return writeLdif(dbPath, outPath, head(agentPasswordHash), productEntryWriter());
}
