/**
 * Search filters built from what an agent types, as a small tree that is
 * written two ways: as ldapts Filter objects (what goes on the wire: each value
 * is its own BER octet string, so no input can change the filter's shape) and
 * as its RFC 4515 string (for logs, tests and reading), where every value is
 * escaped: `*`, `(`, `)`, `\`, NUL and every non-ASCII byte of its UTF-8 as \xx.
 *
 * Why not hand ldapts the string: its FilterParser decodes each \xx escape as
 * one character (Latin-1), so an escaped "é" (\c3\a9) would be sent as the
 * four bytes of "Ã©" and match nothing. The tree keeps the values as they are.
 */
import {
  AndFilter,
  EqualityFilter,
  ExtensibleFilter,
  type Filter,
  GreaterThanEqualsFilter,
  NotFilter,
  OrFilter,
  PresenceFilter,
  SubstringFilter,
} from 'ldapts';

export type FilterNode =
  | { and: FilterNode[] }
  | { or: FilterNode[] }
  | { equals: string; value: string | Buffer }
  | { present: string }
  | { not: FilterNode }
  | { atLeast: string; value: string }
  /** attr:rule:=value, e.g. AD's bitwise AND on userAccountControl (a state filter's clause). */
  | { extensible: string; rule: string; value: string }
  /** initial*any*…*final; empty parts are left out. */
  | { substring: string; initial?: string; any?: string[]; final?: string };

/** RFC 4515 value escaping (UTF-8 bytes of non-ASCII as \xx). */
export function escapeFilterValue(value: string | Buffer): string {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  let out = '';
  for (const byte of bytes) {
    // 0x2a *, 0x28 (, 0x29 ), 0x5c \, 0x00 NUL, and anything outside printable ASCII.
    if (byte === 0x2a || byte === 0x28 || byte === 0x29 || byte === 0x5c || byte < 0x20 || byte > 0x7e) {
      out += `\\${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += String.fromCharCode(byte);
    }
  }
  return out;
}

/** The inverse of escapeFilterValue (for tests and for reading a filter back). */
export function unescapeFilterValue(escaped: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] === '\\') {
      bytes.push(Number.parseInt(escaped.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(escaped.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

export function toFilterString(node: FilterNode): string {
  if ('and' in node) return `(&${node.and.map(toFilterString).join('')})`;
  if ('or' in node) return `(|${node.or.map(toFilterString).join('')})`;
  if ('present' in node) return `(${node.present}=*)`;
  if ('not' in node) return `(!${toFilterString(node.not)})`;
  if ('atLeast' in node) return `(${node.atLeast}>=${escapeFilterValue(node.value)})`;
  if ('extensible' in node) return `(${node.extensible}:${node.rule}:=${escapeFilterValue(node.value)})`;
  if ('equals' in node) return `(${node.equals}=${escapeFilterValue(node.value)})`;
  const parts = [node.initial ?? '', ...(node.any ?? []), node.final ?? ''].map(escapeFilterValue);
  return `(${node.substring}=${parts.join('*')})`;
}

export function toLdapFilter(node: FilterNode): Filter {
  if ('and' in node) return new AndFilter({ filters: node.and.map(toLdapFilter) });
  if ('or' in node) return new OrFilter({ filters: node.or.map(toLdapFilter) });
  if ('present' in node) return new PresenceFilter({ attribute: node.present });
  if ('not' in node) return new NotFilter({ filter: toLdapFilter(node.not) });
  if ('atLeast' in node) return new GreaterThanEqualsFilter({ attribute: node.atLeast, value: node.value });
  if ('extensible' in node) return new ExtensibleFilter({ matchType: node.extensible, rule: node.rule, value: node.value });
  if ('equals' in node) return new EqualityFilter({ attribute: node.equals, value: node.value });
  return new SubstringFilter({
    attribute: node.substring,
    initial: node.initial ?? '',
    any: (node.any ?? []).filter((part) => part !== ''),
    final: node.final ?? '',
  });
}

/** The attributes a search-as-you-type looks in, by directory. */
export interface SearchAttributes {
  /** The class every user entry has. */
  userClass: FilterNode;
  /** Matched from the start of the value (name parts, UPN, mail, account name, department, title). */
  prefix: string[];
  /** Matched anywhere (phone numbers: an agent types the last digits). */
  anywhere: string[];
}

export const AD_SEARCH: SearchAttributes = {
  // (objectCategory=person) alone also matches contacts; users are objectClass=user with a sAMAccountName.
  userClass: { and: [{ equals: 'objectClass', value: 'user' }, { equals: 'objectCategory', value: 'person' }] },
  prefix: ['displayName', 'givenName', 'sn', 'userPrincipalName', 'mail', 'sAMAccountName', 'department', 'title'],
  anywhere: ['telephoneNumber', 'mobile'],
};

export function openLdapSearch(upnAttribute: string): SearchAttributes {
  const prefix = ['displayName', 'cn', 'givenName', 'sn', 'mail', 'uid', 'departmentNumber', 'title'];
  if (!prefix.some((a) => a.toLowerCase() === upnAttribute.toLowerCase())) prefix.splice(4, 0, upnAttribute);
  return { userClass: { equals: 'objectClass', value: 'inetOrgPerson' }, prefix, anywhere: ['telephoneNumber', 'mobile'] };
}

/** Words of a query: split on spaces; at most 8 (a longer query is not a search for a person). */
export function queryWords(query: string): string[] {
  return query
    .normalize('NFC')
    // Control characters (NUL above all: both test servers cut a value at a NUL) are never part of a name.
    .replace(/\p{Cc}/gu, ' ')
    .trim()
    .split(/\s+/u)
    .filter((word) => word !== '')
    .slice(0, 8);
}

/**
 * Every user whose attributes match each word of the query: (&(class)(|(a=w*)…(phone=*w*))…).
 * An empty query lists every user.
 */
export function searchFilter(query: string, attributes: SearchAttributes): FilterNode {
  const words = queryWords(query);
  const perWord = words.map(
    (word): FilterNode => ({
      or: [
        ...attributes.prefix.map((a): FilterNode => ({ substring: a, initial: word })),
        ...attributes.anywhere.map((a): FilterNode => ({ substring: a, any: [word] })),
      ],
    }),
  );
  return perWord.length === 0 ? attributes.userClass : { and: [attributes.userClass, ...perWord] };
}
