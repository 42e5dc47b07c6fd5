/**
 * An OpenLDAP (inetOrgPerson + ppolicy) entry as a DirectoryUser. The ppolicy
 * state is in operational attributes, which come back only when named:
 * pwdAccountLockedTime (000001010000Z: locked until an administrator acts,
 * shown as disabled), pwdFailureTime (one value per failure), pwdChangedTime,
 * pwdReset (must change), pwdPolicySubentry (the user's policy, else the
 * default one).
 */
import type { DirectoryUser } from '../../domain/types';
import { contactMethodsOf, publicContactFields } from '../contact-methods';
import { NO_VERIFICATION_ATTRIBUTES, storedMethodsOf, type VerificationAttributes } from './verification-mapping';
import { first, generalizedTimeToMs, integer, iso, rolesOf, upnDomain, values, type LdapEntry } from './entry';

/** ppolicy's "locked until an administrator unlocks" value. */
export const ADMIN_LOCKED_TIME = '000001010000Z';

export function openLdapUserAttributes(upnAttribute: string): string[] {
  return [
    ...new Set([
      'entryUUID',
      upnAttribute,
      'uid',
      'cn',
      'displayName',
      'givenName',
      'sn',
      'mail',
      'mobile',
      'telephoneNumber',
      'departmentNumber',
      'title',
      'memberOf',
      'pwdAccountLockedTime',
      'pwdFailureTime',
      'pwdChangedTime',
      'pwdReset',
      'pwdPolicySubentry',
      'createTimestamp',
      'modifyTimestamp',
    ]),
  ];
}

export interface OpenLdapPolicy {
  dn: string;
  minLength: number;
  inHistory: number;
  maxFailure: number;
  /** seconds; 0: until an administrator unlocks. */
  lockoutDuration: number;
  /** seconds; 0: passwords never expire. */
  maxAge: number;
  lockout: boolean;
}

export const POLICY_ATTRIBUTES = ['pwdMinLength', 'pwdInHistory', 'pwdMaxFailure', 'pwdLockoutDuration', 'pwdMaxAge', 'pwdLockout'];

export function policyOf(entry: LdapEntry): OpenLdapPolicy {
  return {
    dn: entry.dn,
    minLength: integer(entry, 'pwdMinLength') ?? 0,
    inHistory: integer(entry, 'pwdInHistory') ?? 0,
    maxFailure: integer(entry, 'pwdMaxFailure') ?? 0,
    lockoutDuration: integer(entry, 'pwdLockoutDuration') ?? 0,
    maxAge: integer(entry, 'pwdMaxAge') ?? 0,
    lockout: first(entry, 'pwdLockout')?.toUpperCase() === 'TRUE',
  };
}

/** The lock as ppolicy keeps it: administrative (a disabled account), until a time, or none. */
export function lockStateOf(
  lockedTime: string | null,
  policy: OpenLdapPolicy | null,
  now: number,
): { administrative: boolean; locked: boolean; lockedUntil: number | null } {
  if (lockedTime === null) return { administrative: false, locked: false, lockedUntil: null };
  if (lockedTime === ADMIN_LOCKED_TIME) return { administrative: true, locked: false, lockedUntil: null };
  const at = generalizedTimeToMs(lockedTime);
  const duration = policy?.lockoutDuration ?? 0;
  if (at === null) return { administrative: false, locked: true, lockedUntil: null };
  if (duration === 0) return { administrative: false, locked: true, lockedUntil: null };
  const until = at + duration * 1000;
  return { administrative: false, locked: now < until, lockedUntil: now < until ? until : null };
}

export function mapOpenLdapUser(
  entry: LdapEntry,
  upnAttribute: string,
  roleGroups: Readonly<Record<string, string>>,
  now: number,
  policy: OpenLdapPolicy | null,
  verification: VerificationAttributes = NO_VERIFICATION_ATTRIBUTES,
): DirectoryUser | null {
  const id = first(entry, 'entryUUID');
  const upn = first(entry, upnAttribute);
  if (!id || !upn) return null;
  const lock = lockStateOf(first(entry, 'pwdAccountLockedTime'), policy, now);
  const mail = first(entry, 'mail');
  const mobilePhone = first(entry, 'mobile');
  const businessPhone = first(entry, 'telephoneNumber');
  // The profile's verification attributes (mobile, a configured mail attribute) stand for registered methods: masked like them.
  const methods = storedMethodsOf(entry, verification);
  const shown = publicContactFields({ mail, mobilePhone, businessPhone }, methods);
  const created = generalizedTimeToMs(first(entry, 'createTimestamp')) ?? now;
  const changed = generalizedTimeToMs(first(entry, 'modifyTimestamp')) ?? created;
  const given = first(entry, 'givenName');
  const surname = first(entry, 'sn');
  return {
    id,
    upn,
    displayName: first(entry, 'displayName') ?? first(entry, 'cn') ?? upn,
    givenName: given,
    surname,
    ...shown,
    contactMethods: contactMethodsOf({ mail, mobilePhone, businessPhone }, methods),
    department: first(entry, 'departmentNumber'),
    jobTitle: first(entry, 'title'),
    source: 'onPremises',
    userType: 'member',
    guestHome: null,
    domain: upnDomain(upn),
    domainType: 'managed',
    adminCount: 0, // OpenLDAP has no AdminSDHolder
    roles: rolesOf(values(entry, 'memberOf'), roleGroups),
    enabled: !lock.administrative,
    locked: lock.locked,
    lockedUntil: iso(lock.lockedUntil),
    failedAttempts: values(entry, 'pwdFailureTime').length,
    lockoutCount: 0,
    forceChangeNextSignIn: first(entry, 'pwdReset')?.toUpperCase() === 'TRUE',
    passwordNeverExpires: policy ? policy.maxAge === 0 : false,
    passwordLastSet: iso(generalizedTimeToMs(first(entry, 'pwdChangedTime'))),
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(changed).toISOString(),
  };
}
