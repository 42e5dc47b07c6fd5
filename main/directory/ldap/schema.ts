/**
 * What differs between Active Directory and OpenLDAP, behind one shape: which
 * attributes to read, how a user is named in a filter, how an entry becomes a
 * DirectoryUser, and which modify a reset or an unlock is.
 */
import { Attribute, Change } from 'ldapts';
import type { DirectoryUser } from '../../domain/types';
import type { PasswordOptions } from '../directory';
import type { UserRef } from '../directory';
import {
  AD_DOMAIN_POLICY_ATTRIBUTES,
  AD_USER_ATTRIBUTES,
  adDomainPolicyOf,
  guidToBytes,
  mapAdUser,
  UF_DONT_EXPIRE_PASSWD,
  type AdDomainPolicy,
} from './ad-mapping';
import { bigInteger, first, integer, type LdapEntry } from './entry';
import { AD_SEARCH, openLdapSearch, type FilterNode, type SearchAttributes } from './filter';
import {
  ADMIN_LOCKED_TIME,
  mapOpenLdapUser,
  openLdapUserAttributes,
  POLICY_ATTRIBUTES,
  policyOf,
  type OpenLdapPolicy,
} from './openldap-mapping';
import { verificationAttributes, type LdapProfile } from './profile';
import type { UserFilter } from '../../domain/user-filter';
import { adStateClauses, openLdapStateClauses } from './state-clauses';
import { AD_MARKER_ATTRIBUTES, adMarkers, OPENLDAP_MARKER_ATTRIBUTES, openLdapMarkers, type ChangeMarkers } from './change-markers';

export type { ChangeMarkers } from './change-markers';

/** The lock and password policy a user is under, in the words the tenant settings use. */
export interface EffectivePolicy {
  minLength: number;
  lockoutThreshold: number;
  lockoutDurationSeconds: number;
}

/** Reads entries for a schema: the caller's bound session. */
export interface EntryReader {
  base(dn: string, attributes: string[]): Promise<LdapEntry | null>;
}

/** What a change needs to know of the entry as it was just read. */
export interface ChangeFacts {
  dn: string;
  entry: LdapEntry;
}

export interface DirectorySchema {
  readonly type: 'ad' | 'openldap';
  readonly attributes: string[];
  readonly explicitBuffers: string[];
  /** Read besides `attributes` where a change is recorded or settled (change-markers.ts); buffers among them in `explicitBuffers`. */
  readonly markerAttributes: string[];
  readonly search: SearchAttributes;
  /** The filter naming one user, or null when the reference cannot name one here (an id that is no GUID). */
  refFilter(ref: UserRef): FilterNode | null;
  /**
   * A search's state filters as clauses that narrow what the server sends
   * (state-clauses.ts); null when no user here can be in that state.
   * `openTemporaryIds`: users with an open temporary password, null when too many to name.
   */
  stateClauses(filter: UserFilter, openTemporaryIds: readonly string[] | null): FilterNode[] | null;
  /** The policy that applies to an entry (AD: the domain's; OpenLDAP: its pwdPolicySubentry or the default). */
  policyFor(entry: LdapEntry, reader: EntryReader): Promise<AdDomainPolicy | OpenLdapPolicy | null>;
  effective(policy: AdDomainPolicy | OpenLdapPolicy | null): EffectivePolicy | null;
  map(entry: LdapEntry, now: number, policy: AdDomainPolicy | OpenLdapPolicy | null): DirectoryUser | null;
  /**
   * The reset's modify, and (OpenLDAP, a disabled user) a second modify that
   * must follow it because the server undoes that part of the first.
   */
  resetChanges(password: string, options: PasswordOptions, facts: ChangeFacts): { changes: Change[]; notes: Record<string, unknown>; then?: Change[] };
  unlockChanges(facts: ChangeFacts): Change[];
  /** Values that tell, after the fact, whether a change landed (read with `markerAttributes`). */
  markers(entry: LdapEntry): ChangeMarkers;
}

const replace = (type: string, vals: (string | Buffer)[]) =>
  new Change({ operation: 'replace', modification: new Attribute({ type, values: vals as string[] | Buffer[] }) });

/** AD's unicodePwd value: the password in double quotes, UTF-16LE. */
export function unicodePwd(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}

