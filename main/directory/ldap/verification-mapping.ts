/**
 * A directory entry's caller-verification methods, from the profile's
 * attribute mapping (profile.ts verificationAttributes): each value of an
 * email attribute is an alternate email, each value of an SMS attribute a
 * mobile phone, as if registered. The same StoredAuthMethod list the embedded
 * file keeps, so masking (contact-methods.ts) and the clear contact points
 * for main come out the same for every directory.
 */
import type { ContactPoints } from '../directory';
import { contactPointsOf, type StoredAuthMethod } from '../contact-methods';
import { first, values, type LdapEntry } from './entry';

export interface VerificationAttributes {
  email: readonly string[];
  sms: readonly string[];
}

export const NO_VERIFICATION_ATTRIBUTES: VerificationAttributes = { email: [], sms: [] };

export function storedMethodsOf(entry: LdapEntry, attributes: VerificationAttributes): StoredAuthMethod[] {
  const methods: StoredAuthMethod[] = [];
  for (const attribute of attributes.email) {
    for (const value of values(entry, attribute)) if (value.trim()) methods.push({ kind: 'alternateEmail', value: value.trim() });
  }
  for (const attribute of attributes.sms) {
    for (const value of values(entry, attribute)) if (value.trim()) methods.push({ kind: 'mobilePhone', value: value.trim() });
  }
  return methods;
}

/** In clear, for main only; a directory keeps no authenticator secret Resetdesk could read. */
export function entryContactPoints(entry: LdapEntry, attributes: VerificationAttributes): ContactPoints {
  const fields = { mail: first(entry, 'mail'), mobilePhone: first(entry, 'mobile'), businessPhone: first(entry, 'telephoneNumber') };
  return { ...contactPointsOf(fields, storedMethodsOf(entry, attributes)), authenticator: null };
}
