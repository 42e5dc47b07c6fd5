/**
 * Reading values out of an ldapts search entry. Servers answer attribute names
 * in their own case ("objectGUID", "objectguid"), so look-ups ignore case; a
 * value may be a string, a Buffer or a list of either.
 */
import type { Entry } from 'ldapts';

export type LdapEntry = Entry;

function raw(entry: LdapEntry, name: string): Entry[string] | undefined {
  if (name in entry) return entry[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(entry)) if (key.toLowerCase() === lower) return entry[key];
  return undefined;
}

export function values(entry: LdapEntry, name: string): string[] {
  const value = raw(entry, name);
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v));
}

export function first(entry: LdapEntry, name: string): string | null {
  const [value] = values(entry, name);
  return value === undefined || value === '' ? null : value;
}

/** A binary value (objectGUID): ldapts gives a Buffer, or a string when the bytes happened to be valid UTF-8. */
export function buffer(entry: LdapEntry, name: string): Buffer | null {
  const value = raw(entry, name);
  const one = Array.isArray(value) ? value[0] : value;
  if (one === undefined) return null;
  return Buffer.isBuffer(one) ? one : Buffer.from(one, 'utf8');
}

export function integer(entry: LdapEntry, name: string): number | null {
  const value = first(entry, name);
  if (value === null || !/^-?\d+$/.test(value)) return null;
  return Number(value);
}

/** Large integers (FILETIME) exactly. */
export function bigInteger(entry: LdapEntry, name: string): bigint | null {
  const value = first(entry, name);
  return value !== null && /^-?\d+$/.test(value) ? BigInt(value) : null;
}

/** Milliseconds between 1601-01-01 (FILETIME's epoch) and 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

/** AD FILETIME (100 ns since 1601) → ms since 1970; 0 and "never" (2^63-1) → null. */
export function fileTimeToMs(value: bigint | null): number | null {
  if (value === null || value <= 0n || value >= 0x7fffffffffffffffn) return null;
  return Number(value / 10_000n - FILETIME_EPOCH_OFFSET_MS);
}

/** ms since 1970 → AD FILETIME. */
export function msToFileTime(ms: number): bigint {
  return (BigInt(Math.trunc(ms)) + FILETIME_EPOCH_OFFSET_MS) * 10_000n;
}

/** LDAP GeneralizedTime ("20261201115220.0Z", "20261201115306Z", "20261201115306.018739Z") → ms, or null. */
export function generalizedTimeToMs(value: string | null): number | null {
  if (value === null) return null;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi = '00', s = '00', frac = '', zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.floor(Number(`0.${frac || '0'}`) * 1000));
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  }
  return Number.isFinite(ms) ? ms : null;
}

export function msToGeneralizedTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The roles a user holds through the profile's role groups (DNs compared without case or spaces after commas). */
export function rolesOf(memberOf: readonly string[], roleGroups: Readonly<Record<string, string>>): string[] {
  const norm = (dn: string) => dn.replace(/\s*,\s*/g, ',').trim().toLowerCase();
  const byDn = new Map(Object.entries(roleGroups).map(([dn, role]) => [norm(dn), role]));
  const roles = new Set<string>();
  for (const group of memberOf) {
    const role = byDn.get(norm(group));
    if (role) roles.add(role);
  }
  return [...roles].sort();
}

/** The UPN's domain part, lower-case. */
export function upnDomain(upn: string): string {
  const at = upn.lastIndexOf('@');
  return at >= 0 ? upn.slice(at + 1).toLowerCase() : '';
}
