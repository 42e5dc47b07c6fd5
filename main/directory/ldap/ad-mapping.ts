/**
 * An Active Directory user entry as a DirectoryUser. State comes from
 * userAccountControl (0x2 disabled, 0x10000 DONT_EXPIRE_PASSWD),
 * msDS-User-Account-Control-Computed (0x10 locked out now, 0x800000 password
 * expired; constructed, so requested by name), lockoutTime, badPwdCount and
 * pwdLastSet (0: must change at next sign-in).
 */
import type { DirectoryUser } from '../../domain/types';
import { contactMethodsOf, publicContactFields } from '../contact-methods';
import { NO_VERIFICATION_ATTRIBUTES, storedMethodsOf, type VerificationAttributes } from './verification-mapping';
import { bigInteger, buffer, fileTimeToMs, first, generalizedTimeToMs, integer, iso, rolesOf, upnDomain, values, type LdapEntry } from './entry';

export const UF_ACCOUNTDISABLE = 0x2;
export const UF_DONT_EXPIRE_PASSWD = 0x10000;
export const UF_LOCKOUT = 0x10;
export const UF_PASSWORD_EXPIRED = 0x800000;

export const AD_USER_ATTRIBUTES = [
  'objectGUID',
  'userPrincipalName',
  'sAMAccountName',
  'displayName',
  'givenName',
  'sn',
  'mail',
  'mobile',
  'telephoneNumber',
  'department',
  'title',
  'userAccountControl',
  'msDS-User-Account-Control-Computed',
  'lockoutTime',
  'badPwdCount',
  'pwdLastSet',
  'adminCount',
  'memberOf',
  'whenCreated',
  'whenChanged',
];

/** The domain's lockout and password settings (the domain head's attributes). */
export interface AdDomainPolicy {
  /** ms; 0: until an administrator unlocks. */
  lockoutDurationMs: number;
  lockoutThreshold: number;
  minPwdLength: number;
  pwdHistoryLength: number;
  /** pwdProperties & 1: three of four character categories. */
  complexity: boolean;
}

export const AD_DOMAIN_POLICY_ATTRIBUTES = ['lockoutDuration', 'lockoutThreshold', 'minPwdLength', 'pwdHistoryLength', 'pwdProperties'];

/** AD intervals are negative 100 ns counts; "never" is the most negative. */
export function adDomainPolicyOf(entry: LdapEntry): AdDomainPolicy {
  const duration = bigInteger(entry, 'lockoutDuration') ?? 0n;
  const durationMs = duration === -0x8000000000000000n ? 0 : Number((duration < 0n ? -duration : duration) / 10_000n);
  return {
    lockoutDurationMs: durationMs,
    lockoutThreshold: integer(entry, 'lockoutThreshold') ?? 0,
    minPwdLength: integer(entry, 'minPwdLength') ?? 0,
    pwdHistoryLength: integer(entry, 'pwdHistoryLength') ?? 0,
    complexity: ((integer(entry, 'pwdProperties') ?? 0) & 1) === 1,
  };
}

/** objectGUID bytes → the GUID's usual text (the first three groups are little-endian). */
export function guidToString(bytes: Buffer): string {
  if (bytes.length !== 16) throw new Error('an objectGUID has 16 bytes');
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = [...bytes.subarray(from, to)];
    return (reverse ? part.reverse() : part).map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)].join('-');
}

/** The GUID's text → objectGUID bytes (for an equality filter on objectGUID); null when it is not a GUID. */
export function guidToBytes(guid: string): Buffer | null {
  const m = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i.exec(guid.trim());
  if (!m) return null;
  const le = (h: string) => Buffer.from(h, 'hex').reverse();
  return Buffer.concat([le(m[1]!), le(m[2]!), le(m[3]!), Buffer.from(m[4]!, 'hex'), Buffer.from(m[5]!, 'hex')]);
}

export function mapAdUser(
  entry: LdapEntry,
  roleGroups: Readonly<Record<string, string>>,
  now: number,
  policy: AdDomainPolicy | null,
  verification: VerificationAttributes = NO_VERIFICATION_ATTRIBUTES,
): DirectoryUser | null {
  const guid = buffer(entry, 'objectGUID');
  const upn = first(entry, 'userPrincipalName');
  if (!guid || guid.length !== 16 || !upn) return null; // not a user Resetdesk can name
  const uac = integer(entry, 'userAccountControl') ?? 0;
  const computed = integer(entry, 'msDS-User-Account-Control-Computed') ?? 0;
  const neverExpires = (uac & UF_DONT_EXPIRE_PASSWD) !== 0;
  const pwdLastSet = bigInteger(entry, 'pwdLastSet');
  const lockoutAt = fileTimeToMs(bigInteger(entry, 'lockoutTime'));
  const locked = (computed & UF_LOCKOUT) !== 0;
  const lockedUntil =
    locked && lockoutAt !== null && policy && policy.lockoutDurationMs > 0 ? lockoutAt + policy.lockoutDurationMs : null;
  const mail = first(entry, 'mail');
  const mobilePhone = first(entry, 'mobile');
  const businessPhone = first(entry, 'telephoneNumber');
  // The profile's verification attributes (otherMailbox, mobile) stand for registered methods: masked like them.
  const methods = storedMethodsOf(entry, verification);
  const shown = publicContactFields({ mail, mobilePhone, businessPhone }, methods);
  const created = generalizedTimeToMs(first(entry, 'whenCreated')) ?? now;
  const changed = generalizedTimeToMs(first(entry, 'whenChanged')) ?? created;
  return {
    id: guidToString(guid),
    upn,
    displayName: first(entry, 'displayName') ?? first(entry, 'sAMAccountName') ?? upn,
    givenName: first(entry, 'givenName'),
    surname: first(entry, 'sn'),
    ...shown,
    contactMethods: contactMethodsOf({ mail, mobilePhone, businessPhone }, methods),
    department: first(entry, 'department'),
    jobTitle: first(entry, 'title'),
    source: 'onPremises',
    userType: 'member',
    guestHome: null,
    domain: upnDomain(upn),
    domainType: 'managed',
    adminCount: integer(entry, 'adminCount') === 1 ? 1 : 0,
    roles: rolesOf(values(entry, 'memberOf'), roleGroups),
    enabled: (uac & UF_ACCOUNTDISABLE) === 0,
    locked,
    lockedUntil: iso(lockedUntil),
    failedAttempts: integer(entry, 'badPwdCount') ?? 0,
    lockoutCount: 0, // AD does not count lockouts
    // pwdLastSet 0 means "must change", but DONT_EXPIRE_PASSWD overrides it.
    forceChangeNextSignIn: pwdLastSet === 0n && !neverExpires,
    passwordNeverExpires: neverExpires,
    passwordLastSet: iso(fileTimeToMs(pwdLastSet)),
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(changed).toISOString(),
  };
}
