/**
 * How a user can be reached, and which of those ways are verification methods
 * (registered for self-service reset and for the helpdesk's caller check).
 *
 * A verification method's value is masked HERE, in main, before the user
 * leaves the store: the agent sees enough to ask "is your number still the one
 * ending 0143?", never the whole value, so whoever holds the screen (or a
 * compromised renderer) cannot read it out to a caller pretending to be the
 * user. Plain contact fields (the mail address, a business phone) are shown as
 * they are unless they are also registered as a method.
 *
 * Provider-neutral: an LDAP directory fills the same list from its attributes.
 */
import type { AuthMethodKind, ContactMethod } from '../domain/types';
import type { ContactPoints } from './directory';

/** A registered method as the store holds it (main only: values in clear). */
export interface StoredAuthMethod {
  kind: AuthMethodKind;
  value: string;
}

/** The profile fields that can also be contact points. */
export interface ContactFields {
  mail: string | null;
  mobilePhone: string | null;
  businessPhone: string | null;
}

/** One bullet per hidden character would tell the length; a fixed run does not. */
const HIDDEN = '•••';

/**
 * `adele.vance@outlook.com` → `a•••@outlook.com`. The domain stays: it tells
 * the agent which mailbox ("your Outlook address") without giving the address.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return `${Array.from(address)[0] ?? ''}${HIDDEN}`;
  const first = Array.from(address.slice(0, at))[0] ?? '';
  return `${first}${HIDDEN}@${address.slice(at + 1)}`;
}

/**
 * `+1 425 555 0143` → `+1 ••• ••• 0143`: the country code (a leading `+`
 * group) and the last four digits stay, every other digit becomes a bullet,
 * the spacing stays so the shape still reads as a phone number. Short numbers
 * keep only their last two digits, so at least half is always hidden.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  const keepLast = digits >= 8 ? 4 : digits >= 4 ? 2 : 0;
  const country = /^\s*\+\d{1,3}(?=[\s-])/.exec(phone)?.[0].length ?? 0;
  // A plain loop over code units: phone numbers are ASCII, and this runs for
  // every user of every page of search results.
  let seen = 0;
  let out = '';
  for (let i = 0; i < phone.length; i++) {
    const char = phone[i]!;
    if (char < '0' || char > '9') {
      out += char;
      continue;
    }
    seen++;
    out += i < country || seen > digits - keepLast ? char : '•';
  }
  return out;
}

const digitsOf = (phone: string) => phone.replace(/\D/g, '');
const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const samePhone = (a: string, b: string) => digitsOf(a) !== '' && digitsOf(a) === digitsOf(b);

function maskedValue(method: StoredAuthMethod): string | null {
  switch (method.kind) {
    case 'mobilePhone':
    case 'officePhone':
      return maskPhone(method.value);
    case 'alternateEmail':
      return maskEmail(method.value);
    // A device name ("Pixel 8") is a label, not something a caller could recite to pass a check.
    case 'authenticatorApp':
      return method.value;
    // The question is what the caller must answer: it stays in main.
    case 'securityQuestion':
      return null;
  }
}

/**
 * The user's contact points, most useful first: mail, phones, then the methods
 * that exist only as methods (alternate email, authenticator app, questions).
 * A profile phone registered as a method appears once, masked, as a method.
 */
export function contactMethodsOf(fields: ContactFields, methods: readonly StoredAuthMethod[]): ContactMethod[] {
  const list: ContactMethod[] = [];
  const used = new Set<StoredAuthMethod>();
  const registered = (kinds: AuthMethodKind[], same: (a: string, b: string) => boolean, value: string) =>
    methods.find((m) => kinds.includes(m.kind) && !used.has(m) && same(m.value, value));

  const profile: [ContactMethod['kind'], string | null, AuthMethodKind[], (a: string, b: string) => boolean][] = [
    ['email', fields.mail, ['alternateEmail'], sameEmail],
    ['mobilePhone', fields.mobilePhone, ['mobilePhone', 'officePhone'], samePhone],
    ['officePhone', fields.businessPhone, ['officePhone', 'mobilePhone'], samePhone],
  ];
  for (const [kind, value, kinds, same] of profile) {
    if (value === null || value === '') continue;
    const method = registered(kinds, same, value);
    if (method) used.add(method);
    list.push(
      method
        ? { kind, value: maskedValue(method), verification: true }
        : { kind, value, verification: false },
    );
  }
  const order: AuthMethodKind[] = ['mobilePhone', 'officePhone', 'alternateEmail', 'authenticatorApp', 'securityQuestion'];
  for (const kind of order) {
    for (const method of methods) {
      if (method.kind !== kind || used.has(method)) continue;
      list.push({ kind: method.kind, value: maskedValue(method), verification: true });
    }
  }
  return list;
}

/**
 * The profile fields as they may leave main: a field that is also a
 * verification method carries the masked value, like its contact entry.
 */
export function publicContactFields(fields: ContactFields, methods: readonly StoredAuthMethod[]): ContactFields {
  const hide = (value: string | null, kinds: AuthMethodKind[], same: (a: string, b: string) => boolean, mask: (v: string) => string) =>
    value !== null && methods.some((m) => kinds.includes(m.kind) && same(m.value, value)) ? mask(value) : value;
  return {
    mail: hide(fields.mail, ['alternateEmail'], sameEmail, maskEmail),
    mobilePhone: hide(fields.mobilePhone, ['mobilePhone', 'officePhone'], samePhone, maskPhone),
    businessPhone: hide(fields.businessPhone, ['officePhone', 'mobilePhone'], samePhone, maskPhone),
  };
}

/**
 * The same fields and methods in clear, for main's own use (codes,
 * notifications, out-of-band passwords): the profile mail, then alternate
 * emails; mobile phones (an office phone registered as a method can take an
 * SMS too, as Entra's "office phone" is a voice method only: it is left out).
 */
export function contactPointsOf(fields: ContactFields, methods: readonly StoredAuthMethod[]): ContactPoints {
  const emails: ContactPoints['emails'] = [];
  const addEmail = (address: string, verification: boolean) => {
    const known = emails.find((e) => sameEmail(e.address, address));
    if (known) known.verification ||= verification;
    else emails.push({ address: address.trim(), verification });
  };
  if (fields.mail) addEmail(fields.mail, false);
  for (const m of methods) if (m.kind === 'alternateEmail') addEmail(m.value, true);
  const phones: ContactPoints['phones'] = [];
  for (const m of methods) {
    if (m.kind === 'mobilePhone' && !phones.some((p) => samePhone(p.number, m.value))) phones.push({ number: m.value, verification: true });
  }
  if (fields.mobilePhone && !phones.some((p) => samePhone(p.number, fields.mobilePhone!))) {
    phones.push({ number: fields.mobilePhone, verification: false });
  }
  return { emails, phones, authenticator: null };
}
