/**
 * What both LDAP replica feeds share (issue 18): reading a subtree in pages of
 * the paged-results control, mapping each page's entries as the pane maps
 * them (Reader.map), the users who hold a role now, and the refusal of a
 * server that will not page through everyone, said as DIRECTORY_READ_LIMITED
 * with the setting to change.
 */
import { ResultCodeError, type Control } from 'ldapts';
import { DomainError } from '../../domain/errors';
import type { DirectoryUser } from '../../domain/types';
import type { Session } from './connection';
import { first, type LdapEntry } from './entry';
import { toLdapFilter, type FilterNode } from './filter';
import { resultName } from './ldap-errors';
import type { Reader } from './ldap-reader';
import type { LdapProfile } from './profile';
import type { DirectorySchema } from './schema';

/** Entries per page of a feed's reads: a few hundred, so the writer's batches stay small. */
export const FEED_PAGE_SIZE = 500;

/** One feed operation's bound session, with the schema and reader it maps by. */
export interface FeedScope {
  session: Session;
  reader: Reader;
  profile: LdapProfile;
  schema: DirectorySchema;
  now: number;
  pageSize: number;
}

export interface PagedSearch {
  base: string;
  filter: FilterNode;
  attributes: string[];
  buffers?: string[];
  controls?: Control[];
}

/** The entries under `base` that match, page by page (the next page is asked for only when the caller is ready). */
export async function* pagesOf({ session, pageSize }: FeedScope, search: PagedSearch): AsyncGenerator<LdapEntry[]> {
  const pages = session.client.searchPaginated(
    search.base,
    {
      scope: 'sub',
      filter: toLdapFilter(search.filter),
      attributes: search.attributes,
      explicitBufferAttributes: search.buffers ?? [],
      paged: { pageSize },
    },
    search.controls,
  );
  for await (const page of pages) yield page.searchEntries;
}

/** The users the entries are (entries that are no user Resetdesk can name left out), mapped as the pane maps them. */
export async function usersOf(scope: FeedScope, entries: LdapEntry[]): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  for (const entry of entries) {
    const user = await scope.reader.map(entry, scope.now);
    if (user) users.push(withSearchedPhones(user, entry));
  }
  return users;
}

/**
 * The phone numbers as the directory holds them: the mapping masks a number
 * that is also a verification method (`mobile` by default), but an agent
 * types the caller's number to find them, as the server's own search
 * (telephoneNumber, mobile) and the embedded search let them. The copy only
 * makes search keys of the phones: the list row shows none, and the pane
 * reads the user live, masked.
 */
function withSearchedPhones(user: DirectoryUser, entry: LdapEntry): DirectoryUser {
  return { ...user, mobilePhone: first(entry, 'mobile') ?? user.mobilePhone, businessPhone: first(entry, 'telephoneNumber') ?? user.businessPhone };
}

/** Every user under the users DN who is a member of one of the profile's role groups now. */
export async function roleHolders(scope: FeedScope, attributes: string[]): Promise<DirectoryUser[]> {
  const groups = Object.keys(scope.profile.roleGroups);
  if (groups.length === 0) return [];
  const holders: DirectoryUser[] = [];
  const filter: FilterNode = {
    and: [scope.schema.search.userClass, { or: groups.map((dn): FilterNode => ({ equals: 'memberOf', value: dn })) }],
  };
  for await (const entries of pagesOf(scope, { base: scope.profile.usersDn, filter, attributes, buffers: scope.schema.explicitBuffers })) {
    holders.push(...(await usersOf(scope, entries)).filter((user) => user.roles.length > 0));
  }
  return holders;
}

/** A DN compared without case and without the spaces around its separators. */
export function normalDn(dn: string): string {
  return dn.replace(/\s*([,=+])\s*/g, '$1').trim().toLowerCase();
}

/** Whether `dn` is `base` or lies under it. */
export function isUnder(dn: string, base: string): boolean {
  const d = normalDn(dn);
  const b = normalDn(base);
  return d === b || d.endsWith(`,${b}`);
}

/** Result codes by which a server stops a paged read of everyone: its size limit, an administrative limit, no paged results. */
const LIMIT_CODES = new Set([4, 11, 12]);

/** What to change on each kind of server so that a paged read reaches everyone. */
function limitAdvice(profile: LdapProfile): string {
  if (profile.type === 'openldap') {
    return (
      'On slapd, lift the size limit for the helpdesk in the database\'s olcLimits, e.g. ' +
      'olcLimits: group/groupOfNames="<helpdesk group DN>" size.prtotal=unlimited (or size=unlimited), ' +
      'or raise olcSizeLimit.'
    );
  }
  return (
    'On Active Directory the paged-results control is on by default: check the LDAP policy (MaxPageSize, ' +
    "MaxResultSetSize) and that the account may list the users' OU."
  );
}

/**
 * The server's refusal to page through everyone as DIRECTORY_READ_LIMITED,
 * naming the setting to change; anything else as it is (the session maps it).
 */
export function readLimited(error: unknown, profile: LdapProfile): unknown {
  if (!(error instanceof ResultCodeError) || !LIMIT_CODES.has(error.code)) return error;
  return new DomainError('DIRECTORY_READ_LIMITED', `The server answered ${resultName(error.code)}. ${limitAdvice(profile)}`);
}