export function adSchema(profile: LdapProfile): DirectorySchema {
  let domainPolicy: Promise<AdDomainPolicy | null> | undefined;
  const verification = verificationAttributes(profile);
  return {
    type: 'ad',
    attributes: [...new Set([...AD_USER_ATTRIBUTES, ...verification.email, ...verification.sms])],
    explicitBuffers: ['objectGUID', 'replPropertyMetaData'],
    markerAttributes: AD_MARKER_ATTRIBUTES,
    search: AD_SEARCH,
    refFilter(ref) {
      if ('upn' in ref) return { equals: 'userPrincipalName', value: ref.upn };
      const bytes = guidToBytes(ref.id);
      return bytes ? { equals: 'objectGUID', value: bytes } : null;
    },
    stateClauses(filter, openTemporaryIds) {
      return adStateClauses(filter, { roleGroups: profile.roleGroups, openTemporaryIds, refFilter: (ref) => this.refFilter(ref) });
    },
    policyFor(_entry, reader) {
      // One read per view of the domain head (cached: it is the same for every user).
      domainPolicy ??= reader
        .base(profile.baseDn, AD_DOMAIN_POLICY_ATTRIBUTES)
        .then((head) => (head ? adDomainPolicyOf(head) : null))
        .catch(() => null);
      return domainPolicy;
    },
    effective(policy) {
      if (!policy || !('lockoutDurationMs' in policy)) return null;
      return {
        minLength: policy.minPwdLength,
        lockoutThreshold: policy.lockoutThreshold,
        lockoutDurationSeconds: Math.round(policy.lockoutDurationMs / 1000),
      };
    },
    map(entry, now, policy) {
      return mapAdUser(entry, profile.roleGroups, now, policy && 'lockoutDurationMs' in policy ? policy : null, verification);
    },
    resetChanges(password, options, { entry }) {
      const uac = integer(entry, 'userAccountControl') ?? 0;
      const neverExpires = (uac & UF_DONT_EXPIRE_PASSWD) !== 0;
      const changes = [replace('unicodePwd', [unicodePwd(password)])];
      const notes: Record<string, unknown> = {};
      if (options.forceChangeNextSignIn) {
        // pwdLastSet=0 has no effect on a DONT_EXPIRE_PASSWD account: not written, and said so.
        if (neverExpires) notes.forceChangeSkipped = 'DONT_EXPIRE_PASSWD';
        else changes.push(replace('pwdLastSet', ['0']));
      }
      // Entra's reset also unlocks: lockoutTime=0 in the same modify (written only when set, so an
      // agent with Reset Password but no write on lockoutTime can still reset an unlocked user).
      if ((bigInteger(entry, 'lockoutTime') ?? 0n) !== 0n) {
        changes.push(replace('lockoutTime', ['0']));
        notes.unlocks = true;
      }
      return { changes, notes };
    },
    unlockChanges() {
      // Samba refuses deleting lockoutTime; 0 unlocks and clears badPwdCount.
      return [replace('lockoutTime', ['0'])];
    },
    markers: adMarkers,
  };
}

export function openLdapSchema(profile: LdapProfile): DirectorySchema {
  const policies = new Map<string, Promise<OpenLdapPolicy | null>>();
  const readPolicy = (dn: string, reader: EntryReader) => {
    const key = dn.toLowerCase();
    let policy = policies.get(key);
    if (!policy) {
      policy = reader
        .base(dn, POLICY_ATTRIBUTES)
        .then((entry) => (entry ? policyOf(entry) : null))
        .catch(() => null);
      policies.set(key, policy);
    }
    return policy;
  };
  const verification = verificationAttributes(profile);
  return {
    type: 'openldap',
    attributes: [...new Set([...openLdapUserAttributes(profile.upnAttribute), ...verification.email, ...verification.sms])],
    explicitBuffers: [],
    markerAttributes: OPENLDAP_MARKER_ATTRIBUTES,
    search: openLdapSearch(profile.upnAttribute),
    refFilter(ref) {
      if ('upn' in ref) return { equals: profile.upnAttribute, value: ref.upn };
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref.id)
        ? { equals: 'entryUUID', value: ref.id.toLowerCase() }
        : null;
    },
    stateClauses(filter, openTemporaryIds) {
      return openLdapStateClauses(filter, { roleGroups: profile.roleGroups, openTemporaryIds, refFilter: (ref) => this.refFilter(ref) });
    },
    policyFor(entry, reader) {
      const dn = first(entry, 'pwdPolicySubentry') ?? profile.passwordPolicyDn;
      return dn ? readPolicy(dn, reader) : Promise.resolve(null);
    },
    effective(policy) {
      if (!policy || !('maxFailure' in policy)) return null;
      return { minLength: policy.minLength, lockoutThreshold: policy.maxFailure, lockoutDurationSeconds: policy.lockoutDuration };
    },
    map(entry, now, policy) {
      return mapOpenLdapUser(entry, profile.upnAttribute, profile.roleGroups, now, policy && 'maxFailure' in policy ? policy : null, verification);
    },
    resetChanges(password, options, { entry }) {
      const changes = [replace('userPassword', [password])];
      const notes: Record<string, unknown> = {};
      // Written either way: an explicit pwdReset overrides the overlay's pwdMustChange handling.
      changes.push(replace('pwdReset', options.forceChangeNextSignIn ? ['TRUE'] : []));
      const lockedTime = first(entry, 'pwdAccountLockedTime');
      if (lockedTime === ADMIN_LOCKED_TIME) {
        // ppolicy deletes pwdAccountLockedTime on any password change, even when the same modify
        // replaces it (slapd 2.5 appends its own delete after ours: seen on the test slapd). A disabled
        // account must stay disabled: the lock is written again in a second modify, right after.
        notes.keptDisabled = true;
        return { changes, notes, then: [replace('pwdAccountLockedTime', [ADMIN_LOCKED_TIME])] };
      } else if (lockedTime !== null) {
        // The overlay deletes it too on a password change; said explicitly, so the reset unlocks whatever the overlay does.
        // (pwdFailureTime is NO-USER-MODIFICATION: slapd refuses it to anyone without the relax control;
        // ppolicy clears it itself on the password change.)
        changes.push(replace('pwdAccountLockedTime', []));
        notes.unlocks = true;
      }
      return { changes, notes };
    },
    unlockChanges({ entry }) {
      // An administrative lock (000001010000Z) is how OpenLDAP disables: an unlock leaves it.
      // pwdFailureTime cannot be written (NO-USER-MODIFICATION); the next good bind clears it.
      const lockedTime = first(entry, 'pwdAccountLockedTime');
      return lockedTime === null || lockedTime === ADMIN_LOCKED_TIME ? [] : [replace('pwdAccountLockedTime', [])];
    },
    markers: openLdapMarkers,
  };
}

export function schemaFor(profile: LdapProfile): DirectorySchema {
  return profile.type === 'ad' ? adSchema(profile) : openLdapSchema(profile);
}
